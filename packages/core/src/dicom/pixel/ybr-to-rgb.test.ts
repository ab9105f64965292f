import { describe, expect, it } from 'vitest';
import { expandYbr422, interleavePlanes } from './color-layout.js';
import { ybrFullToRgbInPlace } from './ybr-to-rgb.js';

describe('ybrFullToRgbInPlace', () => {
  it('matches pydicom 2.3 convert_color_space(arr, "YBR_FULL", "RGB")', () => {
    // Expected values printed by Debian's pydicom 2.3.1 for these YBR triples. (0, 178, 78) is one of the
    // 42 inputs whose green differs by one unless the float32 sums are fused as NumPy fuses them.
    const ybr = [0, 178, 78, 255, 128, 128, 0, 0, 0, 255, 255, 255, 76, 85, 255, 128, 128, 128, 30, 200, 10];
    const rgb = [0, 19, 89, 255, 255, 255, 0, 135, 0, 255, 121, 255, 254, 0, 0, 128, 128, 128, 0, 89, 158];
    const samples = Uint8Array.from(ybr);
    ybrFullToRgbInPlace(samples);
    expect([...samples]).toEqual(rgb);
  });
});

describe('colour layouts', () => {
  it('interleaves planes', () => {
    expect([...interleavePlanes(Uint8Array.of(1, 2, 3, 4, 5, 6), 3)]).toEqual([1, 3, 5, 2, 4, 6]);
  });

  it('expands YBR_FULL_422 pairs (Y1 Y2 Cb Cr) to YBR_FULL', () => {
    const expanded = expandYbr422(Uint16Array.of(10, 11, 20, 30, 12, 13, 21, 31), 4);
    expect(expanded).toBeInstanceOf(Uint16Array);
    expect([...expanded]).toEqual([10, 20, 30, 11, 20, 30, 12, 21, 31, 13, 21, 31]);
  });
});
