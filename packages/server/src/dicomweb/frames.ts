import {
  type DataSet,
  decodeFrame,
  EXPLICIT_VR_BIG_ENDIAN,
  encapsulatedFrames,
  frameBytes,
  type ParsedDicom,
  type PixelModule,
  readPixelModule,
  transferSyntax,
} from '@voxelhub/core';
import { ApiError } from '../errors/api-error.js';

/**
 * Frames of a stored instance for WADO-RS (PS3.18 8.7.3.3.2): native frames as little-endian bytes,
 * compressed frames as their codestream with its media type, or compressed frames decoded to native
 * when the client asks for application/octet-stream.
 */

const PIXEL_DATA = 'x7fe00010';

/** Media types of compressed frames (PS3.18 table 8.7.3-5). */
const FRAME_MEDIA_TYPES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
  '1.2.840.10008.1.2.5': 'image/dicom-rle',
  '1.2.840.10008.1.2.1.98': 'application/octet-stream',
};

export interface Frame {
  readonly bytes: Uint8Array;
  /** e.g. application/octet-stream, image/jls */
  readonly mediaType: string;
  /** The transfer syntax the bytes are in (Explicit VR Little Endian for native ones). */
  readonly transferSyntaxUid: string;
}

export const NATIVE = '1.2.840.10008.1.2.1';

/** Whether the instance's pixel data is compressed (encapsulated). */
export function isEncapsulated(transferSyntaxUid: string): boolean {
  return transferSyntax(transferSyntaxUid)?.encapsulated ?? false;
}

/** The compressed media type of frames in this transfer syntax, if any. */
export function compressedMediaType(transferSyntaxUid: string): string | undefined {
  return FRAME_MEDIA_TYPES[transferSyntaxUid];
}

/** 1-based frame numbers checked against the instance; NOT_FOUND for a frame it doesn't have. */
export function checkFrameNumbers(numbers: readonly number[], module: PixelModule): void {
  const missing = numbers.filter((n) => n < 1 || n > module.numberOfFrames);
  if (missing.length)
    throw new ApiError(
      'NOT_FOUND',
      `frame ${missing.join(', ')} does not exist: the instance has ${module.numberOfFrames}`,
    );
}

/** The frame as stored: native bytes (little-endian), or the compressed codestream. */
export function storedFrame(parsed: ParsedDicom, module: PixelModule, index: number): Frame {
  const ts = parsed.transferSyntaxUID;
  if (isEncapsulated(ts)) {
    const frames = encapsulatedFrames(parsed.dataSet, module.numberOfFrames);
    return {
      bytes: frameBytes(parsed.dataSet, frames, index),
      mediaType: FRAME_MEDIA_TYPES[ts] ?? 'application/octet-stream',
      transferSyntaxUid: ts,
    };
  }
  return {
    bytes: nativeFrame(parsed.dataSet, module, index, ts === EXPLICIT_VR_BIG_ENDIAN),
    mediaType: 'application/octet-stream',
    transferSyntaxUid: NATIVE,
  };
}

/** The frame decoded to native little-endian samples (compressed frames through core's codecs). */
export async function decodedFrame(parsed: ParsedDicom, module: PixelModule, index: number): Promise<Frame> {
  if (!isEncapsulated(parsed.transferSyntaxUID)) return storedFrame(parsed, module, index);
  const decoded = await decodeFrame(parsed.dataSet, parsed.transferSyntaxUID, index, { pixelModule: module });
  const { pixels } = decoded;
  return {
    bytes: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength),
    mediaType: 'application/octet-stream',
    transferSyntaxUid: NATIVE,
  };
}

function nativeFrame(dataSet: DataSet, module: PixelModule, index: number, bigEndian: boolean): Uint8Array {
  const element = dataSet.elements[PIXEL_DATA];
  if (!element) throw new ApiError('NOT_FOUND', 'the instance has no Pixel Data');
  const samples = module.rows * module.columns * module.samplesPerPixel;
  const data = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  if (module.bitsAllocated === 1) return bitFrame(data, samples, index);
  const size = (samples * module.bitsAllocated) / 8;
  const bytes = data.subarray(index * size, (index + 1) * size);
  if (!bigEndian || module.bitsAllocated === 8) return bytes;
  // Native frames are sent little-endian (PS3.18 8.7.3.3.2), so big-endian words are swapped.
  const swapped = new Uint8Array(bytes);
  const width = module.bitsAllocated / 8;
  for (let at = 0; at < swapped.length; at += width) swapped.subarray(at, at + width).reverse();
  return swapped;
}

/** A frame of 1-bit pixels: frames after the first may start mid-byte, so they are re-packed. */
function bitFrame(data: Uint8Array, pixels: number, index: number): Uint8Array {
  const start = index * pixels;
  const out = new Uint8Array(Math.ceil(pixels / 8));
  if (start % 8 === 0) {
    out.set(data.subarray(start / 8, start / 8 + out.length));
    return out;
  }
  for (let i = 0; i < pixels; i++) {
    const bit = start + i;
    if ((data[bit >> 3]! >> (bit & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

export { readPixelModule };
