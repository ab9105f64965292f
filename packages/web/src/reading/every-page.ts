/** One page of a listing route: its rows and how many there are in all. */
export interface Page<T> {
  readonly rows: readonly T[];
  readonly total: number;
}

/**
 * Every row of a paged listing, asking for `pageSize` rows at a time until `total` are in. Stops early on
 * an empty page, so that rows deleted while paging cannot make it ask forever.
 */
export async function everyPage<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize: number,
): Promise<T[]> {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`a page size is a whole number of at least 1, not ${pageSize}`);
  const rows: T[] = [];
  for (;;) {
    const page = await fetchPage(rows.length, pageSize);
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}
