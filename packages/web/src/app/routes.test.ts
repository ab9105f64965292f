import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf } from './routes.js';

describe('app routes', () => {
  it('parses each screen and prints it back to the same path', () => {
    const paths = [
      '/',
      '/projects/p-1',
      '/projects/p-1/studies/1.2.3/series/1.2.3.4',
      '/projects/p-1/images/0b4f6c3e-5d1a-4c8e-9f3a-2b7d8e6f1a90',
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

  it('answers not-found for an address that is no screen', () => {
    expect(parseRoute('/projects/abc/nothing')).toEqual({ name: 'not-found', path: '/projects/abc/nothing' });
  });
});
