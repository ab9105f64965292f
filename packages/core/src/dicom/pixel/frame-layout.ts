import type { PixelModule } from './pixel-module.js';

/** Samples in one decoded frame: rows × columns × samples per pixel. */
export function samplesPerFrame(module: PixelModule): number {
  return module.rows * module.columns * module.samplesPerPixel;
}

/**
 * Native YBR_FULL_422 keeps two luminance samples per chrominance pair (Y1 Y2 Cb Cr), so a frame holds
 * two samples per pixel instead of three (PS3.3 C.7.6.3.1.2).
 */
export function isSubsampledNative(module: PixelModule): boolean {
  return module.photometricInterpretation === 'YBR_FULL_422';
}

/** Bits that one frame occupies in native (uncompressed) Pixel Data. */
export function nativeFrameBits(module: PixelModule): number {
  const samples = isSubsampledNative(module) ? module.rows * module.columns * 2 : samplesPerFrame(module);
  return samples * module.bitsAllocated;
}
