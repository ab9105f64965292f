import type { PixelArray } from '../dicom/pixel/stored-values.js';
import { clipRectangle } from './assess-burned-in.js';
import type { PixelRectangle } from './burned-in-rule.js';

/** Decoded frames, frame after frame, samples interleaved (R G B or Y Cb Cr per pixel). */
export interface DecodedImage {
  readonly pixels: PixelArray;
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly numberOfFrames: number;
}

/** Sets every sample inside `regions` (clipped to the image) to `black`, in every frame, in place. */
export function blankDecodedPixels(
  image: DecodedImage,
  regions: readonly PixelRectangle[],
  black: readonly number[],
): void {
  const { pixels, rows, columns, samplesPerPixel: spp, numberOfFrames } = image;
  const frameSamples = rows * columns * spp;
  for (const region of regions) {
    const r = clipRectangle(region, rows, columns);
    if (!r) continue;
    for (let frame = 0; frame < numberOfFrames; frame++) {
      for (let y = r.y; y < r.y + r.height; y++) {
        const rowStart = frame * frameSamples + (y * columns + r.x) * spp;
        for (let i = 0; i < r.width * spp; i++) pixels[rowStart + i] = black[i % spp]!;
      }
    }
  }
}
