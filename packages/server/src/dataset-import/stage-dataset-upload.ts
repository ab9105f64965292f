import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Multipart } from '@fastify/multipart';
import { ApiError } from '../errors/api-error.js';
import { MAX_UPLOAD_FILES } from '../uploads/upload-items.js';
import { writeUploadPart } from '../uploads/write-upload-part.js';
import { relativeUploadPath } from './relative-upload-path.js';

/** A dataset folder written to disk: its files by relative path, and the form's text fields. */
export interface StagedDataset {
  readonly paths: readonly string[];
  readonly bytes: number;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Streams each file part to `dir/<its relative path>` (the part's filename, checked by relativeUploadPath),
 * never holding a file in memory. More than `maxBytes` in all, or more than MAX_UPLOAD_FILES files, is
 * PAYLOAD_TOO_LARGE; a path sent twice is VALIDATION_FAILED. On any failure `dir` is removed with what was
 * written to it.
 */
export async function stageDatasetUpload(
  parts: AsyncIterable<Multipart>,
  dir: string,
  maxBytes: number,
  /** Paths the server keeps for itself in the folder (a job's log). */
  reserved: readonly string[] = [],
): Promise<StagedDataset> {
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const paths: string[] = [];
  const seen = new Set<string>();
  const fields: Record<string, string> = {};
  let total = 0;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const path = relativeUploadPath(part.filename);
      if (seen.has(path)) throw new ApiError('VALIDATION_FAILED', `file path "${path}" is sent twice`);
      if (reserved.includes(path))
        throw new ApiError('VALIDATION_FAILED', `file path "${path}" is reserved for the server`);
      if (paths.length >= MAX_UPLOAD_FILES)
        throw new ApiError('PAYLOAD_TOO_LARGE', `a dataset import holds at most ${MAX_UPLOAD_FILES} files`);
      seen.add(path);
      const target = join(dir, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true, mode: 0o750 });
      total += await writeUploadPart(part, target, maxBytes - total, maxBytes, 'the dataset');
      paths.push(path);
    }
    if (paths.length === 0)
      throw new ApiError(
        'VALIDATION_FAILED',
        'the request holds no files (send each file as a part whose filename is its path in the folder)',
      );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { paths: paths.sort(), bytes: total, fields };
}
