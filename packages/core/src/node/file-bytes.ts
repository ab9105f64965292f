import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { asReadError } from '../errors/image-read-error.js';

export interface FileHead {
  /** The first bytes of the file (a view of the buffer passed in, when one was). */
  readonly bytes: Uint8Array;
  /** The whole file's size. */
  readonly size: number;
}

/**
 * The first bytes of a file, read synchronously into `buffer` (reused across calls, so that indexing
 * thousands of files allocates nothing per file). The result is only valid until the next call.
 */
export function readFileHeadSync(path: string, buffer: Uint8Array): FileHead {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const { size } = fstatSync(fd);
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, size), 0);
    return { bytes: buffer.subarray(0, n), size };
  } catch (error) {
    throw asReadError(error, 'IO', path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first `length` bytes of a file (fewer if it is shorter), in a new array. */
export async function readFileHead(path: string, length: number): Promise<FileHead> {
  const head = readFileHeadSync(path, new Uint8Array(length));
  return head;
}

export function readWholeFileSync(path: string): Uint8Array {
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw asReadError(error, 'IO', path);
  }
}

export async function readWholeFile(path: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw asReadError(error, 'IO', path);
  }
}
