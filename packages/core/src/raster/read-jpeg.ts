import { ImageReadError } from '../errors/image-read-error.js';
import type { ImageMeta, ImageVolume } from '../volume/image-volume.js';
import { type JpegHeader, scanJpegHeader } from './jpeg-header.js';
import { decodeJpegWithLibjpegTurbo, type JpegDecoder } from './libjpeg-turbo.js';
import { MAX_RASTER_PIXELS } from './raster-limits.js';
import { rasterVolume } from './raster-volume.js';

/**
 * Reads an 8-bit JPEG (baseline or progressive, grey or colour) as a 2D image: grey → uint8
 * MONOCHROME2, colour → uint8 RGB. EXIF orientation is recorded in meta, not applied. Throws ImageReadError.
 */
export async function readJpeg(
  bytes: Uint8Array,
  maxPixels = MAX_RASTER_PIXELS,
  decode: JpegDecoder = decodeJpegWithLibjpegTurbo,
): Promise<ImageVolume> {
  const header = scanJpegHeader(bytes, maxPixels);
  const frame = await decode(bytes);
  const expected = header.width * header.height * header.components;
  if (frame.width !== header.width || frame.height !== header.height || frame.data.length !== expected) {
    throw new ImageReadError(
      'CODEC_FAILED',
      `JPEG decoded to ${frame.width} × ${frame.height} × ${frame.components} (${frame.data.length} samples), ` +
        `its SOF says ${header.width} × ${header.height} × ${header.components}`,
    );
  }
  const warnings: string[] = [];
  if (header.exifOrientation !== undefined && header.exifOrientation !== 1) {
    warnings.push(`EXIF orientation ${header.exifOrientation} was not applied: pixels are shown as stored`);
  }
  return rasterVolume({
    width: header.width,
    height: header.height,
    samplesPerPixel: header.components === 1 ? 1 : 3,
    data: asUint8Array(frame.data),
    meta: jpegMeta(header),
    warnings,
  });
}

/** A decoder passed in may hand back a Uint8ClampedArray (canvas ImageData does): view it as Uint8Array. */
function asUint8Array(data: Uint8Array | Uint8ClampedArray): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function jpegMeta(header: JpegHeader): ImageMeta {
  const meta: ImageMeta = {
    format: 'JPEG',
    bitDepth: header.precision,
    jpegProcess: header.process,
    jpegSampling: header.sampling.join(','),
  };
  if (header.exifOrientation !== undefined) meta.exifOrientation = header.exifOrientation;
  if (header.jfifDensity) {
    const unit = ['none', 'dpi', 'dpcm'][header.jfifDensity.unit] ?? `unit ${header.jfifDensity.unit}`;
    meta.jfifDensity = { x: header.jfifDensity.x, y: header.jfifDensity.y, unit };
  }
  if (header.adobeTransform !== undefined) meta.adobeTransform = header.adobeTransform;
  return meta;
}
