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
export function wasmDecode(
  label: string,
  codec: WasmCodec,
  frame: Uint8Array,
  discard: () => void,
): WasmDecodeResult {
  let decoder: WasmDecoder | undefined;
  try {
    decoder = codec.createDecoder();
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const info = { ...decoder.getFrameInfo() };
    const samples = samplesFromBytes(decoder.getDecodedBuffer(), info.bitsPerSample, info.isSigned === true);
    return { info, samples, interleaveMode: decoder.getInterleaveMode?.() };
  } catch (error) {
    // This instance may be broken now: the next frame gets a fresh one.
    discard();
    throw codecError(
      label,
      error,
      safely(() => codec.explain(error)),
    );
  } finally {
    try {
      decoder?.delete();
    } catch {
      // A decoder whose decode threw can fail to free itself too; its instance is discarded above.
      discard();
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
