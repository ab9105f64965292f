import { ImageReadError } from '../../../errors/image-read-error.js';

/** What the Emscripten decoders of @cornerstonejs/codec-* have in common. */
export interface WasmFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned?: boolean;
}

export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  /** A view into the wasm heap, valid until delete(). */
  getDecodedBuffer(): Uint8Array;
  getInterleaveMode?(): number;
  delete(): void;
}

export type WasmCodecName = 'libjpeg-turbo' | 'charls' | 'openjpeg' | 'openjph';

/** An initialised wasm codec: makes decoders, and explains the numbers its C++ code throws when it can. */
export interface WasmCodec {
  createDecoder(): WasmDecoder;
  explain(thrown: unknown): string | undefined;
}

/** jpeg-lossless-decoder-js's Decoder, as used here. */
export interface JpegLosslessDecoder {
  decode(buffer: ArrayBuffer, offset: number, length: number, numBytes: number): Uint8Array | Uint16Array;
  readonly xDim: number;
  readonly yDim: number;
  readonly numComp: number;
}

/** The part of dcmjs-codecs (DCMTK's IJG 12-bit JPEG, compiled to wasm) that decodes 12-bit JPEG. */
export interface Jpeg12Codec {
  decode(frame: Uint8Array, attrs: Jpeg12Attributes): Uint8Array;
}

export interface Jpeg12Attributes {
  readonly width: number;
  readonly height: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly samplesPerPixel: number;
  readonly pixelRepresentation: number;
  readonly planarConfiguration: number;
  readonly photometricInterpretation: string;
}

/** Loads each codec on first use and keeps it for the life of the loader. */
export interface CodecLoader {
  wasmCodec(name: WasmCodecName): Promise<WasmCodec>;
  jpegLossless(): Promise<new () => JpegLosslessDecoder>;
  jpeg12(): Promise<Jpeg12Codec>;
  /**
   * Forgets a codec instance after it threw: C++ code that threw out of a wasm call can leave its heap
   * broken ("memory access out of bounds" on the next, valid, frame), so the next use starts afresh.
   */
  discard(name: WasmCodecName | 'jpeg12'): void;
}

export interface CodecLoaderOptions {
  /**
   * Emscripten's `locateFile` hook: where the browser fetches each codec's .wasm file. Bundlers do not
   * emit those files by themselves; with Vite, import each as a URL
   * (`import charls from '@cornerstonejs/codec-charls/decodewasm?url'`, likewise
   * `codec-libjpeg-turbo-8bit/decodewasm`, `codec-openjpeg/decodewasm`, `codec-openjph/wasm`) and map
   * file names ('charlswasm_decode.wasm', …) to them. Node finds the files next to the packages without it.
   */
  readonly locateFile?: (fileName: string, scriptDirectory: string) => string;
  /** Path or URL of dcmjs-codecs' `dcmjs-native-codecs.wasm`, for the browser (12-bit JPEG only). */
  readonly dcmjsCodecsWasm?: string;
}

type Factory = (moduleArg?: Record<string, unknown>) => Promise<unknown>;

// Literal specifiers, so that bundlers see and split each codec; imported only when a file needs it.
const WASM_CODECS: Record<WasmCodecName, { pkg: string; className: string; load: () => Promise<unknown> }> = {
  'libjpeg-turbo': {
    pkg: '@cornerstonejs/codec-libjpeg-turbo-8bit',
    className: 'JPEGDecoder',
    load: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
  },
  charls: {
    pkg: '@cornerstonejs/codec-charls',
    className: 'JpegLSDecoder',
    load: () => import('@cornerstonejs/codec-charls/decodewasmjs'),
  },
  openjpeg: {
    pkg: '@cornerstonejs/codec-openjpeg',
    className: 'J2KDecoder',
    load: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
  },
  openjph: {
    pkg: '@cornerstonejs/codec-openjph',
    className: 'HTJ2KDecoder',
    load: () => import('@cornerstonejs/codec-openjph'),
  },
};

/** A CommonJS module imported from ESM arrives as `default` in Node and in bundlers; some nest it twice. */
function commonJsExport<T>(mod: unknown): T {
  const outer = (mod as { default?: unknown }).default ?? mod;
  return ((outer as { default?: unknown }).default ?? outer) as T;
}

function loadFailed(pkg: string, error: unknown): ImageReadError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ImageReadError('CODEC_FAILED', `the decoder ${pkg} could not be loaded: ${reason}`, undefined, {
    cause: error,
  });
}

/** Caches a promise; forgets it when it rejects (or when told to) so a later call loads afresh. */
function once<T>(load: () => Promise<T>): (() => Promise<T>) & { forget(): void } {
  let pending: Promise<T> | undefined;
  const get = () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  return Object.assign(get, {
    forget() {
      pending = undefined;
    },
  });
}

type EmscriptenModule = Record<string, unknown> & {
  getExceptionMessage?: (pointer: number) => [string, string];
};

/** Builds with exception support export getExceptionMessage (CharLS does); the others throw bare pointers. */
function explainer(module: EmscriptenModule): (thrown: unknown) => string | undefined {
  return (thrown) => {
    if (typeof thrown !== 'number' || !module.getExceptionMessage) return undefined;
    try {
      return module.getExceptionMessage(thrown).filter(Boolean).join(': ') || undefined;
    } catch {
      return undefined;
    }
  };
}

async function loadWasm(name: WasmCodecName, options: CodecLoaderOptions): Promise<WasmCodec> {
  const spec = WASM_CODECS[name];
  try {
    const factory = commonJsExport<Factory>(await spec.load());
    // OpenJPEG prints [INFO] lines on every decode unless print/printErr are replaced.
    const module = (await factory({
      print() {},
      printErr() {},
      ...(options.locateFile ? { locateFile: options.locateFile } : {}),
    })) as EmscriptenModule;
    const Decoder = module[spec.className] as (new () => WasmDecoder) | undefined;
    if (typeof Decoder !== 'function') throw new Error(`it has no ${spec.className}`);
    return { createDecoder: () => new Decoder(), explain: explainer(module) };
  } catch (error) {
    throw loadFailed(spec.pkg, error);
  }
}

async function loadJpegLossless(): Promise<new () => JpegLosslessDecoder> {
  try {
    const mod = (await import('jpeg-lossless-decoder-js')) as unknown as { Decoder?: unknown };
    const Decoder = mod.Decoder ?? commonJsExport<{ Decoder: unknown }>(mod).Decoder;
    if (typeof Decoder !== 'function') throw new Error('it has no Decoder');
    return Decoder as new () => JpegLosslessDecoder;
  } catch (error) {
    throw loadFailed('jpeg-lossless-decoder-js', error);
  }
}

interface DcmjsCodecsApi {
  NativeCodecs: {
    initializeAsync(opts: Record<string, unknown>): Promise<void>;
    decodeJpeg(context: unknown, parameters: Record<string, unknown>): { getDecodedBuffer(): Uint8Array };
  };
  Context: new (attrs: Record<string, unknown>) => unknown;
}

async function loadJpeg12(options: CodecLoaderOptions): Promise<Jpeg12Codec> {
  try {
    const api = commonJsExport<DcmjsCodecsApi>(await import('dcmjs-codecs'));
    await api.NativeCodecs.initializeAsync({
      ...(options.dcmjsCodecsWasm ? { webAssemblyModulePathOrUrl: options.dcmjsCodecsWasm } : {}),
      logCodecsInfo: false,
      logCodecsTrace: false,
    });
    return {
      decode(frame, attrs) {
        const context = new api.Context({ ...attrs, encodedBuffer: frame });
        const decoded = api.NativeCodecs.decodeJpeg(context, {
          convertColorspaceToRgb: attrs.samplesPerPixel === 3,
        });
        return decoded.getDecodedBuffer().slice();
      },
    };
  } catch (error) {
    throw loadFailed('dcmjs-codecs', error);
  }
}

/** A loader with its own codec instances; `options` matter in the browser, where .wasm files need URLs. */
export function createCodecLoader(options: CodecLoaderOptions = {}): CodecLoader {
  const wasm = new Map<WasmCodecName, ReturnType<typeof once<WasmCodec>>>();
  const jpeg12 = once(() => loadJpeg12(options));
  return {
    wasmCodec(name) {
      let load = wasm.get(name);
      if (!load) {
        load = once(() => loadWasm(name, options));
        wasm.set(name, load);
      }
      return load();
    },
    jpegLossless: once(loadJpegLossless),
    jpeg12,
    discard(name) {
      if (name === 'jpeg12') jpeg12.forget();
      else wasm.get(name)?.forget();
    },
  };
}

/** The loader used when a caller passes none: codecs initialise once per process (or page). */
export const defaultCodecLoader: CodecLoader = createCodecLoader();
