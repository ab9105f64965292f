import { createGunzip, type Gunzip } from 'node:zlib';
import { invalid, type LabelMapDims, type LabelMapInspector } from './label-map-inspector.js';

/** What the inspection found, filled in once the upload has been read to its end. */
export interface InspectionOutcome {
  dims?: LabelMapDims;
}

/**
 * The upload's bytes, unchanged (they are what the blob store keeps), with the file they hold checked on
 * the way: a gzipped upload (.nii.gz) is decompressed for `inspector` alone. A failed check ends the
 * iteration with an error, so the store discards its temporary file and nothing is published.
 */
export async function* inspectedUpload(
  source: AsyncIterable<Uint8Array>,
  inspector: LabelMapInspector,
  outcome: InspectionOutcome,
): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let decoder: Decoder | undefined;
  try {
    for await (const chunk of source) {
      if (decoder === undefined) {
        // Whether it is gzip shows in the first two bytes, which may arrive in separate chunks.
        pending.push(chunk);
        const start = Buffer.concat(pending);
        if (start.length < 2) continue;
        decoder = start[0] === 0x1f && start[1] === 0x8b ? new GunzipDecoder(inspector) : plain(inspector);
        pending = [];
        await decoder.write(start);
        yield start;
        continue;
      }
      await decoder.write(chunk);
      yield chunk;
    }
    if (decoder === undefined) {
      decoder = plain(inspector);
      const start = Buffer.concat(pending);
      await decoder.write(start);
      if (start.length > 0) yield start;
    }
    await decoder.end();
    outcome.dims = inspector.finish();
  } finally {
    decoder?.close();
  }
}

interface Decoder {
  write(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
  close(): void;
}

function plain(inspector: LabelMapInspector): Decoder {
  return {
    write: async (bytes) => inspector.push(bytes),
    end: async () => {},
    close: () => {},
  };
}

/**
 * Node's zlib (it checks the CRC and reads every member), fed one chunk at a time: each write is awaited,
 * so the decompressed bytes never pile up, and the inspector sees them as zlib produces them.
 */
class GunzipDecoder implements Decoder {
  private readonly gunzip: Gunzip = createGunzip();
  private failure: unknown;
  /** Settles when zlib fails: a failed write's callback is never called, so each write races this. */
  private readonly failed: Promise<void>;

  constructor(inspector: LabelMapInspector) {
    this.gunzip.on('data', (bytes: Buffer) => {
      if (this.failure !== undefined) return;
      try {
        inspector.push(bytes);
      } catch (error) {
        this.failure = error;
      }
    });
    this.failed = new Promise((resolve) => {
      this.gunzip.on('error', (error) => {
        this.failure ??= invalid(`its gzip stream is damaged (${error.message})`);
        resolve();
      });
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.check();
    const written = new Promise<void>((resolve) => this.gunzip.write(bytes, () => resolve()));
    await Promise.race([written, this.failed]);
    this.check();
  }

  async end(): Promise<void> {
    this.check();
    const ended = new Promise<void>((resolve) => this.gunzip.once('end', resolve));
    this.gunzip.end();
    await Promise.race([ended, this.failed]);
    this.check();
  }

  close(): void {
    this.gunzip.destroy();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
