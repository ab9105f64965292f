import { describe, expect, it } from 'vitest';
import { reviewPathOf, viewerPathOf } from './item-links.js';

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
