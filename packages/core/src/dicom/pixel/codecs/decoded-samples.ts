import { ImageReadError } from '../../../errors/image-read-error.js';
import type { PixelModule } from '../pixel-module.js';
import type { CodecLoader } from './codec-loader.js';

/** What a codec hands back for one frame, before stored values and colour are worked out. */
export interface DecodedSamples {
  /** Samples of one frame, pixel-interleaved unless `planar`. */
  readonly samples: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array;
  readonly columns: number;
  readonly rows: number;
  readonly components: number;
  readonly planar: boolean;
  /** True when the codec has already turned YCbCr (or the JPEG 2000 ICT/RCT) into RGB. */
  readonly rgb: boolean;
  /**
   * True when the samples are Pixel Data words as a native file stores them (RLE, encapsulated
   * uncompressed), so High Bit says where the value sits; codecs return the values themselves.
   */
  readonly nativeWords?: boolean;
}

/** Decodes the bytes of one compressed frame. */
export type FrameCodec = (
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
) => Promise<DecodedSamples>;

/** Codecs signal failure by throwing numbers (C++ exception pointers), strings or Errors: name the codec. */
export function codecError(codec: string, error: unknown, explanation?: string): ImageReadError {
  if (error instanceof ImageReadError) return error;
  const reason =
    explanation ??
    (typeof error === 'number'
      ? `it threw an internal exception (${error}) without a message`
      : error instanceof Error
        ? error.message
        : String(error));
  return new ImageReadError('CODEC_FAILED', `${codec} could not decode the frame: ${reason}`, undefined, {
    cause: error,
  });
}

/** Views decoded little-endian bytes as samples of `bitsPerSample` (≤ 8 → bytes, else 16-bit words). */
export function samplesFromBytes(
  bytes: Uint8Array,
  bitsPerSample: number,
  signed: boolean,
): Uint8Array | Int8Array | Uint16Array | Int16Array {
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  if (bitsPerSample <= 8) return signed ? new Int8Array(copy) : new Uint8Array(copy);
  const words = copy.byteLength >> 1;
  return signed ? new Int16Array(copy, 0, words) : new Uint16Array(copy, 0, words);
}
