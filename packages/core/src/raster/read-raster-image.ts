import { asReadError, ImageReadError } from '../errors/image-read-error.js';
import type { ImageVolume } from '../volume/image-volume.js';
import type { JpegDecoder } from './libjpeg-turbo.js';
import { isJpeg, isPng } from './magic.js';
import { MAX_RASTER_PIXELS } from './raster-limits.js';
import { readJpeg } from './read-jpeg.js';
import { readPng } from './read-png.js';

export interface RasterReadOptions {
  /** Named in error messages. */
  readonly file?: string;
  /** Largest width × height accepted, checked before decoding; default 2^28. */
  readonly maxPixels?: number;
  /** JPEG decoder; default libjpeg-turbo (wasm, loaded on first use). */
  readonly decodeJpeg?: JpegDecoder;
}

/**
 * Reads a PNG or JPEG (told apart by their first bytes) as a 2D ImageVolume: dims [w, h, 1], identity
 * geometry, spacing [1, 1, 1] unless a PNG pHYs chunk gives the pixel size in metres.
 * Bad input throws ImageReadError (NOT_IMAGE, TRUNCATED, MALFORMED, LIMIT_EXCEEDED, UNSUPPORTED_IMAGE,
 * CODEC_FAILED) naming `options.file`.
 */
export async function readRasterImage(
  bytes: Uint8Array,
  options: RasterReadOptions = {},
): Promise<ImageVolume> {
  const maxPixels = options.maxPixels ?? MAX_RASTER_PIXELS;
  try {
    if (isPng(bytes)) return readPng(bytes, maxPixels);
    if (isJpeg(bytes)) return await readJpeg(bytes, maxPixels, options.decodeJpeg);
    throw new ImageReadError(
      'NOT_IMAGE',
      'the file starts with neither the PNG signature nor a JPEG SOI marker',
    );
  } catch (error) {
    throw asReadError(error, 'CODEC_FAILED', options.file);
  }
}
