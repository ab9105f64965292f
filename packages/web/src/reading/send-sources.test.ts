import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/api-client.js';
import { loadSendSources, onlyImageOf, sentTargets } from './send-sources.js';

describe('loadSendSources', () => {
  it('lists the NIfTI, PNG and JPEG images and the items, through every page', async () => {
    const asked: string[] = [];
    // A fake API: one NIfTI, two PNGs, no JPEG, and 501 items (two pages of the 500 the route allows).
    const items = Array.from({ length: 501 }, (_, i) => ({
      id: `item${i}`,
      imageId: null,
      seriesId: `se${i}`,
      seriesUid: `1.2.${i}`,
    }));
    const client = {
      get: async (path: string) => {
        asked.push(path);
        const url = new URL(path, 'http://x');
        const offset = Number(url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        if (url.pathname.endsWith('/items'))
          return { items: items.slice(offset, offset + limit), total: 501 };
        const format = url.searchParams.get('format');
        const images = { nifti: ['n1'], png: ['p1', 'p2'], jpeg: [] as string[] }[format as 'png'];
        return {
          images: images.map((id) => ({ id, format, seriesId: null })).slice(offset, offset + limit),
          total: images.length,
        };
      },
    } as unknown as ApiClient;
    const sources = await loadSendSources(client, 'p 1');
    expect(sources.images.map((i) => i.id)).toEqual(['n1', 'p1', 'p2']);
    expect(sources.sent.size).toBe(501);
    expect(sources.sent.has('series:se500')).toBe(true);
    expect(asked.sort()).toEqual([
      '/api/projects/p%201/images?format=jpeg&limit=1000&offset=0',
      '/api/projects/p%201/images?format=nifti&limit=1000&offset=0',
      '/api/projects/p%201/images?format=png&limit=1000&offset=0',
      '/api/projects/p%201/items?limit=500&offset=0',
      '/api/projects/p%201/items?limit=500&offset=500',
    ]);
  });
});

describe('sentTargets', () => {
  it('keys each item by its image or series, and an image in a series also by the series UID', () => {
    expect(
      sentTargets([
        { imageId: 'i1', seriesId: null, seriesUid: null },
        { imageId: null, seriesId: 's1', seriesUid: '1.2.3' },
        { imageId: 'i2', seriesId: null, seriesUid: '1.2.4' },
      ]),
    ).toEqual(new Set(['image:i1', 'series:s1', 'image:i2', 'series-uid:1.2.4']));
  });
});

describe('onlyImageOf', () => {
  const client = (images: { id: string }[]) =>
    ({ get: async () => ({ images: images.slice(0, 2), total: images.length }) }) as unknown as ApiClient;

  it('answers the one image of a series', async () => {
    expect(await onlyImageOf(client([{ id: 'img1' }]), 'p', 's')).toBe('img1');
  });

  it('refuses a series that no longer has exactly one image', async () => {
    await expect(onlyImageOf(client([]), 'p', 's')).rejects.toThrow('series s has 0 images, not one');
    await expect(onlyImageOf(client([{ id: 'a' }, { id: 'b' }]), 'p', 's')).rejects.toThrow(RangeError);
  });
});
