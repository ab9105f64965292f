import { describe, expect, it } from 'vitest';
import { type ImageRef, type ImageRefRule, imageRefProblem, imageRefSchema } from './image-ref.js';

describe('image reference', () => {
  const table: [ImageRef, ImageRefRule, boolean][] = [
    [{ imageId: 'a', sliceIndex: 3 }, 'planar', true],
    [{ imageId: 'a', frameIndex: 0 }, 'planar', true],
    [{ imageId: 'a' }, 'planar', false],
    [{ imageId: 'a' }, 'whole-image', true],
    [{ imageId: 'a', frameIndex: 2 }, 'whole-image', false],
    [{ imageId: 'a' }, 'any', true],
    [{ imageId: 'a', sliceIndex: 0 }, 'any', true],
  ];
  it.each(table)('%j under rule %s: allowed = %s', (ref, rule, allowed) => {
    expect(imageRefProblem(ref, rule) === undefined).toBe(allowed);
  });

  it.each([
    [{ imageId: 'a', sliceIndex: 1.5 }, 'sliceIndex'],
    [{ imageId: 'a', frameIndex: -1 }, 'frameIndex'],
    [{ imageId: 'x'.repeat(513) }, 'imageId'],
    [{ imageId: 'a', sliceIndex: 0, frameIndex: 0 }, 'sliceIndex'],
    [{ imageId: 'a', slice: 0 }, ''],
  ])('refuses %j at %s', (ref, path) => {
    const result = imageRefSchema.safeParse(ref);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
