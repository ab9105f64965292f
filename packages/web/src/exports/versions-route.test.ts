import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf } from '../app/routes.js';

describe('the versions & exports address', () => {
  it('reads and writes /projects/:id/versions', () => {
    expect(parseRoute('/projects/p%201/versions/')).toEqual({ name: 'versions', projectId: 'p 1' });
    expect(pathOf({ name: 'versions', projectId: 'p 1' })).toBe('/projects/p%201/versions');
    expect(parseRoute('/projects/p/versions/x').name).toBe('not-found');
  });
});
