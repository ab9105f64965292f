import { describe, expect, it } from 'vitest';
import type { ScoredBox } from '../metrics/boxes/box.js';
import { weightedBoxFusion } from './weighted-box-fusion.js';

function box(x1: number, y1: number, x2: number, y2: number, score: number): ScoredBox {
  return { min: [x1, y1], max: [x2, y2], score };
}

function corners(b: ScoredBox): number[] {
  return [b.min[0], b.min[1], b.max[0], b.max[1]];
}

function expectCorners(b: ScoredBox, wanted: number[]): void {
  corners(b).forEach((c, i) => expect(c).toBeCloseTo(wanted[i]!, 12));
}

// Worked by hand with the algorithm of Solovyev et al. 2021 (arXiv:1910.13302, section 3, steps 1–6) as
// ensemble_boxes.weighted_boxes_fusion runs it: sort by score, match against the fused boxes by IoU >
// threshold, fused corners = Σ score·corner / Σ score, score = mean score × min(boxes, readers) / readers.
describe('weightedBoxFusion (hand-worked)', () => {
  it('fuses two overlapping boxes and scales a lone box by 1/readers', () => {
    const fused = weightedBoxFusion([
      [box(0, 0, 10, 10, 0.9)],
      [box(1, 1, 11, 11, 0.6)],
      [box(50, 50, 60, 60, 0.3)],
    ]);
    // IoU of the first two = 9·9 / (100 + 100 − 81) = 81/119 ≈ 0.68 > 0.55 → one cluster.
    // Corners: (0.9·0 + 0.6·1)/1.5 = 0.4 and (0.9·10 + 0.6·11)/1.5 = 10.4. Score: (0.9+0.6)/2 × 2/3 = 0.5.
    expect(fused).toHaveLength(2);
    expectCorners(fused[0]!, [0.4, 0.4, 10.4, 10.4]);
    expect(fused[0]!.score).toBeCloseTo(0.5, 12);
    expect(fused[0]!.support).toBe(2);
    expect(fused[0]!.sources).toEqual([
      { reader: 0, box: 0 },
      { reader: 1, box: 0 },
    ]);
    // The third reader's box overlaps nothing: its score 0.3 × 1/3.
    expectCorners(fused[1]!, [50, 50, 60, 60]);
    expect(fused[1]!.score).toBeCloseTo(0.1, 12);
    expect(fused[1]!.support).toBe(1);
  });

  it('matches later boxes against the fused box, not the first member', () => {
    // A (0,0)-(10,10) 0.5 and B (2,0)-(12,10) 0.5: IoU 80/120 ≈ 0.67 → fused (1,0)-(11,10).
    // C (3.5,0)-(13.5,10) 0.4: IoU with A alone is 65/135 ≈ 0.48, but with the fused box 75/125 = 0.6 → joins.
    // Corners x: (0.5·0 + 0.5·2 + 0.4·3.5)/1.4 = 2.4/1.4 and (0.5·10 + 0.5·12 + 0.4·13.5)/1.4 = 16.4/1.4.
    // Score: 1.4/3 × 3/3.
    const fused = weightedBoxFusion([
      [box(0, 0, 10, 10, 0.5)],
      [box(2, 0, 12, 10, 0.5)],
      [box(3.5, 0, 13.5, 10, 0.4)],
    ]);
    expect(fused).toHaveLength(1);
    expectCorners(fused[0]!, [2.4 / 1.4, 0, 16.4 / 1.4, 10]);
    expect(fused[0]!.score).toBeCloseTo(1.4 / 3, 12);
    expect(fused[0]!.support).toBe(3);
  });

  it('keeps identical readers’ boxes and scores', () => {
    const boxes = [box(5, 5, 20, 30, 0.8), box(100, 40, 130, 90, 1)];
    const fused = weightedBoxFusion([boxes, boxes, boxes]);
    // Three identical members: the weighted mean is the box, the mean score is its score, and 3/3 = 1.
    expect(fused).toHaveLength(2);
    expectCorners(fused[0]!, corners(boxes[1]!));
    expect(fused[0]!.score).toBeCloseTo(1, 12);
    expectCorners(fused[1]!, corners(boxes[0]!));
    expect(fused[1]!.score).toBeCloseTo(0.8, 12);
    expect(fused.map((f) => f.support)).toEqual([3, 3]);
  });

  it('gives a box only one of three readers drew its score × 1/3', () => {
    const fused = weightedBoxFusion([[box(0, 0, 4, 4, 0.9)], [], []]);
    expect(fused[0]!.score).toBeCloseTo(0.3, 12);
    expect(fused[0]!.support).toBe(1);
  });

  it('caps the count at the number of readers when one reader drew two boxes of a cluster', () => {
    // Two readers; reader 0 drew two near-identical boxes. Cluster of 3 boxes: mean score (1+1+0.7)/3 = 0.9,
    // × min(3, 2)/2 = 1 → 0.9, while support counts the 2 distinct readers.
    const fused = weightedBoxFusion([
      [box(0, 0, 10, 10, 1), box(0, 0, 10, 10.5, 0.7)],
      [box(0, 0, 10, 10, 1)],
    ]);
    expect(fused).toHaveLength(1);
    expect(fused[0]!.score).toBeCloseTo(0.9, 12);
    expect(fused[0]!.support).toBe(2);
    expect(fused[0]!.sources).toHaveLength(3);
  });

  it('needs IoU strictly above the threshold, and skips low scores and empty boxes', () => {
    // (0,0)-(10,10) and (0,0)-(10,5): IoU exactly 50/100 = 0.5 → not merged at threshold 0.5.
    const pair = [[box(0, 0, 10, 10, 1)], [box(0, 0, 10, 5, 1)]];
    expect(weightedBoxFusion(pair, { iouThreshold: 0.5 })).toHaveLength(2);
    expect(weightedBoxFusion(pair, { iouThreshold: 0.49 })).toHaveLength(1);
    const skipped = weightedBoxFusion([[box(0, 0, 10, 10, 0.2), box(3, 3, 3, 9, 1)]], {
      skipBoxThreshold: 0.3,
    });
    expect(skipped).toEqual([]);
  });

  it("with confType 'max' takes the highest member score, unscaled", () => {
    const fused = weightedBoxFusion([[box(0, 0, 10, 10, 0.9)], [box(1, 1, 11, 11, 0.6)], []], {
      confType: 'max',
    });
    expect(fused[0]!.score).toBeCloseTo(0.9, 12);
    expectCorners(fused[0]!, [0.4, 0.4, 10.4, 10.4]);
  });

  it('rejects malformed boxes and options', () => {
    expect(() => weightedBoxFusion([[box(5, 0, 1, 10, 1)]])).toThrow(/max must not be below min/);
    expect(() => weightedBoxFusion([[box(0, 0, 1, 1, -0.1)]])).toThrow(/score/);
    expect(() => weightedBoxFusion([[box(0, Number.NaN, 1, 1, 1)]])).toThrow(/finite/);
    expect(() => weightedBoxFusion([], { iouThreshold: 2 })).toThrow(/iouThreshold/);
    // @ts-expect-error: not a confidence type
    expect(() => weightedBoxFusion([], { confType: 'sum' })).toThrow(/confType/);
  });
});
