import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { crc32Combine } from './crc32-combine.js';
import { DEFLATE_WORKER_SOURCE } from './deflate-worker-source.js';
import { gzipHeader, gzipTrailer } from './gzip-member.js';

export interface GzipParallelOptions {
  /** zlib level 0–9; default 6 (gzip's default). */
  level?: number;
  /** Worker threads; default all cores (os.availableParallelism()). */
  threads?: number;
}

/** Below this, starting workers costs more than it saves: zlib.gzipSync compresses 4 MB in ~60 ms. */
const PARALLEL_MIN_BYTES = 4 << 20;
/** Part size: large enough that the 32 KB dictionary and per-message cost are small. */
const PART_BYTES = 1 << 20;
const WINDOW = 32 << 10;

interface Result {
  out: Uint8Array;
  crc: number;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Several arrays read as one stream, without joining them. */
class Chunked {
  readonly length: number;
  constructor(private readonly chunks: readonly Uint8Array[]) {
    this.length = chunks.reduce((n, c) => n + c.length, 0);
  }

  /** A new array holding bytes [start, end) of the stream (a copy: it is transferred to a worker). */
  slice(start: number, end: number): Uint8Array {
    const out = new Uint8Array(end - start);
    let offset = 0;
    for (const chunk of this.chunks) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, chunk.length);
      if (from < to) out.set(chunk.subarray(from, to), offset + from - start);
      offset += chunk.length;
      if (offset >= end) break;
    }
    return out;
  }
}

/** Deflates the parts on `threads` workers, each taking the next part when it is free. */
function deflateParts(bytes: Chunked, level: number, threads: number): Promise<Result[]> {
  const count = Math.ceil(bytes.length / PART_BYTES);
  const results = new Array<Result>(count);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  let settled = false;
  return new Promise<Result[]>((resolve, reject) => {
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const send = (worker: Worker) => {
      if (next >= count) return;
      const index = next++;
      const start = index * PART_BYTES;
      // Copies (slice), transferred: the caller's buffer is neither detached nor cloned whole.
      const part = bytes.slice(start, Math.min(start + PART_BYTES, bytes.length));
      const dictionary = bytes.slice(Math.max(0, start - WINDOW), start);
      const job = { index, part, dictionary, level, last: index === count - 1 };
      worker.postMessage(job, [part.buffer as ArrayBuffer, dictionary.buffer as ArrayBuffer]);
    };
    for (let t = 0; t < Math.min(threads, count); t++) {
      const worker = new Worker(DEFLATE_WORKER_SOURCE, { eval: true });
      workers.push(worker);
      worker.on('error', (error) => finish(error));
      worker.on('message', (m: { index: number; out?: Uint8Array; crc?: number; error?: string }) => {
        if (m.error !== undefined || !m.out) return finish(new Error(`gzip worker failed: ${m.error}`));
        results[m.index] = { out: m.out, crc: m.crc! };
        if (++done === count) return finish();
        send(worker);
      });
      send(worker);
    }
  });
}

/**
 * Gzip of `input` (one array, or several read as one stream) as ONE gzip member, returned as the
 * chunks to write one after another: header, deflated parts, trailer. Deflated in parallel on worker
 * threads with Node's zlib. Readers that stop after the first member (fflate, nifti-reader-js) read it
 * whole, unlike pigz-style concatenated members. Inputs under 4 MB are compressed with zlib.gzipSync on
 * the calling thread. Nothing is joined: a 150 MB volume is never copied whole.
 */
export async function gzipParallelChunks(
  input: Uint8Array | readonly Uint8Array[],
  options: GzipParallelOptions = {},
): Promise<Uint8Array[]> {
  const level = options.level ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9)
    throw new RangeError(`gzip level ${level} is not 0–9`);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const bytes = new Chunked(input instanceof Uint8Array ? [input] : input);
  if (bytes.length < PARALLEL_MIN_BYTES || typeof zlib.crc32 !== 'function') {
    const out = zlib.gzipSync(bytes.slice(0, bytes.length), { level });
    return [new Uint8Array(out.buffer, out.byteOffset, out.byteLength)];
  }
  const results = await deflateParts(bytes, level, threads);
  let crc = 0;
  results.forEach((r, i) => {
    const length = Math.min(PART_BYTES, bytes.length - i * PART_BYTES);
    crc = i === 0 ? r.crc : crc32Combine(crc, r.crc, length);
  });
  return [gzipHeader(level), ...results.map((r) => r.out), gzipTrailer(crc, bytes.length)];
}

/** gzipParallelChunks joined into one array. */
export async function gzipParallel(
  bytes: Uint8Array,
  options: GzipParallelOptions = {},
): Promise<Uint8Array> {
  return concat(await gzipParallelChunks(bytes, options));
}
