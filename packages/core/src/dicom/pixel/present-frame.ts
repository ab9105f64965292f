import { ImageReadError } from '../../errors/image-read-error.js';
import { expandYbr422, interleavePlanes } from './color-layout.js';
import type { RawFrame } from './frame-source.js';
import { applyPaletteColorLut } from './palette-color-lut.js';
import { needsYbrFullToRgb } from './photometric.js';
import type { PixelModule } from './pixel-module.js';
import { type PixelArray, toStoredValues } from './stored-values.js';
import { ybrFullToRgbInPlace } from './ybr-to-rgb.js';

/** Interleaved samples in the order the photometric interpretation names them. */
function interleaved(raw: RawFrame, module: PixelModule): RawFrame['samples'] {
  if (raw.subsampled) return expandYbr422(raw.samples, module.rows * module.columns);
  if (raw.planar && module.samplesPerPixel > 1) return interleavePlanes(raw.samples, module.samplesPerPixel);
  return raw.samples;
}

/**
 * Turns raw samples into what decodeFrame promises: stored values (masked, sign-extended, not rescaled)
 * for grey images, interleaved RGB for colour (YBR_FULL converted, palettes applied).
 */
export function presentFrame(raw: RawFrame, module: PixelModule): PixelArray {
  // Codecs return the values themselves (PS3.5 8.2 also requires High Bit = Bits Stored − 1 for them).
  const layout = raw.nativeWords ? module : { ...module, highBit: module.bitsStored - 1 };
  const values = toStoredValues(interleaved(raw, module), layout);
  if (module.palette) return applyPaletteColorLut(values, module.palette);
  if (module.samplesPerPixel === 3 && needsYbrFullToRgb(module.photometricInterpretation, raw.rgb)) {
    if (!(values instanceof Uint8Array)) {
      throw new ImageReadError(
        'UNSUPPORTED_IMAGE',
        `${module.photometricInterpretation} with ${module.bitsAllocated}-bit samples cannot be converted to RGB`,
      );
    }
    ybrFullToRgbInPlace(values);
  }
  return values;
}
