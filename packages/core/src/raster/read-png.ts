import { type DecodedPng, decode } from 'fast-png';
import { ImageReadError } from '../errors/image-read-error.js';
import type { ImageMeta, ImageVolume } from '../volume/image-volume.js';
import { type PngHeader, scanPngHeader } from './png-header.js';
import { pngPixels } from './png-pixels.js';
import { MAX_RASTER_PIXELS } from './raster-limits.js';
import { rasterVolume } from './raster-volume.js';

/**
 * Reads a PNG (any colour type, 1–16 bits, interlaced or not) as a 2D image: grey stays grey (uint8,
 * or uint16 for 16-bit files), colour becomes RGB, alpha is dropped. Throws ImageReadError.
 */
export function readPng(bytes: Uint8Array, maxPixels = MAX_RASTER_PIXELS): ImageVolume {
  const header = scanPngHeader(bytes, maxPixels);
  const png = decodeWithFastPng(bytes);
  const pixels = pngPixels(header, png);
  const warnings = [...pixels.warnings];
  if (header.animated) warnings.push('animated PNG: only the default image was read');
  const spacing = pixelSpacing(header, warnings);
  return rasterVolume({
    width: header.width,
    height: header.height,
    samplesPerPixel: pixels.samplesPerPixel,
    data: pixels.data,
    ...(spacing ? { pixelSpacing: spacing } : {}),
    meta: pngMeta(header, png, spacing !== undefined),
    warnings,
  });
}

function decodeWithFastPng(bytes: Uint8Array): DecodedPng {
  try {
    return decode(bytes, { checkCrc: true });
  } catch (error) {
    // fast-png wraps inflate errors ("Error while decompressing the data:"); the cause says what failed.
    const cause = error instanceof Error && error.cause instanceof Error ? ` ${error.cause.message}` : '';
    const message = (error instanceof Error ? error.message : String(error)) + cause;
    const code = /zlib|decompress/i.test(message) ? 'CODEC_FAILED' : 'MALFORMED';
    throw new ImageReadError(code, `PNG could not be decoded: ${message}`, undefined, { cause: error });
  }
}

/** pHYs in pixels per metre gives the pixel size: 1000 / ppm millimetres. */
function pixelSpacing(header: PngHeader, warnings: string[]): [number, number] | undefined {
  const phys = header.physical;
  if (!phys) return undefined;
  if (phys.x === 0 || phys.y === 0) {
    warnings.push(`PNG pHYs says ${phys.x} × ${phys.y} pixels per unit; ignored`);
    return undefined;
  }
  if (phys.unit === 1) return [1000 / phys.x, 1000 / phys.y];
  if (phys.x !== phys.y) {
    warnings.push(
      `PNG pHYs gives non-square pixels (aspect ${phys.x}:${phys.y}) without a unit; not applied`,
    );
  }
  return undefined;
}

function pngMeta(header: PngHeader, png: DecodedPng, spacingFromFile: boolean): ImageMeta {
  const meta: ImageMeta = { format: 'PNG', bitDepth: header.bitDepth, pngColorType: header.colorType };
  if (header.physical) {
    meta.pngPhysicalPixels = { ...header.physical, unit: header.physical.unit === 1 ? 'metre' : 'unknown' };
  }
  if (spacingFromFile) meta.pixelSpacingSource = 'PNG pHYs';
  if (Object.keys(png.text).length > 0) meta.pngText = { ...png.text };
  return meta;
}
