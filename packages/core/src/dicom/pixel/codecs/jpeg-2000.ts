import type { PixelModule } from '../pixel-module.js';
import type { CodecLoader, WasmCodecName } from './codec-loader.js';
import type { DecodedSamples } from './decoded-samples.js';
import { wasmDecode, withHealthyInstance } from './wasm-decode.js';

/** OpenJPEG and OpenJPH undo the irreversible/reversible colour transforms (YBR_ICT, YBR_RCT) themselves. */
function codecGivesRgb(module: PixelModule): boolean {
  return module.photometricInterpretation === 'YBR_ICT' || module.photometricInterpretation === 'YBR_RCT';
}

async function decodeWith(
  name: WasmCodecName,
  label: string,
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  const { info, samples } = await withHealthyInstance(
    () => loader.wasmCodec(name),
    () => loader.discard(name),
    (codec) => wasmDecode(label, codec, frame),
  );
  const components = info.componentCount;
  // Both return an empty image, without throwing, for data they cannot read: decode-frame.ts checks sizes.
  return {
    samples,
    columns: info.width,
    rows: info.height,
    components,
    planar: false,
    rgb: codecGivesRgb(module),
  };
}

/** JPEG 2000 (Part 1) with OpenJPEG. */
export function decodeJpeg2000(
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  return decodeWith('openjpeg', 'OpenJPEG', frame, module, loader);
}

/** High-Throughput JPEG 2000 with OpenJPH. */
export function decodeHtj2k(
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  return decodeWith('openjph', 'OpenJPH', frame, module, loader);
}
