import type { ImageVolume } from '@voxelhub/core';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { displayWindow, windowed } from './display-window.js';
import { planePng } from './plane-png.js';

function volume(
  data: ImageVolume['data'],
  dims: [number, number, number],
  extra: Partial<ImageVolume> = {},
): ImageVolume {
  return {
    kind: 'volume',
    dims,
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    timepoints: 1,
    dataType: 'int16',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data,
    meta: {},
    warnings: [],
    ...extra,
  };
}

describe('display windows', () => {
  it("takes the DICOM header's window when there is one", () => {
    const ct = volume(Int16Array.from([-1000, 0, 40, 1000]), [2, 2, 1], {
      meta: { windowCenter: 40, windowWidth: 400 },
    });
    const window = displayWindow(ct);
    expect(window).toEqual({ centre: 40, width: 400 });
    expect([-1000, -160, 40, 240, 1000].map((v) => windowed(v, window))).toEqual([0, 0, 128, 255, 255]);
  });

  it('else clips the 0.5% darkest and brightest voxels of the case', () => {
    // 1000 voxels 0…999 and two outliers: the window spans about 5…994, not the outliers.
    const values = Int16Array.from([...Array.from({ length: 1000 }, (_, i) => i), -30000, 30000]);
    const window = displayWindow(volume(values, [1002, 1, 1]));
    const lower = window.centre - window.width / 2;
    const upper = window.centre + window.width / 2;
    expect(lower).toBeGreaterThan(-100);
    expect(lower).toBeLessThan(60);
    expect(upper).toBeGreaterThan(940);
    expect(upper).toBeLessThan(1100);
  });

  it('draws a constant image black rather than dividing by zero', () => {
    const window = displayWindow(volume(Int16Array.from([7, 7, 7, 7]), [2, 2, 1]));
    expect(windowed(7, window)).toBe(0);
  });
});

describe('plane PNGs', () => {
  it('writes slice k of a greyscale volume as 8-bit grey, MONOCHROME1 inverted', () => {
    const data = Int16Array.from([0, 0, 0, 0, 0, 100, 200, 300]);
    const window = { centre: 150, width: 300 };
    const plain = decode(planePng(volume(data, [2, 2, 2]), 1, window));
    expect([plain.width, plain.height, plain.channels, plain.depth]).toEqual([2, 2, 1, 8]);
    expect(Array.from(plain.data)).toEqual([0, 85, 170, 255]);
    const inverted = decode(
      planePng(volume(data, [2, 2, 2], { photometricInterpretation: 'MONOCHROME1' }), 1, window),
    );
    expect(Array.from(inverted.data)).toEqual([255, 170, 85, 0]);
  });

  it('keeps colour as RGB', () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]);
    const png = decode(
      planePng(
        volume(rgb, [2, 2, 1], { samplesPerPixel: 3, dataType: 'uint8', photometricInterpretation: 'RGB' }),
        0,
        {
          centre: 0,
          width: 1,
        },
      ),
    );
    expect([png.width, png.height, png.channels]).toEqual([2, 2, 3]);
    expect(Array.from(png.data)).toEqual(Array.from(rgb));
  });
});
