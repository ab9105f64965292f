import { ImageReadError } from '../../../errors/image-read-error.js';
import type { PixelModule } from '../pixel-module.js';
import type { CodecLoader } from './codec-loader.js';
import type { DecodedSamples } from './decoded-samples.js';
import { wasmDecode, withHealthyInstance } from './wasm-decode.js';

/**
 * True when the codestream ends with the EOI marker (FF D9), allowing the one trailing 00 byte that
 * pads a fragment to even length. CharLS spends many seconds before rejecting a stream cut short, so a
 * missing EOI is refused here instead.
 */
function endsWithEoi(frame: Uint8Array): boolean {
  let end = frame.length;
  while (end > 2 && frame[end - 1] === 0x00 && end > frame.length - 2) end--;
  return end >= 4 && frame[end - 2] === 0xff && frame[end - 1] === 0xd9;
}

/** JPEG-LS lossless and near-lossless with CharLS. */
export async function decodeJpegLs(
  frame: Uint8Array,
  _module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  if (!endsWithEoi(frame)) {
    throw new ImageReadError(
      'CODEC_FAILED',
      'JPEG-LS: the codestream has no end-of-image marker (cut short)',
    );
  }
  const { info, samples, interleaveMode } = await withHealthyInstance(
    () => loader.wasmCodec('charls'),
    () => loader.discard('charls'),
    (codec) => wasmDecode('CharLS', codec, frame),
  );
  const components = info.componentCount;
  // CharLS writes the layout of the stream: interleave mode 0 (none) is one plane per component.
  const planar = components > 1 && interleaveMode === 0;
  return { samples, columns: info.width, rows: info.height, components, planar, rgb: false };
}
