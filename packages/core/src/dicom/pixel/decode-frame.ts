import type { DataSet } from 'dicom-parser';
import { type CodecLoader, defaultCodecLoader } from './codecs/codec-loader.js';
import { frameSource } from './frame-source.js';
import { type OutputPhotometric, outputPhotometric } from './photometric.js';
import { type PixelModule, readPixelModule } from './pixel-module.js';
import { presentFrame } from './present-frame.js';
import type { PixelArray } from './stored-values.js';

export interface DecodeOptions {
  /** Where codecs come from; the default loads each once per process. */
  readonly codecs?: CodecLoader;
  /** The dataset's pixel module when the caller has read it already (saves re-reading palettes per frame). */
  readonly pixelModule?: PixelModule;
}

/** Decoded pixels of one frame or of all frames, frame after frame. */
export interface DecodedFrames {
  /**
   * MONOCHROME: stored values, not rescaled (the caller applies Rescale Slope/Intercept), masked to Bits
   * Stored and sign-extended when signed: Uint8/Int8, Uint16/Int16 or Uint32/Int32 as Bits Allocated
   * says; 1-bit images as Uint8 0/1. RGB: interleaved R G B, 8-bit (or 16-bit for 16-bit palettes).
   */
  readonly pixels: PixelArray;
  readonly rows: number;
  readonly columns: number;
  /** Values per pixel in `pixels`: 1 or 3. */
  readonly samplesPerPixel: 1 | 3;
  readonly numberOfFrames: number;
  /** What `pixels` hold. MONOCHROME1 is left as stored (higher values are darker). */
  readonly photometricInterpretation: OutputPhotometric;
  /** The Photometric Interpretation in the file (YBR_FULL_422, PALETTE COLOR, …). */
  readonly sourcePhotometricInterpretation: string;
  readonly pixelModule: PixelModule;
}

/** One frame: `numberOfFrames` is 1. */
export type DecodedFrame = DecodedFrames;

function describe(module: PixelModule, pixels: PixelArray, numberOfFrames: number): DecodedFrames {
  const photometricInterpretation = outputPhotometric(module.photometricInterpretation);
  return {
    pixels,
    rows: module.rows,
    columns: module.columns,
    samplesPerPixel: photometricInterpretation === 'RGB' ? 3 : 1,
    numberOfFrames,
    photometricInterpretation,
    sourcePhotometricInterpretation: module.photometricInterpretation,
    pixelModule: module,
  };
}

/**
 * Decodes frame `frameIndex` (0-based) of a dataset parsed by dicom-parser from a whole file, native or
 * encapsulated. Throws ImageReadError for files that cannot be decoded and RangeError for a frame index
 * outside 0..Number of Frames − 1.
 */
export async function decodeFrame(
  dataSet: DataSet,
  transferSyntaxUID: string,
  frameIndex: number,
  options: DecodeOptions = {},
): Promise<DecodedFrame> {
  const module = options.pixelModule ?? readPixelModule(dataSet);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= module.numberOfFrames) {
    throw new RangeError(
      `frame ${frameIndex} does not exist: the image has ${module.numberOfFrames} frame(s)`,
    );
  }
  const read = frameSource(dataSet, transferSyntaxUID, module, options.codecs ?? defaultCodecLoader);
  return describe(module, presentFrame(await read(frameIndex), module), 1);
}

/** Decodes every frame into one typed array, frame after frame (see DecodedFrames for the layout). */
export async function decodeAllFrames(
  dataSet: DataSet,
  transferSyntaxUID: string,
  options: DecodeOptions = {},
): Promise<DecodedFrames> {
  const module = options.pixelModule ?? readPixelModule(dataSet);
  const read = frameSource(dataSet, transferSyntaxUID, module, options.codecs ?? defaultCodecLoader);
  const first = presentFrame(await read(0), module);
  if (module.numberOfFrames === 1) return describe(module, first, 1);
  const Out = first.constructor as new (length: number) => PixelArray;
  const pixels = new Out(first.length * module.numberOfFrames);
  pixels.set(first, 0);
  for (let i = 1; i < module.numberOfFrames; i++)
    pixels.set(presentFrame(await read(i), module), i * first.length);
  return describe(module, pixels, module.numberOfFrames);
}
