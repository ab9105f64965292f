import { ImageReadError } from '../../errors/image-read-error.js';

type Samples = Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Uint8ClampedArray;

/** Planar configuration 1 (RRR… GGG… BBB…) to interleaved (RGB RGB …). */
export function interleavePlanes<T extends Samples>(planar: T, samplesPerPixel: number): T {
  const out = new (planar.constructor as new (length: number) => T)(planar.length);
  const pixels = planar.length / samplesPerPixel;
  for (let s = 0; s < samplesPerPixel; s++) {
    const plane = s * pixels;
    for (let p = 0; p < pixels; p++) out[p * samplesPerPixel + s] = planar[plane + p]!;
  }
  return out;
}

/**
 * Native YBR_FULL_422 (Y1 Y2 Cb Cr per pair of pixels) to YBR_FULL (Y1 Cb Cr Y2 Cb Cr), each chrominance
 * pair shared by both pixels, as pydicom's numpy handler does.
 */
export function expandYbr422<T extends Samples>(subsampled: T, pixels: number): T {
  if (pixels % 2 !== 0) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `YBR_FULL_422 needs an even number of pixels per frame, not ${pixels}`,
    );
  }
  const Ctor = subsampled.constructor as new (length: number) => T;
  const out = new Ctor(pixels * 3);
  for (let i = 0, o = 0; o < out.length; i += 4, o += 6) {
    const cb = subsampled[i + 2]!;
    const cr = subsampled[i + 3]!;
    out[o] = subsampled[i]!;
    out[o + 1] = cb;
    out[o + 2] = cr;
    out[o + 3] = subsampled[i + 1]!;
    out[o + 4] = cb;
    out[o + 5] = cr;
  }
  return out;
}
