import {
  type Category,
  checkRectangular,
  collectCategories,
  type Rating,
  type RatingMatrix,
} from './rating.js';

const CONTEXT = 'percentAgreement';

function checkPair(a: readonly Rating[], b: readonly Rating[]): void {
  if (!Array.isArray(a) || !Array.isArray(b))
    throw new TypeError(`${CONTEXT}: expected two arrays of ratings`);
  if (a.length !== b.length) {
    throw new RangeError(
      `${CONTEXT}: the raters rated different numbers of items (${a.length} and ${b.length})`,
    );
  }
  if (a.length === 0) throw new RangeError(`${CONTEXT}: no items`);
  const categories = collectCategories(CONTEXT, a, (i) => `rater a, item ${i}`);
  collectCategories(CONTEXT, b, (i) => `rater b, item ${i}`, categories);
}

/**
 * Two raters: the fraction of items, among those both rated, on which they gave the same category.
 * Items either rater left null are dropped; null when no item is left.
 */
function twoRaterAgreement(a: readonly Rating[], b: readonly Rating[]): number | null {
  checkPair(a, b);
  let paired = 0;
  let agreeing = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === null || b[i] === null) continue;
    paired++;
    if (a[i] === b[i]) agreeing++;
  }
  return paired === 0 ? null : agreeing / paired;
}

/** The fraction of the m(m − 1)/2 rater pairs of one item that agree, from its category counts. */
function itemAgreement(item: readonly Rating[]): number | null {
  const counts = new Map<Rating, number>();
  let m = 0;
  for (const rating of item) {
    if (rating === null) continue;
    counts.set(rating, (counts.get(rating) ?? 0) + 1);
    m++;
  }
  if (m < 2) return null;
  let agreeingPairs = 0;
  for (const count of counts.values()) agreeingPairs += (count * (count - 1)) / 2;
  return agreeingPairs / ((m * (m - 1)) / 2);
}

/**
 * Many raters (items × raters, null = missing): the mean over items of the fraction of agreeing
 * rater pairs within the item. Items with fewer than two ratings have no pair and are dropped; null
 * when no item is left. With two raters it equals the two-rater form.
 */
function manyRaterAgreement(ratings: RatingMatrix): number | null {
  const raters = checkRectangular(CONTEXT, ratings, 'item', 'rater');
  if (raters < 2) throw new RangeError(`${CONTEXT}: needs at least 2 raters (columns), got ${raters}`);
  const categories = new Set<Category>();
  ratings.forEach((row, item) => {
    collectCategories(CONTEXT, row, (rater) => `item ${item}, rater ${rater}`, categories);
  });
  let sum = 0;
  let items = 0;
  for (const row of ratings) {
    const agreement = itemAgreement(row);
    if (agreement === null) continue;
    sum += agreement;
    items++;
  }
  return items === 0 ? null : sum / items;
}

/**
 * Percent agreement (as a fraction in [0, 1]), for two raters as `percentAgreement(a, b)` (a[i] and
 * b[i] rate item i) or for many as `percentAgreement(ratings)` with ratings[item][rater]. It ignores
 * chance agreement; the kappas and alpha correct for it.
 */
export function percentAgreement(a: readonly Rating[], b: readonly Rating[]): number | null;
export function percentAgreement(ratings: RatingMatrix): number | null;
export function percentAgreement(
  first: readonly Rating[] | RatingMatrix,
  second?: readonly Rating[],
): number | null {
  if (second === undefined) return manyRaterAgreement(first as RatingMatrix);
  return twoRaterAgreement(first as readonly Rating[], second);
}
