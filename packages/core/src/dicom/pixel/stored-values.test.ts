import { describe, expect, it } from 'vitest';
import type { PixelModule } from './pixel-module.js';
import { toStoredValues } from './stored-values.js';

function module(bitsAllocated: number, bitsStored: number, highBit: number, signed: boolean): PixelModule {
  return {
    rows: 1,
    columns: 4,
    samplesPerPixel: 1,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: signed ? 1 : 0,
    planarConfiguration: 0,
    photometricInterpretation: 'MONOCHROME2',
    numberOfFrames: 1,
  };
}

describe('toStoredValues', () => {
  it('drops bits above Bits Stored (overlays, garbage) for unsigned data', () => {
    const out = toStoredValues(Uint16Array.of(0xf123, 0x0fff, 0x1000, 0), module(16, 12, 11, false));
    expect(out).toBeInstanceOf(Uint16Array);
    expect([...out]).toEqual([0x123, 0xfff, 0, 0]);
  });

  it('sign-extends from bit Bits Stored − 1 when Pixel Representation is 1', () => {
    const out = toStoredValues(Uint16Array.of(0x0fff, 0x0800, 0x07ff, 0xf001), module(16, 12, 11, true));
    expect(out).toBeInstanceOf(Int16Array);
    expect([...out]).toEqual([-1, -2048, 2047, 1]);
  });

  it('takes the bits below High Bit when High Bit is not Bits Stored − 1', () => {
    // 12 bits stored with High Bit 15: the value sits in bits 4..15.
    const out = toStoredValues(Uint16Array.of(0xfff0, 0x0010, 0x000f, 0x8000), module(16, 12, 15, true));
    expect([...out]).toEqual([-1, 1, 0, -2048]);
  });

  it('reinterprets full-width words as two’s complement', () => {
    expect([...toStoredValues(Uint8Array.of(255, 128, 127, 0), module(8, 8, 7, true))]).toEqual([
      -1, -128, 127, 0,
    ]);
    expect([
      ...toStoredValues(Uint32Array.of(0xffffffff, 1, 0x80000000, 0), module(32, 32, 31, true)),
    ]).toEqual([-1, 1, -2147483648, 0]);
    const unsigned32 = toStoredValues(
      Uint32Array.of(0xffffffff, 0x80000000, 0, 7),
      module(32, 31, 30, false),
    );
    expect([...unsigned32]).toEqual([0x7fffffff, 0, 0, 7]);
  });

  it('widens 8-bit codec output into 16-bit arrays', () => {
    const out = toStoredValues(Int8Array.of(-1, 5, 0, -128), module(16, 8, 7, true));
    expect(out).toBeInstanceOf(Int16Array);
    expect([...out]).toEqual([-1, 5, 0, -128]);
  });
});
