import { describe, expect, it } from 'vitest';
import { everyPage } from './every-page.js';

/** A listing of `rows` that answers pages as the API does, recording what was asked. */
function listing(rows: readonly number[], total = rows.length) {
  const asked: [number, number][] = [];
  const fetchPage = async (offset: number, limit: number) => {
    asked.push([offset, limit]);
    return { rows: rows.slice(offset, offset + limit), total };
  };
  return { asked, fetchPage };
}

describe('everyPage', () => {
  it('asks page after page until every row is in', async () => {
    const { asked, fetchPage } = listing([1, 2, 3, 4, 5, 6, 7]);
    expect(await everyPage(fetchPage, 3)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(asked).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
    ]);
  });

  it('asks once for an empty listing or one that fits a page', async () => {
    const empty = listing([]);
    expect(await everyPage(empty.fetchPage, 10)).toEqual([]);
    expect(empty.asked).toHaveLength(1);
    const exact = listing([1, 2]);
    expect(await everyPage(exact.fetchPage, 2)).toEqual([1, 2]);
    expect(exact.asked).toHaveLength(1);
  });

  it('stops at an empty page even when the total promised more (rows deleted meanwhile)', async () => {
    const { asked, fetchPage } = listing([1, 2], 5);
    expect(await everyPage(fetchPage, 2)).toEqual([1, 2]);
    expect(asked).toEqual([
      [0, 2],
      [2, 2],
    ]);
  });

  it('refuses a page size that is not a positive whole number', async () => {
    const { fetchPage } = listing([1]);
    await expect(everyPage(fetchPage, 0)).rejects.toThrow(RangeError);
    await expect(everyPage(fetchPage, 1.5)).rejects.toThrow('a page size is a whole number of at least 1');
  });
});
