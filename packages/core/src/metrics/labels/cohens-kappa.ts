import { orderCategories } from './category-order.js';
import { type Category, collectCategories, type Rating } from './rating.js';

const CONTEXT = 'cohensKappa';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface CohensKappaOptions {
  /** Disagreement weights; 'none' (default) is Cohen's (1960) kappa, the others Cohen's (1968) weighted kappa. */
  weights?: KappaWeights;
  /**
   * The categories in order. The weighted forms weigh a disagreement by the distance between the two
   * categories' positions in this list, not by their values (as sklearn does), so give it when a
   * category may be absent from the data (as in a bootstrap resample). Default: the observed
   * categories in natural order (see naturalCompare). Every rating must be in it.
   */
  categories?: readonly Category[];
}

/** Disagreement weight of categories at positions i and j (sklearn's w_mat). */
function weight(weights: KappaWeights, i: number, j: number): number {
  if (weights === 'none') return i === j ? 0 : 1;
  const distance = Math.abs(i - j);
  return weights === 'linear' ? distance : distance * distance;
}

function checkInputs(a: readonly Rating[], b: readonly Rating[], options: CohensKappaOptions): Category[] {
  if (!Array.isArray(a) || !Array.isArray(b))
    throw new TypeError(`${CONTEXT}: expected two arrays of ratings`);
  if (a.length !== b.length) {
    throw new RangeError(
      `${CONTEXT}: the raters rated different numbers of items (${a.length} and ${b.length})`,
    );
  }
  if (a.length === 0) throw new RangeError(`${CONTEXT}: no items`);
  const weights = options.weights ?? 'none';
  if (weights !== 'none' && weights !== 'linear' && weights !== 'quadratic') {
    throw new RangeError(
      `${CONTEXT}: weights must be 'none', 'linear' or 'quadratic', got ${String(weights)}`,
    );
  }
  const observed = collectCategories(CONTEXT, a, (i) => `rater a, item ${i}`);
  collectCategories(CONTEXT, b, (i) => `rater b, item ${i}`, observed);
  return orderCategories(CONTEXT, observed, options.categories);
}

/**
 * Cohen's kappa between two raters (a[i] and b[i] rate item i), computed exactly as
 * sklearn.metrics.cohen_kappa_score: with the K × K confusion matrix O of counts (rows a, columns b)
 * over the N items both rated, the chance matrix E = outer(column sums, row sums) / N and the
 * weights w (unweighted: 0 on the diagonal, 1 off it; linear |i − j|; quadratic (i − j)²),
 *
 *   κ = 1 − Σ w·O / Σ w·E.
 *
 * Unweighted, this is the usual (p_o − p_e) / (1 − p_e). Items either rater left null are dropped
 * (pairwise deletion; sklearn takes no missing values).
 *
 * Returns null where κ is undefined: no item rated by both, or Σ w·E = 0, which happens exactly
 * when both raters used one and the same category for every item (expected agreement 1, so 0/0).
 * sklearn returns nan there; null says "undefined" without a NaN that would poison sums, and the
 * bootstrap counts it as a skipped resample.
 */
export function cohensKappa(
  a: readonly Rating[],
  b: readonly Rating[],
  options: CohensKappaOptions = {},
): number | null {
  const categories = checkInputs(a, b, options);
  const weights = options.weights ?? 'none';
  const k = categories.length;
  const position = new Map(categories.map((category, index) => [category, index]));
  const confusion = new Float64Array(k * k);
  let n = 0;
  for (let item = 0; item < a.length; item++) {
    const x = a[item];
    const y = b[item];
    if (x === null || y === null || x === undefined || y === undefined) continue;
    confusion[position.get(x)! * k + position.get(y)!]! += 1;
    n++;
  }
  if (n === 0) return null;
  const rowSums = new Float64Array(k);
  const columnSums = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rowSums[i]! += confusion[i * k + j]!;
      columnSums[j]! += confusion[i * k + j]!;
    }
  }
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weight(weights, i, j);
      observed += w * confusion[i * k + j]!;
      expected += w * ((columnSums[i]! * rowSums[j]!) / n);
    }
  }
  return expected === 0 ? null : 1 - observed / expected;
}
