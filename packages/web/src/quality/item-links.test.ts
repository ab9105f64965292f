import { describe, expect, it } from 'vitest';
import { parseRoute } from '../app/routes.js';
import { consensusViewerPathOf, reviewPathOf, sourceViewerPathOf, viewerPathOf } from './item-links.js';

/** The server's Consensus account, as its migration 0010-quality.ts creates it (CONSENSUS_USER_ID). */
const CONSENSUS_USER = '00000000-0000-4000-8000-00000000c0de';
const seriesItem = { id: 'it-1', imageId: 'i', studyUid: '1.2', seriesUid: '1.2.3' };
const imageItem = { id: 'it-2', imageId: 'i', studyUid: null, seriesUid: null };

describe('viewerPathOf', () => {
  it('opens the series when the item has one, else the image', () => {
    expect(viewerPathOf('p', { imageId: 'i', studyUid: '1.2', seriesUid: '1.2.3' })).toBe(
      '/projects/p/studies/1.2/series/1.2.3',
    );
    expect(viewerPathOf('p', { imageId: 'i', studyUid: null, seriesUid: null })).toBe('/projects/p/images/i');
    expect(viewerPathOf('p', { imageId: null, studyUid: null, seriesUid: null })).toBeNull();
  });

  it('links to the review screen of an item', () => {
    expect(reviewPathOf('p', 'it 1')).toBe('/projects/p/quality/items/it%201');
  });
});

describe('consensusViewerPathOf', () => {
  it("opens the viewer on the consensus account's annotations, naming the item for the way back", () => {
    expect(consensusViewerPathOf('p', seriesItem)).toBe(
      `/projects/p/studies/1.2/series/1.2.3?author=${CONSENSUS_USER}&item=it-1`,
    );
    expect(consensusViewerPathOf('p', imageItem)).toBe(
      `/projects/p/images/i?author=${CONSENSUS_USER}&item=it-2`,
    );
    expect(consensusViewerPathOf('p', { ...imageItem, imageId: null })).toBeNull();
  });

  it('makes an address the app reads back into the same filter', () => {
    const path = consensusViewerPathOf('p', seriesItem);
    expect(parseRoute(path ?? '')).toMatchObject({
      name: 'viewer',
      authorId: CONSENSUS_USER,
      itemId: 'it-1',
    });
  });
});

describe('sourceViewerPathOf', () => {
  it("opens the viewer on one reader's annotations", () => {
    expect(sourceViewerPathOf('p', imageItem, 'reader-a')).toBe(
      '/projects/p/images/i?author=reader-a&item=it-2',
    );
  });

  it("maps the review screen's consensus source to the consensus account", () => {
    expect(sourceViewerPathOf('p', seriesItem, 'consensus')).toBe(consensusViewerPathOf('p', seriesItem));
  });
});
