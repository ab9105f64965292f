import { describe, expect, it } from 'vitest';
import { annotationListQuery, authorBannerOf, authorHeadline, CONSENSUS_AUTHOR_ID } from './author-filter.js';

describe('CONSENSUS_AUTHOR_ID', () => {
  it("is the server's Consensus account", async () => {
    // The web package cannot import the server; read the id where the server's migration declares it.
    const { readFile } = await import('node:fs/promises');
    const migration = await readFile(
      new URL('../../../../server/src/storage/migrations/0010-quality.ts', import.meta.url),
      'utf8',
    );
    expect(migration).toContain(`export const CONSENSUS_USER_ID = '${CONSENSUS_AUTHOR_ID}';`);
  });
});

describe('annotationListQuery', () => {
  it("keeps the place's query when everyone's annotations are shown", () => {
    expect(annotationListQuery('seriesId=s-1', undefined)).toBe('seriesId=s-1');
  });

  it('adds the author the server filters on (GET …/annotations?authorId=)', () => {
    expect(annotationListQuery('imageId=i-1', CONSENSUS_AUTHOR_ID)).toBe(
      `imageId=i-1&authorId=${CONSENSUS_AUTHOR_ID}`,
    );
    const query = new URLSearchParams(annotationListQuery('seriesId=s-1', 'a&b=c'));
    expect(query.get('seriesId')).toBe('s-1');
    expect(query.get('authorId')).toBe('a&b=c');
  });

  it('refuses an empty author: that would silently show nothing', () => {
    expect(() => annotationListQuery('seriesId=s-1', ' ')).toThrow(TypeError);
  });
});

describe('authorBannerOf', () => {
  const series = { projectId: 'p', studyUid: '1.2', seriesUid: '1.2.3' };
  const image = { projectId: 'p', imageId: 'i-1' };

  it('says nothing when no author is filtered', () => {
    expect(authorBannerOf(series, {})).toBeNull();
    expect(authorBannerOf(series, { itemId: 'it-1' })).toBeNull();
  });

  it('marks the consensus, with the way back to the review screen and to everyone', () => {
    expect(authorBannerOf(series, { authorId: CONSENSUS_AUTHOR_ID, itemId: 'it 1' })).toEqual({
      kind: 'consensus',
      reviewPath: '/projects/p/quality/items/it%201',
      everyonePath: '/projects/p/studies/1.2/series/1.2.3',
    });
    expect(authorBannerOf(image, { authorId: CONSENSUS_AUTHOR_ID })).toEqual({
      kind: 'consensus',
      reviewPath: null,
      everyonePath: '/projects/p/images/i-1',
    });
  });

  it('names any other author for the headline', () => {
    expect(authorBannerOf(image, { authorId: 'reader-a', itemId: 'it-1' })).toEqual({
      kind: 'author',
      authorId: 'reader-a',
      everyonePath: '/projects/p/images/i-1',
    });
    expect(authorHeadline('Ada')).toBe("Showing Ada's annotations only");
    expect(authorHeadline(null)).toBe("Showing one person's annotations only");
  });
});
