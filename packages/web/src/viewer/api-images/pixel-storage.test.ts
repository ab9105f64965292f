import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodeApiImage } from './decode-api-image.js';
import { pixelStorageOf, sliceSamples, valueRange } from './pixel-storage.js';

/** A 3 × 2 PNG of the given channels and depth, samples interleaved, top row first. */
function png(channels: 1 | 3 | 4, depth: 8 | 16, samples: number[]): Uint8Array {
  const data = depth === 8 ? Uint8Array.from(samples) : Uint16Array.from(samples);
  return encode({ width: 3, height: 2, channels, depth, data });
}

async function decodedSlice(bytes: Uint8Array) {
  const volume = await decodeApiImage('png', bytes, 'test.png');
  const storage = pixelStorageOf(volume);
  return { volume, storage, pixels: sliceSamples(volume, 0, storage) };
}

describe('PNG channels as the viewer stores them', () => {
  it('keeps 8-bit grey as one uint8 sample per pixel', async () => {
    const { storage, pixels, volume } = await decodedSlice(png(1, 8, [0, 10, 20, 30, 40, 250]));
    expect(storage).toEqual({
      arrayType: 'Uint8Array',
      bitsAllocated: 8,
      pixelRepresentation: 0,
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
    });
    expect([...pixels]).toEqual([0, 10, 20, 30, 40, 250]);
    expect(valueRange(volume)).toEqual({ min: 0, max: 250 });
  });

  it('keeps 16-bit grey exact in uint16', async () => {
    const { storage, pixels } = await decodedSlice(png(1, 16, [0, 1, 4095, 40000, 65535, 12]));
    expect(storage.arrayType).toBe('Uint16Array');
    expect(storage.bitsAllocated).toBe(16);
    expect([...pixels]).toEqual([0, 1, 4095, 40000, 65535, 12]);
  });

  it('gives RGB three interleaved uint8 samples per pixel', async () => {
    const rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    const { storage, pixels } = await decodedSlice(png(3, 8, rgb));
    expect(storage).toMatchObject({
      samplesPerPixel: 3,
      photometricInterpretation: 'RGB',
      arrayType: 'Uint8Array',
    });
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect([...pixels]).toEqual(rgb);
  });

  it('drops alpha from RGBA, and keeps the high byte of 16-bit colour', async () => {
    const rgba = [1, 2, 3, 255, 4, 5, 6, 0, 7, 8, 9, 128, 10, 11, 12, 255, 13, 14, 15, 255, 16, 17, 18, 255];
    const { pixels } = await decodedSlice(png(4, 8, rgba));
    expect([...pixels]).toEqual(rgba.filter((_, i) => i % 4 !== 3));
    const deep = [
      0x1234, 0xff00, 0x00ff, 0x8000, 0, 0xffff, 1, 2, 3, 0x0100, 0x0200, 0x0300, 0, 0, 0, 0xabcd, 0xef01,
      0x2345,
    ];
    const { pixels: narrowed, storage } = await decodedSlice(png(3, 16, deep));
    expect(storage.bitsAllocated).toBe(8);
    expect([...narrowed]).toEqual(deep.map((v) => v >> 8));
  });
});

describe('pixelStorageOf NIfTI types', () => {
  const grey = { samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2' } as const;
  it('keeps 8 and 16-bit integers, widens int8, and holds the rest as float32', () => {
    expect(pixelStorageOf({ ...grey, dataType: 'int16' })).toMatchObject({
      arrayType: 'Int16Array',
      pixelRepresentation: 1,
    });
    expect(pixelStorageOf({ ...grey, dataType: 'int8' })).toMatchObject({
      arrayType: 'Int16Array',
      bitsAllocated: 16,
    });
    for (const dataType of ['int32', 'uint32', 'float32', 'float64'] as const)
      expect(pixelStorageOf({ ...grey, dataType })).toMatchObject({
        arrayType: 'Float32Array',
        bitsAllocated: 32,
      });
  });

  it('cuts slice k of the first timepoint, converting values to the storage type', () => {
    const volume = {
      dims: [2, 2, 3] as [number, number, number],
      samplesPerPixel: 1 as const,
      dataType: 'float64' as const,
      // Two timepoints: the second must never show.
      data: Float64Array.from({ length: 24 }, (_, i) => i + 0.5),
    };
    const storage = pixelStorageOf({ ...grey, dataType: 'float64' });
    expect([...sliceSamples(volume, 2, storage)]).toEqual([8.5, 9.5, 10.5, 11.5]);
    expect(valueRange(volume)).toEqual({ min: 0.5, max: 11.5 });
  });
});
