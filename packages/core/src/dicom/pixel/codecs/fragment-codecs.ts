import { copyBytes } from '../copy-bytes.js';
import type { PixelModule } from '../pixel-module.js';
import { decodeRleFrame } from '../rle-decoder.js';
import type { DecodedSamples } from './decoded-samples.js';
import { samplesFromBytes } from './decoded-samples.js';

/** Samples of a frame whose bytes are little-endian, interleaved and not packed (RLE output, 1.2.1.98). */
function rawSamples(bytes: Uint8Array, module: PixelModule, planar: boolean): DecodedSamples {
  const { columns, rows, samplesPerPixel: components } = module;
  const samples =
    module.bitsAllocated === 32
      ? new Uint32Array(copyBytes(bytes).buffer, 0, bytes.length >> 2)
      : samplesFromBytes(bytes, module.bitsAllocated, false);
  return { samples, columns, rows, components, planar, rgb: false, nativeWords: true };
}

/** RLE Lossless: decoded here (see rle-decoder.ts); 1-bit frames stay packed for the caller to unpack. */
export async function rleCodec(frame: Uint8Array, module: PixelModule): Promise<DecodedSamples> {
  return rawSamples(decodeRleFrame(frame, module), module, false);
}

/** Encapsulated Uncompressed (1.2.840.10008.1.2.1.98): each fragment is a native little-endian frame. */
export async function uncompressedFragmentCodec(
  frame: Uint8Array,
  module: PixelModule,
): Promise<DecodedSamples> {
  return rawSamples(frame, module, module.planarConfiguration === 1);
}
