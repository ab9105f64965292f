import { type Box, checkBox } from './box.js';
import { boxIou } from './box-iou.js';
import { hungarianAssignment } from './hungarian-assignment.js';

export interface MatchBoxesOptions {
  /** A reference and a test box may be paired only when their IoU is at least this (0 < t ≤ 1). */
  iouThreshold?: number;
}

/** One pair of the matching: indices into the reference and test lists, and their IoU. */
export interface BoxMatch {
  readonly ref: number;
  readonly test: number;
  readonly iou: number;
}

export interface BoxMatching {
  /** Sorted by reference index. */
  readonly matches: readonly BoxMatch[];
  /** Indices of reference boxes left without a partner (false negatives), ascending. */
  readonly unmatchedRef: readonly number[];
  /** Indices of test boxes left without a partner (false positives), ascending. */
  readonly unmatchedTest: readonly number[];
}

/**
 * Pairs test boxes with reference boxes one-to-one so that the total IoU of the pairs is as large as
 * possible, allowing only pairs with IoU ≥ iouThreshold (default 0.5). Solved exactly with the
 * Hungarian algorithm on the IoU matrix, where a pair below the threshold counts 0 — the same as
 * leaving both unmatched — and is dropped afterwards. Unlike COCO's greedy matching, no score is
 * needed and the result does not depend on the order of the boxes (up to ties in total IoU).
 */
export function matchBoxes(
  reference: readonly Box[],
  test: readonly Box[],
  options: MatchBoxesOptions = {},
): BoxMatching {
  const threshold = options.iouThreshold ?? 0.5;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`matchBoxes: iouThreshold must be in (0, 1], got ${threshold}`);
  }
  for (const [i, box] of reference.entries()) checkBox(box, `matchBoxes: reference[${i}]`);
  for (const [j, box] of test.entries()) checkBox(box, `matchBoxes: test[${j}]`);

  const iou = reference.map((r) => test.map((t) => boxIou(r, t)));
  const allowed = iou.map((row) => row.map((v) => (v >= threshold ? v : 0)));
  const { pairs } = hungarianAssignment(allowed, { maximize: true });

  const matches: BoxMatch[] = [];
  const refMatched = new Uint8Array(reference.length);
  const testMatched = new Uint8Array(test.length);
  for (const [r, t] of pairs) {
    const value = iou[r]![t]!;
    if (value < threshold) continue;
    matches.push({ ref: r, test: t, iou: value });
    refMatched[r] = 1;
    testMatched[t] = 1;
  }
  return {
    matches,
    unmatchedRef: unmarked(refMatched),
    unmatchedTest: unmarked(testMatched),
  };
}

function unmarked(marks: Uint8Array): number[] {
  const out: number[] = [];
  marks.forEach((m, i) => {
    if (!m) out.push(i);
  });
  return out;
}
