import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import { ApiError } from '../errors/api-error.js';
import { cleanFileName } from '../uploads/upload-items.js';

/** The one file of an import request, written to disk, and the form's fields. */
export interface ReceivedImport {
  readonly dir: string;
  readonly path: string;
  /** The client's name for the file (metadata only: the file is written under a fixed name). */
  readonly name: string;
  readonly size: number;
  readonly fields: Readonly<Record<string, string>>;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `an annotation import is at most ${maxBytes} bytes (VOXELHUB_MAX_UPLOAD_MB)`,
  );
}

/**
 * Streams the request's one file part to a fresh folder under `stagingRoot`, never holding it in memory,
 * refusing more than `maxBytes` (PAYLOAD_TOO_LARGE) and a second file (VALIDATION_FAILED). Text fields
 * (format, dryRun) are collected whether they come before or after the file. The caller removes `dir`.
 */
export async function receiveImportUpload(
  parts: AsyncIterable<Multipart>,
  stagingRoot: string,
  maxBytes: number,
): Promise<ReceivedImport> {
  await mkdir(stagingRoot, { recursive: true, mode: 0o750 });
  const dir = await mkdtemp(join(stagingRoot, 'annotation-import-'));
  try {
    return await receiveInto(parts, dir, maxBytes);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function receiveInto(
  parts: AsyncIterable<Multipart>,
  dir: string,
  maxBytes: number,
): Promise<ReceivedImport> {
  const fields: Record<string, string> = {};
  let file: { name: string; size: number } | undefined;
  const path = join(dir, 'upload');
  for await (const part of parts) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (file) throw new ApiError('VALIDATION_FAILED', 'send one file (a .zip of a folder, or a single file)');
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
      },
    });
    await pipeline(part.file, limit, createWriteStream(path, { flags: 'wx', mode: 0o640 }));
    if (part.file.truncated) throw tooLarge(maxBytes);
    file = { name: cleanFileName(part.filename), size };
  }
  if (!file)
    throw new ApiError('VALIDATION_FAILED', 'the request holds no file (send a multipart file part)');
  return { dir, path, name: file.name, size: file.size, fields };
}
