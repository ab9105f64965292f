import { copyBytes } from '../copy-bytes.js';
import type { PixelModule } from '../pixel-module.js';
import type { CodecLoader } from './codec-loader.js';
import { codecError, type DecodedSamples } from './decoded-samples.js';

/** JPEG lossless (processes 14 and 14 SV1) with jpeg-lossless-decoder-js; samples come back as coded. */
export async function decodeJpegLossless(
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  const Decoder = await loader.jpegLossless();
  const decoder = new Decoder();
  const bytesPerSample = module.bitsAllocated > 8 ? 2 : 1;
  try {
    const copy = copyBytes(frame);
    const samples = decoder.decode(copy.buffer as ArrayBuffer, 0, copy.length, bytesPerSample);
    const components = decoder.numComp;
    return { samples, columns: decoder.xDim, rows: decoder.yDim, components, planar: false, rgb: false };
  } catch (error) {
    throw codecError('jpeg-lossless-decoder-js', error);
  }
}
