import { describe, expect, it } from 'vitest';
import { bootstrapInterval } from './bootstrap-interval.js';
import { cohensKappa } from './cohens-kappa.js';
import type { Rating } from './rating.js';
import { mulberry32 } from './seeded-random.js';
import {
  cohensKappaWithInterval,
  fleissKappaWithInterval,
  krippendorffAlphaWithInterval,
  percentAgreementWithInterval,
} from './with-interval.js';

function mean(items: readonly number[]): number {
  return items.reduce((sum, x) => sum + x, 0) / items.length;
}

/** Two raters who copy a hidden true category (of 4) with probability 0.7, from a fixed seed. */
function raterPair(items: number, seed: number): [Rating[], Rating[]] {
  const random = mulberry32(seed);
  const truth = Array.from({ length: items }, () => Math.floor(random() * 4));
  const rate = (t: number) => (random() < 0.7 ? t : Math.floor(random() * 4));
  return [truth.map(rate), truth.map(rate)];
}

describe('bootstrapInterval', () => {
  it('gives the same interval for the same seed, another for another seed', () => {
    const items = Array.from({ length: 50 }, mulberry32(3));
    const first = bootstrapInterval(mean, items, { seed: 9 });
    expect(bootstrapInterval(mean, items, { seed: 9 })).toEqual(first);
    expect(bootstrapInterval(mean, items, { seed: 10 })).not.toEqual(first);
    expect(first.resamples).toBe(1000);
    expect(first.skipped).toBe(0);
  });

  it('matches the normal approximation for the mean of 400 uniform values', () => {
    // For the mean, the bootstrap distribution is close to normal with sd s/√n, so the 95% percentile
    // interval is about mean ± 1.96·s/√n (Efron & Tibshirani 1993, ch. 13). s ≈ √(1/12) for U(0, 1).
    const items = Array.from({ length: 400 }, mulberry32(17));
    const m = mean(items);
    const s = Math.sqrt(items.reduce((sum, x) => sum + (x - m) ** 2, 0) / (items.length - 1));
    const halfWidth = (1.96 * s) / Math.sqrt(items.length);
    const interval = bootstrapInterval(mean, items, { resamples: 4000, seed: 1 });
    expect(interval.estimate).toBe(m);
    expect(Math.abs(interval.lower! - (m - halfWidth))).toBeLessThan(0.15 * halfWidth);
    expect(Math.abs(interval.upper! - (m + halfWidth))).toBeLessThan(0.15 * halfWidth);
  });

  it('contains the estimate, and narrows about as 1/√n with 16 times the items', () => {
    const small = cohensKappaWithInterval(...raterPair(50, 1), {}, { seed: 4 });
    const large = cohensKappaWithInterval(...raterPair(800, 2), {}, { seed: 4 });
    for (const interval of [small, large]) {
      expect(interval.lower!).toBeLessThan(interval.estimate!);
      expect(interval.upper!).toBeGreaterThan(interval.estimate!);
    }
    const ratio = (large.upper! - large.lower!) / (small.upper! - small.lower!);
    expect(ratio).toBeGreaterThan(0.15);
    expect(ratio).toBeLessThan(0.4);
  });

  it('a narrower confidence gives a nested interval', () => {
    const items = Array.from({ length: 60 }, mulberry32(8));
    const wide = bootstrapInterval(mean, items, { confidence: 0.99 });
    const narrow = bootstrapInterval(mean, items, { confidence: 0.5 });
    expect(narrow.lower!).toBeGreaterThan(wide.lower!);
    expect(narrow.upper!).toBeLessThan(wide.upper!);
  });

  it('skips and counts resamples where the statistic is undefined', () => {
    // Five items, one of them the only "b": a resample misses it with probability (4/5)^5 = 0.328,
    // and then both raters say "a" throughout and kappa is undefined. 1000 resamples: 328 ± 15.
    const a = ['a', 'a', 'a', 'a', 'b'];
    const b = ['a', 'a', 'a', 'a', 'b'];
    const interval = cohensKappaWithInterval(a, b, {}, { resamples: 1000, seed: 12 });
    expect(interval.estimate).toBe(1);
    expect(interval.skipped + interval.resamples).toBe(1000);
    expect(interval.skipped).toBeGreaterThan(328 - 75);
    expect(interval.skipped).toBeLessThan(328 + 75);
    expect(interval.lower).toBe(1);
    expect(interval.upper).toBe(1);
  });

  it('returns null bounds when no resample gives a value', () => {
    const interval = bootstrapInterval(() => null, [1, 2, 3], { resamples: 20 });
    expect(interval).toEqual({ estimate: null, lower: null, upper: null, resamples: 0, skipped: 20 });
    expect(bootstrapInterval(() => Number.NaN, [1], { resamples: 5 }).skipped).toBe(5);
  });

  it('rejects bad options with clear errors', () => {
    expect(() => bootstrapInterval(mean, [], {})).toThrow(/non-empty array of items/);
    expect(() => bootstrapInterval(mean, [1], { resamples: 0 })).toThrow(
      /resamples must be a positive integer/,
    );
    expect(() => bootstrapInterval(mean, [1], { confidence: 1 })).toThrow(
      /confidence must be between 0 and 1/,
    );
    expect(() => bootstrapInterval(mean, [1], { seed: 0.5 })).toThrow(/seed must be an integer/);
  });
});

describe('the interval wrappers', () => {
  it('resample items: the estimate is the statistic on all the data, the bounds bracket it', () => {
    const [a, b] = raterPair(120, 6);
    const options = { resamples: 300, seed: 2 };
    const raters = [a, b, raterPair(120, 6)[0]];
    const items = a.map((_, i) => raters.map((r) => r[i]!));
    for (const interval of [
      percentAgreementWithInterval(a, b, options),
      cohensKappaWithInterval(a, b, { weights: 'quadratic' }, options),
      fleissKappaWithInterval(items, options),
      krippendorffAlphaWithInterval(raters, { level: 'ordinal' }, options),
    ]) {
      expect(interval.resamples).toBe(300);
      expect(interval.lower!).toBeLessThanOrEqual(interval.estimate!);
      expect(interval.upper!).toBeGreaterThanOrEqual(interval.estimate!);
    }
  });

  it('keep the weighted-kappa category positions of the full data in every resample', () => {
    // Category 2 is rated once; a resample without it must still weigh 1 vs 3 as distance 2 and
    // 3 vs 4 as distance 1 (with 2 categories only, a uniform rescaling of weights would cancel).
    const a = [1, 1, 3, 3, 4, 4, 2, 1, 3, 4];
    const b = [1, 3, 3, 4, 4, 1, 2, 1, 4, 3];
    const resampleKappa = (categories?: number[]) =>
      bootstrapInterval(
        (chosen: readonly number[]) =>
          cohensKappa(
            chosen.map((i) => a[i]!),
            chosen.map((i) => b[i]!),
            categories ? { weights: 'linear', categories } : { weights: 'linear' },
          ),
        a.map((_, i) => i),
        { seed: 5 },
      );
    const interval = cohensKappaWithInterval(a, b, { weights: 'linear' }, { seed: 5 });
    expect(interval).toEqual(resampleKappa([1, 2, 3, 4]));
    expect(interval).not.toEqual(resampleKappa());
  });

  it('report bad data before resampling', () => {
    expect(() => cohensKappaWithInterval([1, 2], [1])).toThrow(/different numbers of items/);
    expect(() => krippendorffAlphaWithInterval([[1, 2], [1]])).toThrow(/same number of units/);
    expect(() =>
      fleissKappaWithInterval([
        ['a', 'b'],
        ['a', null],
      ]),
    ).toThrow(/same number of ratings/);
  });
});
