import { ImageReadError } from '../errors/image-read-error.js';

/** The frame description the encoders of @cornerstonejs/codec-* take. */
export interface EncoderFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned: boolean;
  /** OpenJPH only: apply the reversible colour transform to three components. */
  readonly isUsingColorTransform?: boolean;
}

/** What the Emscripten encoders have in common, and the setters used here. */
export interface WasmEncoder {
  /** A view into the wasm heap, sized for `info`, to copy the pixels into. */
  getDecodedBuffer(info: EncoderFrameInfo): Uint8Array;
  encode(): void;
  /** A view into the wasm heap, valid until delete(). */
  getEncodedBuffer(): Uint8Array;
  delete(): void;
  setNearLossless?(near: number): void;
  setInterleaveMode?(mode: number): void;
  setQuality?(quality: number): void;
  setSubSampling?(mode: number): void;
  setProgressionOrder?(order: number): void;
}

export type EncoderName = 'charls' | 'openjpeg' | 'openjph' | 'libjpeg-turbo';

type Factory = (moduleArg?: Record<string, unknown>) => Promise<Record<string, unknown>>;

// Literal specifiers so that bundlers see them; each is loaded on first use only.
const ENCODERS: Record<EncoderName, { pkg: string; className: string; load: () => Promise<unknown> }> = {
  charls: {
    pkg: '@cornerstonejs/codec-charls',
    className: 'JpegLSEncoder',
    load: () => import('@cornerstonejs/codec-charls/wasmjs'),
  },
  openjpeg: {
    pkg: '@cornerstonejs/codec-openjpeg',
    className: 'J2KEncoder',
    load: () => import('@cornerstonejs/codec-openjpeg/wasmjs'),
  },
  openjph: {
    pkg: '@cornerstonejs/codec-openjph',
    className: 'HTJ2KEncoder',
    load: () => import('@cornerstonejs/codec-openjph'),
  },
  'libjpeg-turbo': {
    pkg: '@cornerstonejs/codec-libjpeg-turbo-8bit',
    className: 'JPEGEncoder',
    load: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs'),
  },
};

/** A CommonJS module imported from ESM arrives as `default`; some bundlers nest it twice. */
function commonJsExport<T>(mod: unknown): T {
  const outer = (mod as { default?: unknown }).default ?? mod;
  return ((outer as { default?: unknown }).default ?? outer) as T;
}

const loaded = new Map<EncoderName, Promise<new () => WasmEncoder>>();

async function load(name: EncoderName): Promise<new () => WasmEncoder> {
  const spec = ENCODERS[name];
  try {
    const factory = commonJsExport<Factory>(await spec.load());
    // OpenJPEG prints [INFO] lines on every call unless print/printErr are replaced.
    const module = await factory({ print() {}, printErr() {} });
    const Encoder = module[spec.className];
    if (typeof Encoder !== 'function') throw new Error(`it has no ${spec.className}`);
    return Encoder as new () => WasmEncoder;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageReadError(
      'CODEC_FAILED',
      `the encoder ${spec.pkg} could not be loaded: ${reason}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

/** The encoder class of a codec package, loaded once per process (a failed load is retried next time). */
export function encoderClass(name: EncoderName): Promise<new () => WasmEncoder> {
  let pending = loaded.get(name);
  if (!pending) {
    pending = load(name).catch((error: unknown) => {
      loaded.delete(name);
      throw error;
    });
    loaded.set(name, pending);
  }
  return pending;
}

/** Encodes one frame's sample bytes; `configure` calls the codec's setters. Always frees the encoder. */
export async function wasmEncode(
  name: EncoderName,
  info: EncoderFrameInfo,
  samples: Uint8Array,
  configure: (encoder: WasmEncoder) => void = () => {},
): Promise<Uint8Array> {
  const Encoder = await encoderClass(name);
  let encoder: WasmEncoder | undefined;
  try {
    encoder = new Encoder();
    const input = encoder.getDecodedBuffer(info);
    if (input.length !== samples.length)
      throw new Error(`it wants ${input.length} bytes for the frame, the frame has ${samples.length}`);
    input.set(samples);
    configure(encoder);
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } catch (error) {
    // Emscripten builds throw C++ exception pointers (numbers) without a message.
    const reason =
      error instanceof Error ? error.message : `it threw an internal exception (${String(error)})`;
    throw new ImageReadError(
      'CODEC_FAILED',
      `${ENCODERS[name].pkg} could not encode the frame: ${reason}`,
      undefined,
      {
        cause: error,
      },
    );
  } finally {
    try {
      encoder?.delete();
    } catch {
      // An encoder whose encode threw may fail to free itself as well; nothing more can be done.
    }
  }
}
