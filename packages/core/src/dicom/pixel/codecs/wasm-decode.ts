import type { WasmCodec, WasmDecoder, WasmFrameInfo } from './codec-loader.js';
import { codecError, samplesFromBytes } from './decoded-samples.js';

export interface WasmDecodeResult {
  readonly info: WasmFrameInfo;
  readonly samples: Uint8Array | Int8Array | Uint16Array | Int16Array;
  readonly interleaveMode: number | undefined;
}

/**
 * Runs one decode: copy the frame into the wasm heap, decode, copy the pixels out (the decoded buffer is
 * a view into the heap that dies with the decoder) and always free the decoder.
 */
export function wasmDecode(label: string, codec: WasmCodec, frame: Uint8Array): WasmDecodeResult {
  let decoder: WasmDecoder | undefined;
  try {
    decoder = codec.createDecoder();
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const info = { ...decoder.getFrameInfo() };
    const samples = samplesFromBytes(decoder.getDecodedBuffer(), info.bitsPerSample, info.isSigned === true);
    return { info, samples, interleaveMode: decoder.getInterleaveMode?.() };
  } catch (error) {
    throw codecError(
      label,
      error,
      safely(() => codec.explain(error)),
    );
  } finally {
    try {
      decoder?.delete();
    } catch {
      // A decoder whose decode threw can fail to free itself too; if that left the instance broken,
      // its next use traps and withHealthyInstance replaces it.
    }
  }
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** A WebAssembly trap: the instance's memory can no longer be trusted. */
function isTrap(error: unknown): boolean {
  // By name: WebAssembly's types are not in this package's (DOM-free) lib.
  const trap = (e: unknown) => e instanceof Error && e.name === 'RuntimeError';
  return trap(error) || trap((error as { cause?: unknown } | undefined)?.cause);
}

/**
 * Runs a decode on the loader's codec instance; if it traps, replaces the instance and tries once more.
 * C++ code that threw out of a wasm call can leave an instance broken, so that a later, valid frame
 * traps ("memory access out of bounds"). Instances are replaced only after a trap, not after every
 * failed frame: each new instance reserves gigabytes of address space.
 */
export async function withHealthyInstance<C, T>(
  load: () => Promise<C>,
  discard: () => void,
  run: (codec: C) => T,
): Promise<T> {
  try {
    return run(await load());
  } catch (error) {
    if (!isTrap(error)) throw error;
    discard();
    try {
      return run(await load());
    } catch (again) {
      if (isTrap(again)) discard();
      throw again;
    }
  }
}
