/**
 * The p-th percentile (0 ≤ p ≤ 100) of values, as numpy's default (`method='linear'`): the sorted
 * values at rank h = (n − 1)·p/100, linearly interpolated between floor(h) and the next. numpy's
 * lerp formula is copied (from b backwards when the weight is ≥ 0.5) so results match it bit for bit
 * in more cases. NaN for no values.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = ((n - 1) * p) / 100;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, n - 1);
  const t = rank - lower;
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
