import type { PixelModule } from '../pixel-module.js';
import type { CodecLoader } from './codec-loader.js';
import type { DecodedSamples } from './decoded-samples.js';
import { wasmDecode } from './wasm-decode.js';

/** JPEG-LS lossless and near-lossless with CharLS. */
export async function decodeJpegLs(
  frame: Uint8Array,
  _module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  const { info, samples, interleaveMode } = wasmDecode('CharLS', await loader.wasmCodec('charls'), frame);
  const components = info.componentCount;
  // CharLS writes the layout of the stream: interleave mode 0 (none) is one plane per component.
  const planar = components > 1 && interleaveMode === 0;
  return { samples, columns: info.width, rows: info.height, components, planar, rgb: false };
}
