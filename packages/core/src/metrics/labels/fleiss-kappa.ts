import {
  type Category,
  checkRectangular,
  collectCategories,
  type Rating,
  type RatingMatrix,
} from './rating.js';

const CONTEXT = 'fleissKappa';

/**
 * Fleiss' (1971) kappa from a counts table: counts[i][j] is how many raters put item i in category
 * j, and every item must have the same number n ≥ 2 of ratings (Fleiss' model: each item rated by n
 * raters, not necessarily the same ones). With N items,
 *
 *   P_i = (Σ_j n_ij² − n) / (n(n − 1))   agreeing rater pairs of item i,   P̄ = mean of P_i,
 *   p_j = Σ_i n_ij / (N n)               share of category j,              P_e = Σ_j p_j²,
 *   κ = (P̄ − P_e) / (1 − P_e).
 *
 * Returns null when P_e = 1 (every rating in one category: 0/0), as cohensKappa does.
 */
export function fleissKappaFromCounts(counts: readonly (readonly number[])[]): number | null {
  const k = checkRectangular(CONTEXT, counts, 'item', 'category count');
  let raters = -1;
  counts.forEach((row, item) => {
    row.forEach((count, category) => {
      if (!(Number.isInteger(count) && count >= 0)) {
        throw new RangeError(
          `${CONTEXT}: count of item ${item}, category ${category} must be a non-negative integer, got ${count}`,
        );
      }
    });
    const total = row.reduce((sum, count) => sum + count, 0);
    if (raters === -1) raters = total;
    if (total !== raters) {
      throw new RangeError(
        `${CONTEXT}: Fleiss' kappa needs the same number of ratings for every item; item 0 has ${raters}, ` +
          `item ${item} has ${total} (use krippendorffAlpha for a varying number of ratings)`,
      );
    }
  });
  if (raters < 2) throw new RangeError(`${CONTEXT}: each item needs at least 2 ratings, got ${raters}`);
  return kappaOfCounts(counts, raters, k);
}

function kappaOfCounts(counts: readonly (readonly number[])[], n: number, k: number): number | null {
  const items = counts.length;
  const categoryTotals = new Float64Array(k);
  let agreementSum = 0;
  for (const row of counts) {
    let squares = 0;
    row.forEach((count, category) => {
      squares += count * count;
      categoryTotals[category]! += count;
    });
    agreementSum += (squares - n) / (n * (n - 1));
  }
  const observed = agreementSum / items;
  let expected = 0;
  for (const total of categoryTotals) expected += (total / (items * n)) ** 2;
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/**
 * Fleiss' kappa from ratings[item][rater] (null = missing). Missing ratings are allowed only as long
 * as every item keeps the same number of ratings; otherwise a RangeError names the first item that
 * differs. See fleissKappaFromCounts for the formula.
 */
export function fleissKappa(ratings: RatingMatrix): number | null {
  checkRectangular(CONTEXT, ratings, 'item', 'rater');
  const categories = new Set<Category>();
  ratings.forEach((row, item) => {
    collectCategories(CONTEXT, row, (rater) => `item ${item}, rater ${rater}`, categories);
  });
  const column = new Map([...categories].map((category, index) => [category, index]));
  if (column.size === 0) throw new RangeError(`${CONTEXT}: every rating is missing`);
  const counts = ratings.map((row: readonly Rating[]) => {
    const count = new Array<number>(column.size).fill(0);
    for (const rating of row) if (rating !== null) count[column.get(rating)!]! += 1;
    return count;
  });
  return fleissKappaFromCounts(counts);
}
