import type { Category } from './rating.js';

const CHUNKS = /\d+|\D+/g;

/** Compares two runs of digits as integers of any length ('007' = '7' < '10'). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Natural order: numbers by value; strings chunk by chunk, runs of digits by their integer value
 * and other text by UTF-16 code units, so 'grade 2' < 'grade 10'. It is our own rule rather than
 * Intl.Collator so that the order (and so every weighted statistic) is the same on every machine.
 * Ties such as '7' and '007' fall back to plain code-unit order, which keeps the order total.
 */
export function naturalCompare(a: Category, b: Category): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  const xs = x.match(CHUNKS) ?? [];
  const ys = y.match(CHUNKS) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const p = xs[i]!;
    const q = ys[i]!;
    const digits = /^\d/.test(p) && /^\d/.test(q);
    const order = digits ? compareDigits(p, q) : compareText(p, q);
    if (order !== 0) return order;
  }
  return xs.length !== ys.length ? xs.length - ys.length : compareText(x, y);
}

/**
 * The ordered category list of a statistic: `given` as it is (after checking it has no duplicate,
 * mixes no types and holds every observed rating), or the observed categories in natural order.
 */
export function orderCategories(
  context: string,
  observed: ReadonlySet<Category>,
  given?: readonly Category[],
): Category[] {
  if (given === undefined) return [...observed].sort(naturalCompare);
  if (!Array.isArray(given)) throw new TypeError(`${context}: categories must be an array`);
  const seen = new Set<Category>();
  for (const category of given) {
    const valid = typeof category === 'string' || (typeof category === 'number' && Number.isFinite(category));
    if (!valid)
      throw new TypeError(`${context}: category ${String(category)} is not a string or finite number`);
    if (seen.size > 0 && typeof seen.values().next().value !== typeof category) {
      throw new TypeError(`${context}: categories mix numbers and strings`);
    }
    if (seen.has(category))
      throw new RangeError(`${context}: category ${JSON.stringify(category)} is listed twice`);
    seen.add(category);
  }
  for (const category of observed) {
    if (!seen.has(category)) {
      throw new RangeError(
        `${context}: rating ${JSON.stringify(category)} is not among the categories [${given.map((c) => JSON.stringify(c)).join(', ')}]`,
      );
    }
  }
  return [...given];
}
