import { describe, expect, it } from 'vitest';
import {
  type ClassificationLevel,
  defaultLevel,
  initialLevel,
  levelCaption,
} from './classification-level.js';

const series = { seriesId: 's' };
const image = { imageId: 'i' };
const levels = (...l: ClassificationLevel[]) => new Set(l);

describe('classification levels', () => {
  it('defaults to the series for a series and to the image for a lone image', () => {
    expect(defaultLevel(series)).toBe('series');
    expect(defaultLevel(image)).toBe('image');
  });

  it.each([
    [[], series, 'series'],
    [['series', 'study'], series, 'series'],
    [['study'], series, 'study'],
    [['image', 'study'], series, 'image'],
    [['series'], image, 'series'],
    [[], image, 'image'],
  ] as const)('with answers at %o on %o, opens at %s', (answered, target, expected) => {
    expect(initialLevel(levels(...answered), target)).toBe(expected);
  });

  it('names the image level after the frame or slice shown, counting from 1', () => {
    expect(levelCaption('image', { imageId: 'i', frameIndex: 0 })).toBe('Frame 1');
    expect(levelCaption('image', { imageId: 'i', sliceIndex: 9 })).toBe('Slice 10');
    expect(levelCaption('image', { imageId: 'i' })).toBe('This image');
    expect(levelCaption('series', { imageId: 'i', frameIndex: 3 })).toBe('Series');
    expect(levelCaption('study', { imageId: 'i' })).toBe('Study');
  });
});
