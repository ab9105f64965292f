export {
  type CodecLoader,
  type CodecLoaderOptions,
  createCodecLoader,
  defaultCodecLoader,
} from './codecs/codec-loader.js';
export {
  type DecodedFrame,
  type DecodedFrames,
  type DecodeOptions,
  decodeAllFrames,
  decodeFrame,
} from './decode-frame.js';
export { type EncapsulatedFrames, encapsulatedFrames, frameBytes } from './encapsulated-frames.js';
export type { PaletteColorLut } from './palette-color-lut.js';
export type { OutputPhotometric } from './photometric.js';
export { type PixelModule, readPixelModule } from './pixel-module.js';
export type { PixelArray } from './stored-values.js';
