import { describe, expect, it } from 'vitest';
import { percentile, percentileInPlace } from './percentile.js';

// Expected values from numpy 1.x/2.x: np.percentile(values, p) with the default linear method.
describe('percentile', () => {
  it.each([
    [[1, 2, 3, 4], 95, 3.85],
    [[1, 2, 3, 4], 50, 2.5],
    [[4, 1, 3, 2], 0, 1],
    [[4, 1, 3, 2], 100, 4],
    [[7], 95, 7],
    [[0, 10], 25, 2.5],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 95, 0.05],
  ])('of %j at %d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 12);
  });

  it('does not reorder its input', () => {
    const values = new Float64Array([3, 1, 2]);
    percentile(values, 50);
    expect([...values]).toEqual([3, 1, 2]);
  });

  it('is NaN for no values and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
  });
});

describe('percentileInPlace', () => {
  /** numpy's linear percentile by its definition: sort, then interpolate at rank (n − 1)·p/100. */
  function bySorting(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    const rank = ((sorted.length - 1) * p) / 100;
    const lower = Math.floor(rank);
    const upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
  }

  it.each([
    [
      'random',
      (i: number) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453),
    ],
    ['few distinct', (i: number) => (i * 7) % 5],
    ['ascending', (i: number) => i],
    ['descending', (i: number) => -i],
    ['constant', () => 3],
  ])('selects like sorting on %s values', (_, value) => {
    for (const n of [1, 2, 3, 10, 1001]) {
      const values = Array.from({ length: n }, (_, i) => value(i));
      for (const p of [0, 5, 50, 95, 99.9, 100]) {
        expect(percentileInPlace(Float64Array.from(values), p)).toBeCloseTo(bySorting(values, p), 12);
      }
    }
  });
});
