/**
 * One categorical rating: a category label (string or number) or null when the rater gave none.
 * Numbers and strings are never mixed in one input: 1 and '1' would silently be two categories.
 */
export type Rating = string | number | null;

/** A rating that is present. */
export type Category = string | number;

/** Ratings in rows; what a row is (an item or a rater) is said by each statistic. */
export type RatingMatrix = readonly (readonly Rating[])[];

/** Why a value is not a usable rating, or null when it is one. */
function ratingProblem(value: unknown): string | null {
  if (value === null || typeof value === 'string') return null;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : `${value} is not a finite number (use null for a missing rating)`;
  }
  if (value === undefined) return 'undefined is not a rating (use null for a missing rating)';
  return `a ${typeof value} is not a rating (ratings are strings, numbers or null)`;
}

/**
 * Collects the distinct categories of ratings while checking each one. Throws a TypeError for a
 * value that is not a rating or when numbers and strings are mixed; `where(i)` names position i.
 */
export function collectCategories(
  context: string,
  ratings: Iterable<unknown>,
  where: (index: number) => string,
  into: Set<Category> = new Set(),
): Set<Category> {
  let index = 0;
  for (const value of ratings) {
    const problem = ratingProblem(value);
    if (problem !== null) throw new TypeError(`${context}: ${where(index)}: ${problem}`);
    if (value !== null) {
      const category = value as Category;
      const first = into.values().next();
      if (!first.done && typeof first.value !== typeof category) {
        throw new TypeError(
          `${context}: ${where(index)}: ratings mix numbers and strings (${JSON.stringify(first.value)} and ` +
            `${JSON.stringify(category)}); use one type so equal categories compare equal`,
        );
      }
      into.add(category);
    }
    index++;
  }
  return into;
}

/** Checks that rows is a non-empty array of arrays of one length; returns that length. */
export function checkRectangular(
  context: string,
  rows: unknown,
  rowName: string,
  columnName: string,
): number {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new RangeError(`${context}: expected a non-empty array of ${rowName} rows`);
  }
  const width = Array.isArray(rows[0]) ? rows[0].length : -1;
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row)) throw new TypeError(`${context}: ${rowName} ${r} is not an array`);
    if (row.length !== width) {
      throw new RangeError(
        `${context}: every ${rowName} needs the same number of ${columnName}s; ${rowName} 0 has ${width}, ` +
          `${rowName} ${r} has ${row.length} (use null for a missing rating)`,
      );
    }
  }
  if (width === 0) throw new RangeError(`${context}: the ${rowName} rows have no ${columnName}s`);
  return width;
}
