import { describe, expect, it } from 'vitest';
import type { Box } from './box.js';
import { detectionScores } from './detection-scores.js';

const span = (x0: number, x1: number): Box => ({ min: [x0, 0], max: [x1, 1] });

describe('detectionScores', () => {
  it('counts an optimal matching', () => {
    // References [0,10], [3,13], [40,50]; tests [1,11], [-2,8], [60,70]. The first two of each pair
    // up (IoU 2/3 each, see match-boxes.test.ts); [40,50] and [60,70] overlap nothing.
    // TP 2, FP 1, FN 1 → precision 2/3, recall 2/3, F1 = 2·2/(2·2 + 1 + 1) = 2/3.
    const s = detectionScores(
      [span(0, 10), span(3, 13), span(40, 50)],
      [span(1, 11), span(-2, 8), span(60, 70)],
    );
    expect(s).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(s.precision).toBeCloseTo(2 / 3, 15);
    expect(s.recall).toBeCloseTo(2 / 3, 15);
    expect(s.f1).toBeCloseTo(2 / 3, 15);
  });

  it('has F1 equal to the harmonic mean of precision and recall', () => {
    // Three references, two tests of which one matches: TP 1, FP 1, FN 2 → P 1/2, R 1/3,
    // F1 = 2·(1/2)(1/3)/(1/2 + 1/3) = 2/5 = 2·1/(2 + 1 + 2).
    const s = detectionScores([span(0, 1), span(5, 6), span(9, 10)], [span(0, 1), span(20, 21)]);
    expect(s).toEqual({ tp: 1, fp: 1, fn: 2, precision: 0.5, recall: 1 / 3, f1: 0.4 });
  });

  it('follows the documented empty cases', () => {
    expect(detectionScores([], [])).toEqual({ tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(detectionScores([], [span(0, 1)])).toEqual({
      tp: 0,
      fp: 1,
      fn: 0,
      precision: 0,
      recall: null,
      f1: 0,
    });
    expect(detectionScores([span(0, 1)], [])).toEqual({
      tp: 0,
      fp: 0,
      fn: 1,
      precision: null,
      recall: 0,
      f1: 0,
    });
  });

  it('applies the IoU threshold', () => {
    // [0,10] vs [0,6]: IoU 0.6 — a TP at 0.5, a miss at 0.7.
    expect(detectionScores([span(0, 10)], [span(0, 6)]).tp).toBe(1);
    expect(detectionScores([span(0, 10)], [span(0, 6)], { iouThreshold: 0.7 })).toMatchObject({
      tp: 0,
      fp: 1,
      fn: 1,
    });
  });
});
