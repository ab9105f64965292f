import { ImageReadError } from '../errors/image-read-error.js';

/** A decoded 8-bit JPEG: grey, or RGB interleaved (colour transforms already applied), top row first. */
export interface DecodedJpegFrame {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** Decodes one 8-bit JPEG; replaceable so that a browser app can bring its own (e.g. in a worker). */
export type JpegDecoder = (bytes: Uint8Array) => Promise<DecodedJpegFrame>;

interface EmscriptenJpegDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
  getDecodedBuffer(): Uint8ClampedArray;
  delete(): void;
}

interface LibJpegTurbo {
  JPEGDecoder: new () => EmscriptenJpegDecoder;
}

// One wasm instance per process: it costs ~20 ms to start and holds no per-image state between calls.
let loading: Promise<LibJpegTurbo> | undefined;

function loadLibJpegTurbo(): Promise<LibJpegTurbo> {
  loading ??= import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs')
    .then(async (module) => (await module.default()) as LibJpegTurbo)
    .catch((error: unknown) => {
      loading = undefined; // let a later call try again
      throw new ImageReadError('CODEC_FAILED', 'the libjpeg-turbo decoder could not be loaded', undefined, {
        cause: error,
      });
    });
  return loading;
}

/**
 * Decodes with libjpeg-turbo (wasm build of the library behind Debian's djpeg and Pillow; its output
 * matches Pillow's exactly, including the smooth chroma upsampling of 4:2:0 files). The wrapper treats
 * libjpeg's warnings (premature end of data, extraneous bytes) as errors, so a damaged file fails rather
 * than showing grey blocks. Errors come out of the wasm as numbers (C++ exception pointers), so they
 * are reported as CODEC_FAILED without detail.
 */
export const decodeJpegWithLibjpegTurbo: JpegDecoder = async (bytes) => {
  const codec = await loadLibJpegTurbo();
  const decoder = new codec.JPEGDecoder();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const info = decoder.getFrameInfo();
    // A Uint8ClampedArray view into the wasm heap, which the next decode overwrites: copy it out, as the
    // Uint8Array that ImageVolume holds.
    const heap = decoder.getDecodedBuffer();
    const data = new Uint8Array(heap.buffer, heap.byteOffset, heap.byteLength).slice();
    return { width: info.width, height: info.height, components: info.componentCount, data };
  } catch (error) {
    if (error instanceof ImageReadError) throw error;
    // A number is a pointer into the wasm heap, which says nothing to a user.
    const detail = typeof error === 'number' ? 'corrupt data or a feature the decoder lacks' : String(error);
    throw new ImageReadError(
      'CODEC_FAILED',
      `libjpeg-turbo could not decode the JPEG: ${detail}`,
      undefined,
      {
        cause: error,
      },
    );
  } finally {
    decoder.delete();
  }
};
