import { describe, expect, it } from 'vitest';
import { blobs, nearest, random, surfacePoints } from './brute-force-surfaces.js';
import { maskMetrics } from './mask-metrics.js';
import type { Index3 } from './voxel-box.js';

/** numpy's linear percentile, by sorting. */
function numpyPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = ((sorted.length - 1) * p) / 100;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}

describe('maskMetrics against brute force on random masks', () => {
  // 12 wide rows are whole 32-bit words (the census reads them four voxels at a time); 13 are not.
  // Sparse blobs leave slices without surface between others, which the transform must bridge.
  const cases: { dims: Index3; spacing: Index3; blobs: number }[] = [
    { dims: [12, 10, 9], spacing: [0.7, 0.7, 2], blobs: 6 },
    { dims: [13, 11, 8], spacing: [1.1, 0.6, 1.7], blobs: 3 },
    { dims: [16, 9, 14], spacing: [0.75, 0.75, 1], blobs: 2 },
    { dims: [8, 8, 20], spacing: [1, 1, 3], blobs: 4 },
  ];
  for (const [index, { dims, spacing, blobs: count }] of cases.entries()) {
    for (const seed of [1, 2, 3]) {
      it(`case ${index + 1} (${dims.join('×')}), seed ${seed}`, () => {
        const next = random(seed * 100 + index);
        const ref = blobs(dims, count, next);
        const test = blobs(dims, count, next);
        const refSurface = surfacePoints(ref, dims);
        const testSurface = surfacePoints(test, dims);
        const dRt = nearest(refSurface, testSurface, spacing);
        const dTr = nearest(testSurface, refSurface, spacing);
        const tolerance = 1.5;
        const m = maskMetrics(ref, test, dims, spacing, { tolerance });
        expect(m.surfaceVoxelsRef).toBe(refSurface.length);
        expect(m.surfaceVoxelsTest).toBe(testSurface.length);
        expect(m.hd).toBeCloseTo(Math.max(...dRt, ...dTr), 9);
        expect(m.hd95).toBeCloseTo(Math.max(numpyPercentile(dRt, 95), numpyPercentile(dTr, 95)), 9);
        const pooled = [...dRt, ...dTr];
        expect(m.assd).toBeCloseTo(pooled.reduce((a, b) => a + b, 0) / pooled.length, 9);
        expect(m.nsd).toBeCloseTo(pooled.filter((d) => d <= tolerance).length / pooled.length, 12);
        expect(m.refToTest?.max).toBeCloseTo(Math.max(...dRt), 9);
        expect(m.testToRef?.mean).toBeCloseTo(dTr.reduce((a, b) => a + b, 0) / dTr.length, 9);
      });
    }
  }

  it('gives the same answer for the same labels in any array type', () => {
    const dims: Index3 = [12, 10, 9];
    const next = random(77);
    const ref = blobs(dims, 5, next);
    const test = blobs(dims, 5, next);
    const bytes = maskMetrics(ref, test, dims, [0.7, 0.8, 2]);
    expect(maskMetrics(Float32Array.from(ref), Int16Array.from(test), dims, [0.7, 0.8, 2])).toEqual(bytes);
    expect(maskMetrics(Array.from(ref), Array.from(test), dims, [0.7, 0.8, 2])).toEqual(bytes);
    // A byte view that is not 4-byte aligned is read voxel by voxel, with the same result.
    const shifted = new Uint8Array(ref.length + 1);
    shifted.set(ref, 1);
    expect(maskMetrics(shifted.subarray(1), test, dims, [0.7, 0.8, 2])).toEqual(bytes);
  });
});
