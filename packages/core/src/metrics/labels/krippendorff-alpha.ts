import { orderCategories } from './category-order.js';
import { type Category, checkRectangular, collectCategories, type RatingMatrix } from './rating.js';

const CONTEXT = 'krippendorffAlpha';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval';

export interface KrippendorffAlphaOptions {
  /** Metric of disagreement δ²; default 'nominal'. 'interval' needs numeric ratings. */
  level?: MeasurementLevel;
  /** Order of the categories for 'ordinal' (default: natural order, see naturalCompare). */
  categories?: readonly Category[];
}

/** Values in order, and the coincidence matrix o (K × K) with its marginals n_c and total n. */
interface Coincidences {
  readonly values: Category[];
  readonly o: Float64Array;
  readonly marginals: Float64Array;
  readonly total: number;
}

/**
 * o_ck = Σ_u (number of ordered c–k pairs of values within unit u) / (m_u − 1), over the units
 * with m_u ≥ 2 values (the pairable values); a unit with one value has no pair and is dropped.
 */
function coincidences(data: RatingMatrix, values: Category[]): Coincidences {
  const k = values.length;
  const index = new Map(values.map((value, i) => [value, i]));
  const o = new Float64Array(k * k);
  const unitCounts = new Float64Array(k);
  for (let unit = 0; unit < data[0]!.length; unit++) {
    unitCounts.fill(0);
    let m = 0;
    for (const row of data) {
      const value = row[unit];
      if (value === null || value === undefined) continue;
      unitCounts[index.get(value)!]! += 1;
      m++;
    }
    if (m < 2) continue;
    for (let c = 0; c < k; c++) {
      const nc = unitCounts[c]!;
      if (nc === 0) continue;
      for (let d = 0; d < k; d++) {
        const pairs = c === d ? nc * (nc - 1) : nc * unitCounts[d]!;
        o[c * k + d]! += pairs / (m - 1);
      }
    }
  }
  const marginals = new Float64Array(k);
  for (let c = 0; c < k; c++) for (let d = 0; d < k; d++) marginals[c]! += o[c * k + d]!;
  const total = marginals.reduce((sum, nc) => sum + nc, 0);
  return { values, o, marginals, total };
}

/**
 * δ²_ck of Krippendorff (2011): nominal 0 if c = k else 1; interval (c − k)²; ordinal
 * (Σ_{g=c..k} n_g − (n_c + n_k)/2)², the squared distance in the ranks the pairable values occupy.
 */
function squaredDistances(level: MeasurementLevel, { values, marginals }: Coincidences): Float64Array {
  const k = values.length;
  const delta = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (level === 'nominal') delta[c * k + d] = c === d ? 0 : 1;
      else if (level === 'interval') delta[c * k + d] = ((values[c] as number) - (values[d] as number)) ** 2;
      else {
        let between = 0;
        for (let g = Math.min(c, d); g <= Math.max(c, d); g++) between += marginals[g]!;
        delta[c * k + d] = (between - (marginals[c]! + marginals[d]!) / 2) ** 2;
      }
    }
  }
  return delta;
}

function checkInputs(data: RatingMatrix, options: KrippendorffAlphaOptions): Category[] {
  checkRectangular(CONTEXT, data, 'rater', 'unit');
  if (data.length < 2) throw new RangeError(`${CONTEXT}: needs at least 2 raters (rows), got ${data.length}`);
  const level = options.level ?? 'nominal';
  if (level !== 'nominal' && level !== 'ordinal' && level !== 'interval') {
    throw new RangeError(
      `${CONTEXT}: level must be 'nominal', 'ordinal' or 'interval', got ${String(level)}`,
    );
  }
  const observed = new Set<Category>();
  data.forEach((row, rater) => {
    collectCategories(CONTEXT, row, (unit) => `rater ${rater}, unit ${unit}`, observed);
  });
  if (level === 'interval') {
    if (options.categories !== undefined)
      throw new RangeError(`${CONTEXT}: interval data takes no categories`);
    const text = [...observed].find((value) => typeof value === 'string');
    if (text !== undefined)
      throw new TypeError(`${CONTEXT}: interval data must be numbers, got ${JSON.stringify(text)}`);
    return [...observed];
  }
  return level === 'ordinal' ? orderCategories(CONTEXT, observed, options.categories) : [...observed];
}

/**
 * Krippendorff's alpha for reliabilityData[rater][unit] (null = missing), in the coincidence-matrix
 * form of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
 *
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck,
 *
 * with o the coincidence matrix of the pairable values, n_c its marginals, n = Σ n_c the number of
 * pairable values, and δ² the metric of the level. Returns null when α is undefined: no unit has
 * two values, or D_e = 0 (all pairable values alike, so there is no variation to be reliable about).
 */
export function krippendorffAlpha(
  reliabilityData: RatingMatrix,
  options: KrippendorffAlphaOptions = {},
): number | null {
  const values = checkInputs(reliabilityData, options);
  const table = coincidences(reliabilityData, values);
  if (table.total === 0) return null;
  const delta = squaredDistances(options.level ?? 'nominal', table);
  const k = values.length;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      observed += table.o[c * k + d]! * delta[c * k + d]!;
      expected += table.marginals[c]! * table.marginals[d]! * delta[c * k + d]!;
    }
  }
  return expected === 0 ? null : 1 - ((table.total - 1) * observed) / expected;
}
