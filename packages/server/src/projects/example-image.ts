import { ImageReadError, isJpeg, isPng, readRasterImage } from '@voxelhub/core';
import { ApiError } from '../errors/api-error.js';
import { EXAMPLE_LIMITS, type ExampleMediaType } from './label-example-limits.js';

export interface ExampleImage {
  readonly mediaType: ExampleMediaType;
  readonly width: number;
  readonly height: number;
}

/**
 * Checks that uploaded bytes are the PNG or JPEG their Content-Type says, by decoding them whole (a
 * browser will, so a file that only starts right is refused here), and measures them.
 */
export async function readExampleImage(bytes: Uint8Array, declared: ExampleMediaType): Promise<ExampleImage> {
  const found: ExampleMediaType | null = isPng(bytes) ? 'image/png' : isJpeg(bytes) ? 'image/jpeg' : null;
  if (found === null) throw invalid(`the bytes are not a PNG or JPEG image (Content-Type says ${declared})`);
  if (found !== declared)
    throw invalid(`the bytes are a ${formatOf(found)}, but Content-Type says ${declared}`);
  try {
    const image = await readRasterImage(bytes, { maxPixels: EXAMPLE_LIMITS.maxPixels });
    return { mediaType: found, width: image.dims[0], height: image.dims[1] };
  } catch (error) {
    if (error instanceof ImageReadError)
      throw invalid(`the ${formatOf(found)} can't be read: ${error.detail}`);
    throw error;
  }
}

function formatOf(type: ExampleMediaType): string {
  return type === 'image/png' ? 'PNG' : 'JPEG';
}

function invalid(message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', message, [{ path: 'body', message }]);
}
