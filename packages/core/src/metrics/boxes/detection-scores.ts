import type { Box } from './box.js';
import { type MatchBoxesOptions, matchBoxes } from './match-boxes.js';

/**
 * Counts and rates of a one-to-one box matching (see matchBoxes). A ratio with a zero denominator is
 * null, except that two empty lists agree perfectly (precision = recall = F1 = 1):
 *
 * | reference | test  | precision | recall | F1 |
 * |-----------|-------|-----------|--------|----|
 * | empty     | empty | 1         | 1      | 1  |
 * | empty     | boxes | 0         | null   | 0  |
 * | boxes     | empty | null      | 0      | 0  |
 */
export interface DetectionScores {
  /** Matched pairs. */
  readonly tp: number;
  /** Test boxes left unmatched. */
  readonly fp: number;
  /** Reference boxes left unmatched. */
  readonly fn: number;
  /** TP / (TP + FP); null when there are no test boxes but there are reference boxes. */
  readonly precision: number | null;
  /** TP / (TP + FN); null when there are no reference boxes but there are test boxes. */
  readonly recall: number | null;
  /** 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; 0 when either list alone is empty. */
  readonly f1: number;
}

/** Precision, recall and F1 of test boxes against reference boxes under matchBoxes' optimal matching. */
export function detectionScores(
  reference: readonly Box[],
  test: readonly Box[],
  options: MatchBoxesOptions = {},
): DetectionScores {
  const { matches } = matchBoxes(reference, test, options);
  return scoresFromCounts(matches.length, test.length - matches.length, reference.length - matches.length);
}

function scoresFromCounts(tp: number, fp: number, fn: number): DetectionScores {
  // Nothing to find and nothing found: the test agrees with the reference completely.
  if (tp + fp + fn === 0) return { tp, fp, fn, precision: 1, recall: 1, f1: 1 };
  return {
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    f1: (2 * tp) / (2 * tp + fp + fn),
  };
}
