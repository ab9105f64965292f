import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionByLargestRemainder } from './largest-remainder.js';

describe('apportionByLargestRemainder on worked examples', () => {
  it('reproduces the Hare-quota example of the largest remainder method', () => {
    // Wikipedia, "Largest remainders method" (Hare quota example): 100 000 votes for six parties
    // (47 000, 16 000, 15 800, 12 000, 6 100, 3 100), 10 seats. Quotas 4.70, 1.60, 1.58, 1.20, 0.61, 0.31:
    // 7 seats by whole parts, the 3 left to the remainders .70, .61, .60 → 5, 2, 1, 1, 1, 0.
    const votes = [47_000, 16_000, 15_800, 12_000, 6_100, 3_100];
    const shares = votes.map((v) => v / 100_000);
    expect(apportionByLargestRemainder(10, shares, [0, 0, 0, 0, 0, 0])).toEqual([5, 2, 1, 1, 1, 0]);
  });

  it('breaks equal remainders by priority, then by the lower index', () => {
    // 10 × (0.7, 0.15, 0.15) = 7, 1.5, 1.5: one item left, remainders .5 and .5 tie.
    expect(apportionByLargestRemainder(10, [0.7, 0.15, 0.15], [0, 0, 0])).toEqual([7, 2, 1]);
    expect(apportionByLargestRemainder(10, [0.7, 0.15, 0.15], [0, 0, 1])).toEqual([7, 1, 2]);
  });

  it('treats remainders equal but for float noise as a tie', () => {
    // 2 × (0.3, 0.1 × 3, 0.4) = 0.6, 0.6000000000000001, 0.8: two items left, one to 0.8; the 0.6s tie.
    expect(0.1 * 3).not.toBe(0.3);
    expect(apportionByLargestRemainder(2, [0.3, 0.1 * 3, 0.4], [0, 0, 0])).toEqual([1, 0, 1]);
    expect(apportionByLargestRemainder(2, [0.3, 0.1 * 3, 0.4], [0, 1, 0])).toEqual([0, 1, 1]);
  });

  it('gives exact quotas when there is no remainder, and nothing to a zero share', () => {
    expect(apportionByLargestRemainder(20, [0.5, 0.25, 0.25], [0, 0, 0])).toEqual([10, 5, 5]);
    expect(apportionByLargestRemainder(3, [0.5, 0, 0.5], [0, 9, 0])).toEqual([2, 0, 1]);
    expect(apportionByLargestRemainder(0, [0.7, 0.15, 0.15], [0, 0, 0])).toEqual([0, 0, 0]);
  });
});

describe('apportionByLargestRemainder properties', () => {
  const shares = fc
    .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 })
    .filter((weights) => weights.some((w) => w > 0))
    .map((weights) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      return weights.map((w) => w / sum);
    });

  it('rounds every quota down or up, sums to the total, and rounds up the largest remainders', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), shares, (total, s) => {
        const counts = apportionByLargestRemainder(
          total,
          s,
          s.map(() => 0),
        );
        expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
        const remainders = s.map((share, i) => total * share - counts[i]!);
        // Each count within one of its quota: the remainder quota − count lies in (−1, 1).
        for (const r of remainders) expect(Math.abs(r)).toBeLessThan(1 + 1e-9);
        // Hamilton: every party rounded up (r < 0) had a fractional part at least that of any rounded down.
        const roundedUp = remainders.map((r) => r + 1).filter((_, i) => remainders[i]! < -1e-9);
        const roundedDown = remainders.filter((r) => r > 1e-9);
        for (const up of roundedUp)
          for (const down of roundedDown) expect(up).toBeGreaterThanOrEqual(down - 1e-9);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
