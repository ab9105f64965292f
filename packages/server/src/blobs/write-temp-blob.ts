import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open, rm } from 'node:fs/promises';
import { BlobError } from './blob-error.js';
import type { BlobSource } from './blob-store.js';

export interface TempBlob {
  path: string;
  key: string;
  size: number;
}

/**
 * Streams `source` into a new file at `path`, hashing as it goes, and fsyncs it. Only one chunk is held at a
 * time: each write is awaited before the next chunk is pulled, which is also the back-pressure on the source.
 * On any failure (too large, source error, disk error) the file is removed before the error is rethrown.
 */
export async function writeTempBlob(
  source: BlobSource,
  path: string,
  maxBytes: number,
  knownKey?: string,
): Promise<TempBlob> {
  if (source instanceof Uint8Array && source.byteLength > maxBytes) throw tooLarge(maxBytes);
  if (knownKey !== undefined && !(source instanceof Uint8Array))
    throw new TypeError('a known key is taken only with bytes in memory, which the caller has hashed');
  const handle = await open(path, 'wx', 0o640);
  const hash = knownKey === undefined ? createHash('sha256') : undefined;
  let size = 0;
  try {
    for await (const chunk of chunksOf(source)) {
      size += chunk.byteLength;
      // Leaving the loop early destroys a Readable source, which aborts an HTTP upload at this point.
      if (size > maxBytes) throw tooLarge(maxBytes);
      hash?.update(chunk);
      await writeFully(handle, chunk);
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return { path, key: hash?.digest('hex') ?? (knownKey as string), size };
}

function tooLarge(maxBytes: number): BlobError {
  return new BlobError('TOO_LARGE', `the upload is larger than the limit of ${maxBytes} bytes`);
}

async function* chunksOf(source: BlobSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const chunk of source as AsyncIterable<unknown>) {
    // A stream with setEncoding() yields strings: hashing those would not hash the bytes that were sent.
    if (!(chunk instanceof Uint8Array)) throw new TypeError('blob sources must yield Uint8Array chunks');
    yield chunk;
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}
