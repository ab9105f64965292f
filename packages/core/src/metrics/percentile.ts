/** The middle one of three values: a pivot that sorted or constant runs do not degrade. */
function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** Where a partition stopped: values[lo … j] ≤ pivot ≤ values[i … hi], anything between equal to it. */
const split = new Int32Array(2);

/** Hoare's partition of values[lo … hi] around `pivot`, which must be one of them; sets `split`. */
function partition(values: Float64Array, lo: number, hi: number, pivot: number): void {
  let i = lo;
  let j = hi;
  while (i <= j) {
    while (values[i]! < pivot) i++;
    while (values[j]! > pivot) j--;
    if (i <= j) {
      const t = values[i]!;
      values[i] = values[j]!;
      values[j] = t;
      i++;
      j--;
    }
  }
  split[0] = i;
  split[1] = j;
}

/**
 * Moves the k-th smallest of values to index k, smaller-or-equal ones before it and larger-or-equal
 * ones after (Hoare's selection): linear on average, where sorting a few hundred thousand surface
 * distances would be n log n.
 */
function select(values: Float64Array, k: number): void {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    partition(values, lo, hi, medianOfThree(values[lo]!, values[(lo + hi) >>> 1]!, values[hi]!));
    const [i, j] = [split[0]!, split[1]!];
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** The smallest of values[from …]. */
function minimumFrom(values: Float64Array, from: number): number {
  let min = values[from]!;
  for (let i = from + 1; i < values.length; i++) if (values[i]! < min) min = values[i]!;
  return min;
}

/**
 * As `percentile`, but reorders `values` (no copy): for a caller that owns the array and no longer
 * needs its order.
 */
export function percentileInPlace(values: Float64Array, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  const n = values.length;
  if (n === 0) return Number.NaN;
  const rank = ((n - 1) * p) / 100;
  const lower = Math.floor(rank);
  select(values, lower);
  const a = values[lower]!;
  // After selection everything past `lower` is ≥ a, so the next sorted value is their minimum.
  const b = lower + 1 < n ? minimumFrom(values, lower + 1) : a;
  const t = rank - lower;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) of values, as numpy's default (`method='linear'`): the sorted
 * values at rank h = (n − 1)·p/100, linearly interpolated between floor(h) and the next. numpy's
 * lerp formula is copied (from b backwards when the weight is ≥ 0.5) so results match it bit for bit
 * in more cases. NaN for no values. The input is not reordered.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileInPlace(Float64Array.from(values), p);
}
