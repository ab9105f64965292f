import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf } from './routes.js';

describe('app routes', () => {
  it('parses each screen and prints it back to the same path', () => {
    const paths = ['/', '/projects/p-1', '/projects/p-1/studies/1.2.3/series/1.2.3.4'];
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

  it('answers not-found for an address that is no screen', () => {
    expect(parseRoute('/projects/abc/nothing')).toEqual({ name: 'not-found', path: '/projects/abc/nothing' });
  });
});
