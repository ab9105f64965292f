import { describe, expect, it } from 'vitest';
import type { PixelModule } from '../dicom/pixel/pixel-module.js';
import { blackSamples } from './black-samples.js';

const base: PixelModule = {
  rows: 1,
  columns: 1,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  pixelRepresentation: 0,
  planarConfiguration: 0,
  photometricInterpretation: 'MONOCHROME2',
  numberOfFrames: 1,
};

describe('blackSamples', () => {
  it.each([
    ['MONOCHROME2', 12, 0, [0]],
    ['MONOCHROME2', 12, 1, [-2048]],
    ['MONOCHROME2', 16, 1, [-32768]],
    ['MONOCHROME1', 12, 0, [4095]],
    ['MONOCHROME1', 10, 1, [511]],
    ['MONOCHROME1', 8, 0, [255]],
    ['RGB', 8, 0, [0, 0, 0]],
    ['YBR_FULL', 8, 0, [0, 128, 128]],
    ['YBR_FULL_422', 8, 0, [0, 128, 128]],
    ['YBR_PARTIAL_422', 8, 0, [16, 128, 128]],
  ] as const)('%s, %i bits stored, Pixel Representation %i: %j', (photometric, bitsStored, signed, black) => {
    const module = {
      ...base,
      photometricInterpretation: photometric,
      bitsStored,
      pixelRepresentation: signed,
    };
    expect(blackSamples(module, photometric)).toEqual(black);
  });

  it('takes the index of the darkest palette entry, counted from First Mapped Value', () => {
    const palette = {
      numberOfEntries: 4,
      firstMappedValue: 10,
      bitsPerEntry: 8,
      segmented: false,
      red: Uint8Array.of(255, 40, 0, 90),
      green: Uint8Array.of(255, 40, 5, 0),
      blue: Uint8Array.of(255, 40, 3, 0),
    };
    const module = { ...base, bitsStored: 8, photometricInterpretation: 'PALETTE COLOR', palette };
    expect(blackSamples(module, 'PALETTE COLOR')).toEqual([12]);
  });
});
