import { describe, expect, it } from 'vitest';
import { isJpeg, isPng } from './magic.js';

describe('isPng / isJpeg', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);

  it('recognise their signatures, also inside a larger buffer', () => {
    expect(isPng(png)).toBe(true);
    expect(isJpeg(jpeg)).toBe(true);
    const host = new Uint8Array(20);
    host.set(png, 5);
    expect(isPng(host.subarray(5))).toBe(true);
    expect(isPng(jpeg) || isJpeg(png)).toBe(false);
  });

  it('reject short, empty and near-miss input', () => {
    expect(isPng(png.subarray(0, 7))).toBe(false);
    expect(isJpeg(jpeg.subarray(0, 2))).toBe(false);
    expect(isPng(new Uint8Array(0)) || isJpeg(new Uint8Array(0))).toBe(false);
    expect(isPng(Uint8Array.from(png, (b, i) => (i === 4 ? 0x0a : b)))).toBe(false); // CR LF → LF LF, as text transfer does
    expect(isJpeg(new Uint8Array([0xff, 0xd8, 0x00]))).toBe(false);
  });
});
