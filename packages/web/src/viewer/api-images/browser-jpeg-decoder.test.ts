import { describe, expect, it } from 'vitest';
import { jpegComponentCount, samplesFromRgba } from './browser-jpeg-decoder.js';

/** SOI, an APP0 segment, then a baseline SOF0 of a 2 × 3 image with `components` components. */
function jpegHead(components: number, sof = 0xc0): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46];
  const sofBody = [
    8,
    0,
    3,
    0,
    2,
    components,
    ...Array.from({ length: components }, (_, i) => [i + 1, 0x11, 0]),
  ];
  const sofLength = 2 + sofBody.flat().length;
  return Uint8Array.from([0xff, 0xd8, ...app0, 0xff, sof, 0, sofLength, ...sofBody.flat()]);
}

describe('jpegComponentCount', () => {
  it('reads the component count of baseline and progressive frame headers', () => {
    expect(jpegComponentCount(jpegHead(1))).toBe(1);
    expect(jpegComponentCount(jpegHead(3))).toBe(3);
    expect(jpegComponentCount(jpegHead(3, 0xc2))).toBe(3);
  });

  it('answers 0 when no frame header comes before the scan or the bytes are not markers', () => {
    expect(jpegComponentCount(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(0);
    expect(jpegComponentCount(Uint8Array.from([0xff, 0xd8, 0x12, 0x34, 0, 0]))).toBe(0);
  });
});

describe('samplesFromRgba', () => {
  const rgba = [10, 10, 10, 255, 200, 100, 50, 255];
  it('keeps one sample per pixel for grey and three for colour, dropping alpha', () => {
    expect([...samplesFromRgba(rgba, 1)]).toEqual([10, 200]);
    expect([...samplesFromRgba(rgba, 3)]).toEqual([10, 10, 10, 200, 100, 50]);
  });
});
