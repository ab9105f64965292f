import { IDENTITY3 } from '../geometry/matrix3.js';
import type { Vec3 } from '../geometry/vector.js';
import type { ImageMeta, ImageVolume } from '../volume/image-volume.js';

export interface RasterImageParts {
  readonly width: number;
  readonly height: number;
  readonly samplesPerPixel: 1 | 3;
  /** Interleaved samples, x fastest, top row first (as PNG and JPEG store them). */
  readonly data: Uint8Array | Uint16Array;
  /** Millimetres between pixel centres along x and y, when the file says so. */
  readonly pixelSpacing?: readonly [number, number];
  readonly meta: ImageMeta;
  readonly warnings: readonly string[];
}

/**
 * A 2D picture as an ImageVolume one slice deep. A PNG or JPEG has no patient position, so the
 * geometry is the identity: row index runs along +y, which puts the first row at the top of the
 * usual axial-style display, and the slice spacing is 1 mm by convention.
 */
export function rasterVolume(parts: RasterImageParts): ImageVolume {
  const spacing: Vec3 = parts.pixelSpacing ? [parts.pixelSpacing[0], parts.pixelSpacing[1], 1] : [1, 1, 1];
  return {
    kind: 'volume',
    dims: [parts.width, parts.height, 1],
    spacing,
    origin: [0, 0, 0],
    direction: IDENTITY3,
    timepoints: 1,
    dataType: parts.data instanceof Uint16Array ? 'uint16' : 'uint8',
    samplesPerPixel: parts.samplesPerPixel,
    photometricInterpretation: parts.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2',
    data: parts.data,
    meta: parts.meta,
    warnings: parts.warnings,
  };
}
