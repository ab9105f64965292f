import { ImageReadError } from '../errors/image-read-error.js';

/** Default cap on width × height (2^28 ≈ 268 Mpixel, 16384 × 16384), checked before any pixel is decoded. */
export const MAX_RASTER_PIXELS = 2 ** 28;

/** Refuses a declared size that is empty or larger than `maxPixels`, before a decoder allocates for it. */
export function checkRasterSize(width: number, height: number, maxPixels: number): void {
  if (width === 0 || height === 0) {
    throw new ImageReadError('MALFORMED', `image declares a size of ${width} × ${height} pixels`);
  }
  if (width * height > maxPixels) {
    throw new ImageReadError(
      'LIMIT_EXCEEDED',
      `image declares ${width} × ${height} pixels, more than the limit of ${maxPixels}`,
    );
  }
}
