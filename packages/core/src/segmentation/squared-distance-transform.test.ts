import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { squaredDistanceTransform } from './squared-distance-transform.js';

/** The definition, pixel by pixel: O(n²), fine for a small grid. */
function bruteForce(nx: number, seeds: readonly boolean[]): number[] {
  return seeds.map((_, p) => {
    let best = Number.POSITIVE_INFINITY;
    seeds.forEach((seed, s) => {
      if (seed)
        best = Math.min(best, ((p % nx) - (s % nx)) ** 2 + (Math.floor(p / nx) - Math.floor(s / nx)) ** 2);
    });
    return best;
  });
}

describe('squaredDistanceTransform', () => {
  it('gives exact squared distances to a single seed', () => {
    const d = squaredDistanceTransform(5, 4, (p) => p === 6); // seed at (1, 1)
    expect(d[6]).toBe(0);
    expect(d[0]).toBe(2);
    expect(d[19]).toBe(3 * 3 + 2 * 2); // (4, 3)
  });

  it('matches the brute-force definition on random grids', () => {
    const grid = fc
      .record({ nx: fc.integer({ min: 1, max: 12 }), ny: fc.integer({ min: 1, max: 12 }) })
      .chain(({ nx, ny }) =>
        fc.record({
          nx: fc.constant(nx),
          ny: fc.constant(ny),
          seeds: fc.array(fc.boolean(), { minLength: nx * ny, maxLength: nx * ny }),
        }),
      )
      .filter(({ seeds }) => seeds.some(Boolean));
    fc.assert(
      fc.property(grid, ({ nx, ny, seeds }) => {
        const fast = squaredDistanceTransform(nx, ny, (p) => seeds[p]!);
        expect([...fast]).toEqual(bruteForce(nx, seeds));
      }),
      { numRuns: 300 },
    );
  });

  it('is far (≥ 1e20) everywhere on a grid without seeds', () => {
    const d = squaredDistanceTransform(6, 5, () => false);
    expect(Math.min(...d)).toBeGreaterThanOrEqual(1e20);
  });
});
