import { describe, expect, it } from 'vitest';
import {
  MAX_SEGMENT_INDEX,
  nextSegmentIndex,
  paletteColour,
  rgbaOfHex,
  SEGMENT_PALETTE,
  withSegments,
} from './segment-list.js';

describe('nextSegmentIndex', () => {
  it.each([
    [[], 1],
    [[1, 2, 3], 4],
    [[2, 3], 1],
    [[1, 3], 2],
  ])('after %j is %i', (used, expected) => {
    expect(nextSegmentIndex(used.map((index) => ({ index })))).toBe(expected);
  });

  it('is undefined once every 8-bit value is taken', () => {
    const all = Array.from({ length: MAX_SEGMENT_INDEX }, (_, i) => ({ index: i + 1 }));
    expect(nextSegmentIndex(all)).toBeUndefined();
  });
});

describe('paletteColour', () => {
  it('starts at the first colour for segment 1 and cycles', () => {
    expect(paletteColour(1)).toBe(SEGMENT_PALETTE[0]);
    expect(paletteColour(SEGMENT_PALETTE.length + 1)).toBe(SEGMENT_PALETTE[0]);
  });
});

describe('rgbaOfHex', () => {
  it('reads either case and adds the alpha', () => {
    expect(rgbaOfHex('#FF8000')).toEqual([255, 128, 0, 255]);
    expect(rgbaOfHex('#0a0b0c', 128)).toEqual([10, 11, 12, 128]);
  });

  it('refuses a short or named colour', () => {
    expect(() => rgbaOfHex('#f80')).toThrow('#rrggbb');
    expect(() => rgbaOfHex('red')).toThrow('#rrggbb');
  });
});

describe('withSegments', () => {
  const segment = (index: number) => ({
    index,
    labelId: 'l',
    name: `s${index}`,
    colour: '#000000',
    locked: false,
  });

  it('sorts by value and keeps the active segment when it is still there', () => {
    const result = withSegments([segment(3), segment(1)], 3);
    expect(result.segments.map((s) => s.index)).toEqual([1, 3]);
    expect(result.active).toBe(3);
  });

  it('falls back to the first segment, or none', () => {
    expect(withSegments([segment(2), segment(4)], 7).active).toBe(2);
    expect(withSegments([], 1).active).toBeUndefined();
  });
});
