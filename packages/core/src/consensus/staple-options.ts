/** Options of binary and per-label STAPLE; see docs/consensus.md for what each changes. */
export interface StapleOptions {
  /** Stop after this many EM iterations even if not converged (default 100; ITK's default is unlimited). */
  readonly maxIterations?: number;
  /**
   * Converged when no reader's sensitivity or specificity moved by more than this in the last iteration
   * (default 1e-7: ITK stops when every squared change is ≤ 1e-14).
   */
  readonly tolerance?: number;
  /**
   * Prior probability that a voxel is foreground, in (0, 1). Default: the mean foreground fraction over
   * the readers, as ITK's STAPLEImageFilter computes it (with ConfidenceWeight 1).
   */
  readonly prior?: number;
  /**
   * Iterate only over voxels where the readers disagree and account for unanimous voxels in closed form
   * (default true). The estimates are the same either way; this only saves time and memory.
   */
  readonly restrictToDisagreement?: boolean;
}

/** How one reader performed against the estimated truth. */
export interface ReaderPerformance {
  /** Estimated true-positive fraction p; NaN when the estimated truth has no foreground. */
  readonly sensitivity: number;
  /** Estimated true-negative fraction q; NaN when the estimated truth has no background. */
  readonly specificity: number;
}

export interface ResolvedStapleOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly prior: number | undefined;
  readonly restrictToDisagreement: boolean;
}

export function resolveStapleOptions(options: StapleOptions, what: string): ResolvedStapleOptions {
  const { maxIterations = 100, tolerance = 1e-7, prior, restrictToDisagreement = true } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    throw new RangeError(`${what}: maxIterations must be a positive integer, not ${maxIterations}`);
  if (!(Number.isFinite(tolerance) && tolerance >= 0))
    throw new RangeError(`${what}: tolerance must be a finite number ≥ 0, not ${tolerance}`);
  if (prior !== undefined && !(prior > 0 && prior < 1))
    throw new RangeError(`${what}: prior must be strictly between 0 and 1, not ${prior}`);
  if (typeof restrictToDisagreement !== 'boolean')
    throw new TypeError(`${what}: restrictToDisagreement must be true or false`);
  return { maxIterations, tolerance, prior, restrictToDisagreement };
}
