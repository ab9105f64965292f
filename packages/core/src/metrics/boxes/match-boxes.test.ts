import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box } from './box.js';
import { boxIou } from './box-iou.js';
import { matchBoxes } from './match-boxes.js';

const box = (x0: number, y0: number, x1: number, y1: number): Box => ({ min: [x0, y0], max: [x1, y1] });
/** A box of height 1, so that IoU is the IoU of the x intervals. */
const span = (x0: number, x1: number): Box => box(x0, 0, x1, 1);

describe('matchBoxes on hand-checkable cases', () => {
  // R1 = [0,10], R2 = [3,13]; T1 = [1,11], T2 = [-2,8].
  // IoU(R1,T1) = 9/11, IoU(R1,T2) = 8/12, IoU(R2,T1) = 8/12, IoU(R2,T2) = 5/15.
  // Greedy on IoU would take R1–T1 (9/11) and leave R2–T2 below 0.5: total 0.82, one match.
  // The optimum is R1–T2 + R2–T1 = 4/3, two matches.
  const reference = [span(0, 10), span(3, 13)];
  const test = [span(1, 11), span(-2, 8)];

  it('maximises the total IoU rather than taking the best pair first', () => {
    const m = matchBoxes(reference, test);
    expect(m.matches.map(({ ref, test }) => [ref, test])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(m.matches[0]!.iou).toBeCloseTo(2 / 3, 15);
    expect(m.matches[1]!.iou).toBeCloseTo(2 / 3, 15);
    expect(m.unmatchedRef).toEqual([]);
    expect(m.unmatchedTest).toEqual([]);
  });

  it('never pairs boxes below the threshold', () => {
    // At 0.7 only R1–T1 (9/11 ≈ 0.82) qualifies.
    const m = matchBoxes(reference, test, { iouThreshold: 0.7 });
    expect(m.matches).toEqual([{ ref: 0, test: 0, iou: 9 / 11 }]);
    expect(m.unmatchedRef).toEqual([1]);
    expect(m.unmatchedTest).toEqual([1]);
  });

  it('accepts an IoU exactly at the threshold', () => {
    // [0,2]×[0,1] inside [0,2]²: intersection 2, union 4 → IoU exactly 0.5.
    expect(matchBoxes([box(0, 0, 2, 2)], [box(0, 0, 2, 1)]).matches).toEqual([{ ref: 0, test: 0, iou: 0.5 }]);
  });

  it('handles empty lists', () => {
    expect(matchBoxes([], [])).toEqual({ matches: [], unmatchedRef: [], unmatchedTest: [] });
    expect(matchBoxes([span(0, 1)], [])).toEqual({ matches: [], unmatchedRef: [0], unmatchedTest: [] });
    expect(matchBoxes([], [span(0, 1), span(2, 3)])).toEqual({
      matches: [],
      unmatchedRef: [],
      unmatchedTest: [0, 1],
    });
  });

  it('rejects bad thresholds and boxes with a message', () => {
    expect(() => matchBoxes([], [], { iouThreshold: 0 })).toThrow(/iouThreshold must be in \(0, 1\]/);
    expect(() => matchBoxes([], [], { iouThreshold: Number.NaN })).toThrow(RangeError);
    expect(() => matchBoxes([box(0, 0, 1, Number.NaN)], [])).toThrow(/reference\[0\] must have finite/);
    expect(() => matchBoxes([], [span(0, 1), box(3, 3, 2, 4)])).toThrow(
      /test\[1\] has min \[3, 3\] beyond max/,
    );
  });
});

/** The best total IoU over every one-to-one matching of allowed pairs, by exhaustive search. */
function bruteForceBestTotal(reference: Box[], test: Box[], threshold: number): number {
  const usedTest = new Array<boolean>(test.length).fill(false);
  const best = (r: number): number => {
    if (r === reference.length) return 0;
    let total = best(r + 1); // reference r stays unmatched
    for (let t = 0; t < test.length; t++) {
      const iou = boxIou(reference[r]!, test[t]!);
      if (usedTest[t] || iou < threshold) continue;
      usedTest[t] = true;
      total = Math.max(total, iou + best(r + 1));
      usedTest[t] = false;
    }
    return total;
  };
  return best(0);
}

describe('matchBoxes against exhaustive search (fast-check)', () => {
  const arbitraryBox = fc
    .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 8 }))
    .chain(([x, y, w]) => fc.integer({ min: 1, max: 8 }).map((h) => box(x, y, x + w, y + h)));
  const boxes = fc.array(arbitraryBox, { maxLength: 6 });

  it('finds the largest total IoU, with every pair at or above the threshold', () => {
    fc.assert(
      fc.property(boxes, boxes, fc.constantFrom(0.1, 0.3, 0.5, 0.75), (reference, test, threshold) => {
        const m = matchBoxes(reference, test, { iouThreshold: threshold });
        const total = m.matches.reduce((sum, { iou }) => sum + iou, 0);
        expect(total).toBeCloseTo(bruteForceBestTotal(reference, test, threshold), 12);
        for (const { ref, test: t, iou } of m.matches) {
          expect(iou).toBe(boxIou(reference[ref]!, test[t]!));
          expect(iou).toBeGreaterThanOrEqual(threshold);
        }
        const refs = [...m.matches.map((x) => x.ref), ...m.unmatchedRef].sort((a, b) => a - b);
        const tests = [...m.matches.map((x) => x.test), ...m.unmatchedTest].sort((a, b) => a - b);
        expect(refs).toEqual(reference.map((_, i) => i));
        expect(tests).toEqual(test.map((_, i) => i));
      }),
      { seed: 6, numRuns: 400 },
    );
  });
});
