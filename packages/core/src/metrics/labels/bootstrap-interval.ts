import { percentile } from '../percentile.js';
import { mulberry32 } from './seeded-random.js';

export interface BootstrapOptions {
  /** Number of resamples drawn; default 1000. */
  resamples?: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  confidence?: number;
  /** Seed of the resampling generator (an integer); default 1. Same seed and data → same interval. */
  seed?: number;
}

export interface BootstrapInterval {
  /** The statistic on all the items; null where it is undefined. */
  readonly estimate: number | null;
  /** Percentile bounds; null when no resample gave a value. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Resamples that gave a value and so make up the interval. */
  readonly resamples: number;
  /** Resamples where the statistic was undefined (null or NaN), left out of the interval. */
  readonly skipped: number;
}

function checkOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const { resamples = 1000, confidence = 0.95, seed = 1 } = options;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`bootstrapInterval: resamples must be a positive integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(
      `bootstrapInterval: confidence must be between 0 and 1 (exclusive), got ${confidence}`,
    );
  }
  if (!Number.isInteger(seed))
    throw new RangeError(`bootstrapInterval: seed must be an integer, got ${seed}`);
  return { resamples, confidence, seed };
}

function isDefined(value: number | null): value is number {
  return value !== null && !Number.isNaN(value);
}

/**
 * Percentile bootstrap interval of a statistic of items (Efron & Tibshirani 1993, ch. 13): draw
 * `resamples` samples of items.length items with replacement (items, not single ratings, because
 * ratings of one item are not independent), evaluate the statistic on each, and take the
 * (1 − confidence)/2 and (1 + confidence)/2 percentiles of the values (numpy's linear rule, see
 * percentile). Resamples whose statistic is undefined are skipped and counted. The generator is
 * mulberry32 seeded with `seed`, so the interval is reproducible.
 */
export function bootstrapInterval<T>(
  statistic: (items: readonly T[]) => number | null,
  items: readonly T[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  const { resamples, confidence, seed } = checkOptions(options);
  if (typeof statistic !== 'function') throw new TypeError('bootstrapInterval: statistic must be a function');
  if (!Array.isArray(items) || items.length === 0) {
    throw new RangeError('bootstrapInterval: expected a non-empty array of items');
  }
  const estimate = statistic(items);
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = new Array<T>(items.length);
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(random() * items.length)]!;
    const value = statistic(sample);
    if (isDefined(value)) values.push(value);
  }
  const tail = ((1 - confidence) / 2) * 100;
  const found = values.length > 0;
  return {
    estimate: isDefined(estimate) ? estimate : null,
    lower: found ? percentile(values, tail) : null,
    upper: found ? percentile(values, 100 - tail) : null,
    resamples: values.length,
    skipped: resamples - values.length,
  };
}
