import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box, ScoredBox } from './box.js';
import {
  cocoAveragePrecision,
  cocoAveragePrecisionOverThresholds,
  cocoMeanAveragePrecision,
  cocoPrecisionCurves,
} from './coco-average-precision.js';
import { type CocoImage, evaluateCocoImage } from './coco-image-evaluation.js';

const box = (x0: number, y0: number, x1: number, y1: number): Box => ({ min: [x0, y0], max: [x1, y1] });
const scored = (b: Box, score: number): ScoredBox => ({ ...b, score });

// pycocotools divides by tp + fp + np.spacing(1), so a "perfect" precision is 1/(1 + 2⁻⁵²), not 1;
// hence toBeCloseTo(1, 14) rather than toBe(1) below.
const FAR = box(1000, 1000, 1010, 1010); // overlaps nothing in these tests

// The 101-point rule (COCOeval.accumulate): with recall points r = 0, 0.01, …, 1, AP is the mean over
// r of the envelope precision at the first rank whose recall is ≥ r (np.searchsorted, side 'left'),
// or 0 when no rank reaches r. "51 points" below are r = 0.00 … 0.50, "50 points" r = 0.51 … 1.00.
describe('COCO AP on hand-worked cases', () => {
  it('is 1 for a perfect detection', () => {
    // One reference, one identical detection: tp = [1], recall = [1], precision = [1/(1 + 2⁻⁵²)]; every r
    // maps to rank 0.
    const images: CocoImage[] = [
      { reference: [box(0, 0, 10, 10)], detections: [scored(box(0, 0, 10, 10), 0.9)] },
    ];
    expect(cocoAveragePrecision(images)).toBeCloseTo(1, 14);
    expect(cocoAveragePrecisionOverThresholds(images)).toBeCloseTo(1, 14);
  });

  it('is 1/2 for one true positive ranked after a false positive', () => {
    // Ranks: FP (0.9), TP (0.8). tp = [0, 1], fp = [1, 1] → recall [0, 1], precision [0, 1/2].
    // Envelope from the right: [1/2, 1/2]. r = 0 → rank 0 (recall 0 ≥ 0) → 1/2; r > 0 → rank 1 → 1/2.
    const images: CocoImage[] = [
      { reference: [box(0, 0, 10, 10)], detections: [scored(FAR, 0.9), scored(box(0, 0, 10, 10), 0.8)] },
    ];
    expect(cocoAveragePrecision(images)).toBeCloseTo(0.5, 14);
    const curve = cocoPrecisionCurves(images, { iouThresholds: [0.5] })![0]!;
    expect(curve.recall).toBe(1);
    expect(curve.precision.every((p) => Math.abs(p - 0.5) < 1e-15)).toBe(true);
  });

  it('is 253/303 for TP, FP, TP over two references', () => {
    // tp = [1, 1, 2], fp = [0, 1, 1] → recall [.5, .5, 1], precision [1, 1/2, 2/3], envelope
    // [1, 2/3, 2/3]. 51 points (r ≤ .5) read rank 0 → 1; 50 points read rank 2 → 2/3.
    // AP = (51·1 + 50·2/3)/101 = 253/303.
    const a = box(0, 0, 10, 10);
    const b = box(20, 0, 30, 10);
    const images: CocoImage[] = [
      { reference: [a, b], detections: [scored(a, 0.9), scored(FAR, 0.8), scored(b, 0.7)] },
    ];
    expect(cocoAveragePrecision(images)).toBeCloseTo(253 / 303, 14);
  });

  it('stops at the highest recall reached: 51/101 when half the references are found', () => {
    // tp = [1], recall [.5], precision [1]: 51 points read rank 0, the other 50 find no rank → 0.
    const a = box(0, 0, 10, 10);
    const images: CocoImage[] = [{ reference: [a, box(20, 0, 30, 10)], detections: [scored(a, 0.9)] }];
    expect(cocoAveragePrecision(images)).toBeCloseTo(51 / 101, 14);
    expect(cocoPrecisionCurves(images)![0]!.recall).toBe(0.5);
  });

  it('matches greedily by score, not optimally', () => {
    // Height-1 boxes, so IoU is the IoU of the x intervals. R1 = [0,10], R2 = [3,13]; T1 = [1,11]
    // (score .9), T2 = [-2,8] (score .8). IoU(T1,R1) = 9/11, IoU(T1,R2) = 8/12, IoU(T2,R1) = 8/12,
    // IoU(T2,R2) = 5/15. T1 takes its best, R1; T2 is left with R2 at 1/3 < .5 → FP. Ranks TP, FP:
    // recall [.5, .5] → 51/101. (An optimal matching would pair T1–R2 and T2–R1: two TPs.)
    const r1 = box(0, 0, 10, 1);
    const r2 = box(3, 0, 13, 1);
    const images: CocoImage[] = [
      { reference: [r1, r2], detections: [scored(box(1, 0, 11, 1), 0.9), scored(box(-2, 0, 8, 1), 0.8)] },
    ];
    expect(cocoAveragePrecision(images)).toBeCloseTo(51 / 101, 14);
  });

  it('gives a tie in IoU to the later reference, as pycocotools does', () => {
    // A = [0,2]², B = [2,4]×[0,2]; D1 = [1,3]×[0,2] overlaps each by 2 with union 6 → IoU 1/3 for both.
    // pycocotools accepts an IoU ≥ the best so far, so D1 ends on B; D2 (= A) then finds A free.
    // Both TP → AP = 1. Had D1 taken A, D2 would be an FP and AP = 51/101.
    const a = box(0, 0, 2, 2);
    const image: CocoImage = {
      reference: [a, box(2, 0, 4, 2)],
      detections: [scored(box(1, 0, 3, 2), 0.9), scored(a, 0.8)],
    };
    expect(Array.from(evaluateCocoImage(image, [0.3], 100).matched[0]!)).toEqual([1, 1]);
    expect(cocoAveragePrecision([image], { iouThreshold: 0.3 })).toBeCloseTo(1, 14);
  });

  it('matches at an IoU exactly equal to the threshold', () => {
    // [0,2]×[0,1] inside [0,2]²: intersection 2, union 4 → IoU exactly 0.5.
    const images: CocoImage[] = [{ reference: [box(0, 0, 2, 2)], detections: [scored(box(0, 0, 2, 1), 1)] }];
    expect(cocoAveragePrecision(images, { iouThreshold: 0.5 })).toBeCloseTo(1, 14);
    expect(cocoAveragePrecision(images, { iouThreshold: 0.55 })).toBe(0);
  });

  it('averages over the ten IoU thresholds for AP@[.50:.95]', () => {
    // [0,10]×[0,7.2] inside [0,10]²: IoU 0.72, a TP at 0.50 … 0.70 (5 thresholds), missed at 0.75 …
    // 0.95 (AP 0) → mean 5/10.
    const images: CocoImage[] = [
      { reference: [box(0, 0, 10, 10)], detections: [scored(box(0, 0, 10, 7.2), 1)] },
    ];
    expect(cocoAveragePrecisionOverThresholds(images)).toBeCloseTo(0.5, 14);
    expect(cocoPrecisionCurves(images)!.map((c) => c.averagePrecision > 0)).toEqual([
      ...Array(5).fill(true),
      ...Array(5).fill(false),
    ]);
  });

  it('ranks detections of all images together', () => {
    // Image 1: one reference found by a 0.5 detection. Image 2: no reference, a 0.9 detection.
    // Global ranks FP (0.9), TP (0.5) → AP 1/2, as in the FP-then-TP case.
    const a = box(0, 0, 10, 10);
    const images: CocoImage[] = [
      { reference: [a], detections: [scored(a, 0.5)] },
      { reference: [], detections: [scored(a, 0.9)] },
    ];
    expect(cocoAveragePrecision(images)).toBeCloseTo(0.5, 14);
  });

  it('breaks score ties across images by image order (numpy mergesort is stable)', () => {
    // Equal scores: the FP of the first image ranks first → FP, TP → 1/2. Swapped: TP, FP →
    // recall [1, 1], envelope [1, 1/2]; every r reads rank 0 → AP 1.
    const a = box(0, 0, 10, 10);
    const fpImage: CocoImage = { reference: [], detections: [scored(FAR, 0.8)] };
    const tpImage: CocoImage = { reference: [a], detections: [scored(a, 0.8)] };
    expect(cocoAveragePrecision([fpImage, tpImage])).toBeCloseTo(0.5, 14);
    expect(cocoAveragePrecision([tpImage, fpImage])).toBeCloseTo(1, 14);
  });

  it('keeps only the top maxDetections per image', () => {
    // FP (0.9) and TP (0.8): with maxDetections 1 only the FP is kept → recall 0 → AP 0.
    const a = box(0, 0, 10, 10);
    const images: CocoImage[] = [{ reference: [a], detections: [scored(a, 0.8), scored(FAR, 0.9)] }];
    expect(cocoAveragePrecision(images, { maxDetections: 1 })).toBe(0);
    expect(cocoAveragePrecision(images)).toBeCloseTo(0.5, 14);
  });

  it('is null without references and 0 without detections', () => {
    expect(cocoAveragePrecision([])).toBeNull();
    expect(cocoAveragePrecision([{ reference: [], detections: [scored(FAR, 1)] }])).toBeNull();
    expect(cocoAveragePrecisionOverThresholds([{ reference: [], detections: [] }])).toBeNull();
    expect(cocoAveragePrecision([{ reference: [FAR], detections: [] }])).toBe(0);
  });

  it('averages only the classes that have references for mAP', () => {
    // 'perfect': AP 1 at every threshold. 'late': FP then exact TP → 1/2 at every threshold.
    // 'ghost': detections only → null and left out. mAP = (1 + 1/2)/2.
    const a = box(0, 0, 10, 10);
    const byClass = {
      perfect: [{ reference: [a], detections: [scored(a, 0.7)] }],
      late: [{ reference: [a], detections: [scored(FAR, 0.9), scored(a, 0.8)] }],
      ghost: [{ reference: [], detections: [scored(a, 0.9)] }],
    };
    const result = cocoMeanAveragePrecision(byClass);
    expect(result.byClass.ghost).toBeNull();
    expect(result.byClass.perfect).toBeCloseTo(1, 14);
    expect(result.byClass.late).toBeCloseTo(0.5, 14);
    expect(result.meanAveragePrecision).toBeCloseTo(0.75, 14);
    expect(cocoMeanAveragePrecision(new Map(Object.entries(byClass))).meanAveragePrecision).toBeCloseTo(
      0.75,
      14,
    );
    expect(cocoMeanAveragePrecision({ ghost: byClass.ghost }).meanAveragePrecision).toBeNull();
  });

  it('rejects malformed input with a message naming it', () => {
    const a = box(0, 0, 10, 10);
    expect(() => cocoAveragePrecision([{ reference: [box(5, 0, 1, 1)], detections: [] }])).toThrow(
      /images\[0\]\.reference\[0\] has min \[5, 0\] beyond max/,
    );
    expect(() => cocoAveragePrecision([{ reference: [a], detections: [scored(a, Number.NaN)] }])).toThrow(
      /images\[0\]\.detections\[0\] must have a finite score/,
    );
    expect(() => cocoAveragePrecision([{ reference: [a] } as unknown as CocoImage])).toThrow(TypeError);
    expect(() => cocoAveragePrecision([], { maxDetections: 0 })).toThrow(/maxDetections/);
    expect(() => cocoAveragePrecision([], { iouThreshold: 1.5 })).toThrow(/IoU threshold/);
    expect(() =>
      cocoMeanAveragePrecision({ cars: [{ reference: [a], detections: [] }, null as never] }),
    ).toThrow(/class 'cars'.*images\[1\]/);
  });
});

/** Boxes with integer corners in a 30×30 field and positive area, so that many overlap. */
const arbitraryBox = fc
  .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 1, max: 12 }))
  .chain(([x, y, w]) => fc.integer({ min: 1, max: 12 }).map((h) => box(x, y, x + w, y + h)));
const arbitraryImage = fc.record({
  reference: fc.array(arbitraryBox, { maxLength: 4 }),
  detections: fc.array(
    fc.tuple(arbitraryBox, fc.integer({ min: 0, max: 10 })).map(([b, s]) => scored(b, s / 10)),
    { maxLength: 6 },
  ),
});
const arbitraryImages = fc.array(arbitraryImage, { minLength: 1, maxLength: 3 });
const RUNS = { seed: 6, numRuns: 300 };

describe('COCO AP properties (fast-check)', () => {
  it('lies in [0, 1], and is null exactly when there is no reference', () => {
    fc.assert(
      fc.property(arbitraryImages, (images) => {
        const hasReference = images.some((image) => image.reference.length > 0);
        for (const curve of cocoPrecisionCurves(images) ?? []) {
          expect(curve.averagePrecision).toBeGreaterThanOrEqual(0);
          expect(curve.averagePrecision).toBeLessThanOrEqual(1);
        }
        expect(cocoPrecisionCurves(images) !== null).toBe(hasReference);
      }),
      RUNS,
    );
  });

  it('is 1 when the detections are exactly the references, whatever their scores', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.tuple(arbitraryBox, fc.double({ min: 0, max: 1, noNaN: true })), {
            minLength: 1,
            maxLength: 5,
          }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        (perImage) => {
          const images = perImage.map((boxes) => ({
            reference: boxes.map(([b]) => b),
            detections: boxes.map(([b, s]) => scored(b, s)),
          }));
          for (const curve of cocoPrecisionCurves(images)!) expect(curve.averagePrecision).toBeCloseTo(1, 14);
        },
      ),
      RUNS,
    );
  });

  it('does not increase when a false positive with the top score is added', () => {
    fc.assert(
      fc.property(arbitraryImages, fc.nat(), (images, at) => {
        const target = at % images.length;
        const top = Math.max(0, ...images.flatMap((image) => image.detections.map((d) => d.score))) + 1;
        const withFalsePositive = images.map((image, i) =>
          i === target ? { ...image, detections: [...image.detections, scored(FAR, top)] } : image,
        );
        const before = cocoPrecisionCurves(images);
        const after = cocoPrecisionCurves(withFalsePositive);
        expect(after === null).toBe(before === null);
        for (const [t, curve] of (before ?? []).entries()) {
          expect(after![t]!.averagePrecision).toBeLessThanOrEqual(curve.averagePrecision);
        }
      }),
      RUNS,
    );
  });
});
