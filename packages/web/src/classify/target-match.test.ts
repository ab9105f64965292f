import { describe, expect, it } from 'vitest';
import { sameImageRef, sameTarget } from './target-match.js';

describe('sameTarget', () => {
  it.each([
    [{ seriesId: 's' }, { seriesId: 's' }, true],
    [{ seriesId: 's' }, { seriesId: 't' }, false],
    [{ seriesId: 's' }, { imageId: 's' }, false],
    [{ seriesId: 's', taskId: 'k' }, { seriesId: 's', taskId: 'k' }, true],
    [{ seriesId: 's', taskId: 'k' }, { seriesId: 's' }, false],
  ])('%o and %o: %s', (a, b, same) => {
    expect(sameTarget(a, b)).toBe(same);
  });
});

describe('sameImageRef', () => {
  it.each([
    [{ imageId: 'a' }, { imageId: 'a' }, true],
    [{ imageId: 'a', frameIndex: 2 }, { imageId: 'a', frameIndex: 2 }, true],
    [{ imageId: 'a', frameIndex: 2 }, { imageId: 'a', frameIndex: 3 }, false],
    [{ imageId: 'a', frameIndex: 2 }, { imageId: 'a', sliceIndex: 2 }, false],
    [{ imageId: 'a', frameIndex: 0 }, { imageId: 'a' }, false],
    [{ imageId: 'a' }, { imageId: 'b' }, false],
  ])('%o and %o: %s', (a, b, same) => {
    expect(sameImageRef(a, b)).toBe(same);
  });
});
