import { ImageReadError } from '../../errors/image-read-error.js';

/** What a decoded frame holds: grey levels (as stored) or interleaved RGB. */
export type OutputPhotometric = 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';

/** Samples per pixel that each photometric interpretation Voxelhub reads requires (PS3.3 C.7.6.3.1.2). */
const SAMPLES: Readonly<Record<string, number>> = {
  MONOCHROME1: 1,
  MONOCHROME2: 1,
  'PALETTE COLOR': 1,
  RGB: 3,
  YBR_FULL: 3,
  YBR_FULL_422: 3,
  YBR_PARTIAL_422: 3,
  YBR_PARTIAL_420: 3,
  YBR_ICT: 3,
  YBR_RCT: 3,
};

/** Throws unless `photometric` is one Voxelhub reads and agrees with Samples per Pixel. */
export function checkPhotometric(photometric: string, samplesPerPixel: number): void {
  const expected = SAMPLES[photometric];
  if (expected === undefined) {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      `Photometric Interpretation ${photometric || '(empty)'} is not supported (retired or unknown)`,
    );
  }
  if (expected !== samplesPerPixel) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `Photometric Interpretation ${photometric} needs Samples per Pixel ${expected}, the file says ${samplesPerPixel}`,
    );
  }
}

export function outputPhotometric(source: string): OutputPhotometric {
  if (source === 'MONOCHROME1' || source === 'MONOCHROME2') return source;
  return 'RGB';
}

/**
 * How samples that reached us in `source` colour space become RGB. `codecGaveRgb` is true when the codec
 * converted colour itself (libjpeg for YCbCr JPEG, OpenJPEG/OpenJPH for the ICT/RCT component transforms).
 */
export function needsYbrFullToRgb(source: string, codecGaveRgb: boolean): boolean {
  if (codecGaveRgb || source === 'RGB' || SAMPLES[source] === 1) return false;
  if (source === 'YBR_FULL' || source === 'YBR_FULL_422') return true;
  // YBR_PARTIAL_* and YBR_ICT/RCT only occur with codecs that convert them (JPEG, JPEG 2000).
  throw new ImageReadError(
    'UNSUPPORTED_IMAGE',
    `Photometric Interpretation ${source} is only supported where the codec converts it to RGB`,
  );
}
