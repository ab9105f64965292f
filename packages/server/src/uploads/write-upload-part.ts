import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { ApiError } from '../errors/api-error.js';

export function uploadTooLarge(maxBytes: number, what = 'the upload'): ApiError {
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `${what} is larger than the ${maxBytes} bytes the server accepts (VOXELHUB_MAX_UPLOAD_MB)`,
  );
}

/**
 * Streams one multipart file part to a new file at `path` (never overwriting), refusing it as too large
 * once it passes `allowed` bytes (what is left of the request's `maxBytes`). Returns its size.
 */
export async function writeUploadPart(
  part: MultipartFile,
  path: string,
  allowed: number,
  maxBytes: number,
  what?: string,
): Promise<number> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > allowed) callback(uploadTooLarge(maxBytes, what));
      else callback(null, chunk);
    },
  });
  await pipeline(part.file, limit, createWriteStream(path, { flags: 'wx', mode: 0o640 }));
  // busboy stops a file at its own per-file limit without an error; that is too large as well.
  if (part.file.truncated) throw uploadTooLarge(maxBytes, what);
  return size;
}
