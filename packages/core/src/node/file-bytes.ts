import { open, readFile } from 'node:fs/promises';
import { asReadError } from '../errors/image-read-error.js';

/** The first `length` bytes of a file (fewer if it is shorter). */
export async function readFileHead(
  path: string,
  length: number,
): Promise<{ bytes: Uint8Array; size: number }> {
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const bytes = new Uint8Array(Math.min(length, size));
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
      return { bytes: bytes.subarray(0, bytesRead), size };
    } finally {
      await handle.close();
    }
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
