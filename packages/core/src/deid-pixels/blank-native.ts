import { isSubsampledNative, nativeFrameBits } from '../dicom/pixel/frame-layout.js';
import type { PixelModule } from '../dicom/pixel/pixel-module.js';
import { clipRectangle } from './assess-burned-in.js';
import { blackSamples } from './black-samples.js';
import type { PixelRectangle } from './burned-in-rule.js';

/** Native Pixel Data to edit in place: the value bytes, and the byte-swap unit for big endian words. */
export interface NativeTarget {
  readonly bytes: Uint8Array;
  /** 1 for little endian (or OB), 2 or 4 for big endian words (see native-pixel-data.ts). */
  readonly swapUnit: 1 | 2 | 4;
}

/** Writes sample words at logical (little-endian) byte offsets, keeping bits outside the stored value. */
function sampleWriter(target: NativeTarget, module: PixelModule) {
  const { bytes, swapUnit } = target;
  const width = module.bitsAllocated / 8;
  const shift = module.highBit + 1 - module.bitsStored;
  // 2^n rather than 1 << n: Bits Stored may be 32.
  const field = (2 ** module.bitsStored - 1) * 2 ** shift;
  const physical = (at: number) =>
    swapUnit === 1 ? at : at - (at % swapUnit) + swapUnit - 1 - (at % swapUnit);
  return (offset: number, value: number) => {
    let word = 0;
    for (let i = width - 1; i >= 0; i--) word = word * 256 + bytes[physical(offset + i)]!;
    const stored = (value < 0 ? value + 2 ** module.bitsStored : value) * 2 ** shift;
    // Bits outside the stored value (retired overlays, garbage) stay as they were.
    word = word - ((word % (field + 2 ** shift)) - (word % 2 ** shift)) + stored;
    for (let i = 0; i < width; i++) {
      bytes[physical(offset + i)] = word % 256;
      word = Math.floor(word / 256);
    }
  };
}

type SampleWriter = ReturnType<typeof sampleWriter>;

/** One row of a rectangle in YBR_FULL_422 (Y1 Y2 Cb Cr per pair of pixels): whole pairs are blanked. */
function blankSubsampledRow(
  write: SampleWriter,
  rowStart: number,
  r: PixelRectangle,
  black: number[],
  width: number,
) {
  const pairSamples = [black[0]!, black[0]!, black[1]!, black[2]!];
  for (let pair = Math.floor(r.x / 2); pair < Math.ceil((r.x + r.width) / 2); pair++)
    for (let s = 0; s < 4; s++) write(rowStart + (pair * 4 + s) * width, pairSamples[s]!);
}

/** One row of a rectangle, `y`, in a frame starting at byte `base`, in either planar configuration. */
function blankRow(
  write: SampleWriter,
  module: PixelModule,
  base: number,
  y: number,
  r: PixelRectangle,
  black: number[],
) {
  const { rows, columns, samplesPerPixel } = module;
  const width = module.bitsAllocated / 8;
  for (let x = r.x; x < r.x + r.width; x++) {
    for (let s = 0; s < samplesPerPixel; s++) {
      const index =
        module.planarConfiguration === 1
          ? s * rows * columns + y * columns + x
          : (y * columns + x) * samplesPerPixel + s;
      write(base + index * width, black[s]!);
    }
  }
}

/**
 * Blacks out `regions` (clipped to the image) in every frame of native Pixel Data, in place. Handles 8,
 * 16 and 32 bits, one or three samples, either planar configuration, big endian words, and YBR_FULL_422,
 * whose rectangles are widened to whole pixel pairs (two pixels share one chroma pair).
 */
export function blankNativePixels(
  target: NativeTarget,
  module: PixelModule,
  regions: readonly PixelRectangle[],
): void {
  const { rows, columns, numberOfFrames } = module;
  const width = module.bitsAllocated / 8;
  const frameBytes = nativeFrameBits(module) / 8;
  const black = blackSamples(module, module.photometricInterpretation);
  const write = sampleWriter(target, module);
  const subsampled = isSubsampledNative(module);
  for (const region of regions) {
    const r = clipRectangle(region, rows, columns);
    if (!r) continue;
    for (let frame = 0; frame < numberOfFrames; frame++) {
      const base = frame * frameBytes;
      for (let y = r.y; y < r.y + r.height; y++) {
        if (subsampled) blankSubsampledRow(write, base + y * columns * 2 * width, r, black, width);
        else blankRow(write, module, base, y, r, black);
      }
    }
  }
}
