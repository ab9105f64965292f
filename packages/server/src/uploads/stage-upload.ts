import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Multipart } from '@fastify/multipart';
import { ApiError } from '../errors/api-error.js';
import { cleanFileName, MAX_UPLOAD_FILES, stagedFileName } from './upload-items.js';
import { writeUploadPart } from './write-upload-part.js';

export interface StagedFile {
  readonly index: number;
  /** The client's name for it (metadata only). */
  readonly name: string;
  /** Where it was written, under a generated name. */
  readonly path: string;
  readonly size: number;
}

/**
 * Streams each file part of a multipart request to `dir` under a generated name, never holding a whole
 * file in memory. More than `maxBytes` in all is refused with PAYLOAD_TOO_LARGE, and on any failure the
 * folder is removed with what was written to it. Fields other than files are ignored.
 */
export async function stageUpload(
  parts: AsyncIterable<Multipart>,
  dir: string,
  maxBytes: number,
): Promise<StagedFile[]> {
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const staged: StagedFile[] = [];
  let total = 0;
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (staged.length >= MAX_UPLOAD_FILES)
        throw new ApiError('PAYLOAD_TOO_LARGE', `an upload holds at most ${MAX_UPLOAD_FILES} files`);
      const index = staged.length;
      const path = join(dir, stagedFileName(index));
      const size = await writeUploadPart(part, path, maxBytes - total, maxBytes);
      total += size;
      staged.push({ index, name: cleanFileName(part.filename), path, size });
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  if (staged.length === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new ApiError(
      'VALIDATION_FAILED',
      'the upload holds no files (send multipart/form-data file parts)',
    );
  }
  return staged;
}
