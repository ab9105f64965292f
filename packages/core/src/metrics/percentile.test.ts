import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.js';

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
