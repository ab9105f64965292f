import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf } from './routes.js';

describe('app routes', () => {
  it('parses each screen and prints it back to the same path', () => {
    const paths = [
      '/',
      '/projects/p-1',
      '/projects/p-1/studies/1.2.3/series/1.2.3.4',
      '/projects/p-1/images/0b4f6c3e-5d1a-4c8e-9f3a-2b7d8e6f1a90',
      '/projects/p-1/quality',
      '/projects/p-1/quality/review',
      '/projects/p-1/quality/items/it-7',
      '/catalog',
      '/catalog?q=kidney&modality=ct',
    ];
    for (const path of paths) {
      const route = parseRoute(path);
      expect(route.name).not.toBe('not-found');
      if (route.name !== 'not-found') expect(pathOf(route)).toBe(path);
    }
  });

  it('reads the viewer address into its project, study and series', () => {
    expect(parseRoute('/projects/abc/studies/1.2/series/1.2.3')).toEqual({
      name: 'viewer',
      projectId: 'abc',
      studyUid: '1.2',
      seriesUid: '1.2.3',
    });
  });

  it('reads an image address into its project and image', () => {
    expect(parseRoute('/projects/abc/images/i-1/')).toEqual({
      name: 'image',
      projectId: 'abc',
      imageId: 'i-1',
    });
    expect(parseRoute('/projects/abc/images/i-1/file')).toEqual({
      name: 'not-found',
      path: '/projects/abc/images/i-1/file',
    });
  });

  it('reads the quality dashboard, review queue and review screen addresses', () => {
    expect(parseRoute('/projects/abc/quality/')).toEqual({ name: 'quality', projectId: 'abc' });
    expect(parseRoute('/projects/abc/quality/review')).toEqual({ name: 'quality-review', projectId: 'abc' });
    expect(parseRoute('/projects/abc/quality/items/i%2F1')).toEqual({
      name: 'quality-item',
      projectId: 'abc',
      itemId: 'i/1',
    });
    expect(pathOf({ name: 'quality-item', projectId: 'abc', itemId: 'i/1' })).toBe(
      '/projects/abc/quality/items/i%2F1',
    );
    expect(parseRoute('/projects/abc/quality/items')).toEqual({
      name: 'not-found',
      path: '/projects/abc/quality/items',
    });
  });

  it("reads the viewer's author filter from the query and writes it back", () => {
    const author = '00000000-0000-4000-8000-00000000c0de';
    expect(parseRoute(`/projects/abc/studies/1.2/series/1.2.3?author=${author}&item=it-7`)).toEqual({
      name: 'viewer',
      projectId: 'abc',
      studyUid: '1.2',
      seriesUid: '1.2.3',
      authorId: author,
      itemId: 'it-7',
    });
    expect(parseRoute('/projects/abc/images/i-1?author=u-2#slice-3')).toEqual({
      name: 'image',
      projectId: 'abc',
      imageId: 'i-1',
      authorId: 'u-2',
    });
    expect(pathOf({ name: 'image', projectId: 'abc', imageId: 'i-1', authorId: 'u 2', itemId: 'it/7' })).toBe(
      '/projects/abc/images/i-1?author=u+2&item=it%2F7',
    );
    const filtered = [
      `/projects/p-1/studies/1.2.3/series/1.2.3.4?author=${author}&item=it-7`,
      '/projects/p-1/images/i-1?author=u-2',
    ];
    for (const path of filtered) {
      const route = parseRoute(path);
      if (route.name === 'not-found') throw new Error(`${path} did not parse`);
      expect(pathOf(route)).toBe(path);
    }
  });

  it('drops an empty or unknown query: the address without a filter shows everyone', () => {
    const everyone = parseRoute('/projects/abc/images/i-1?author=&item=%20&zoom=2');
    expect(everyone).toEqual({ name: 'image', projectId: 'abc', imageId: 'i-1' });
    expect('authorId' in everyone).toBe(false);
    if (everyone.name === 'image') expect(pathOf(everyone)).toBe('/projects/abc/images/i-1');
  });

  it('lets the other screens ignore a query', () => {
    expect(parseRoute('/projects/abc/quality/items/it-7?author=u-2')).toEqual({
      name: 'quality-item',
      projectId: 'abc',
      itemId: 'it-7',
    });
    expect(parseRoute('/?author=u-2')).toEqual({ name: 'projects' });
    expect(parseRoute('/projects/abc/nothing?author=u-2')).toEqual({
      name: 'not-found',
      path: '/projects/abc/nothing',
    });
  });

  it('answers not-found for an address that is no screen', () => {
    expect(parseRoute('/projects/abc/nothing')).toEqual({ name: 'not-found', path: '/projects/abc/nothing' });
  });
});
