import type { Kysely } from 'kysely';
import { ApiError } from '../errors/api-error.js';
import { insertImportJob, type NewJobItem } from '../import/import-job.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { StagedFile } from './stage-upload.js';
import {
  entryItemKey,
  fileItemKey,
  UPLOAD_JOB_KIND,
  type UploadedFile,
  type UploadPayload,
} from './upload-items.js';
import { listZipEntries, looksLikeZip, ZipArchiveError, type ZipLimits } from './zip-archive.js';

export interface NewUploadJob {
  /** Also the name of the staging folder the files are in. */
  readonly jobId: string;
  readonly projectId: string;
  readonly userId: string;
  readonly staged: readonly StagedFile[];
  readonly zip: ZipLimits;
}

/**
 * Records staged files as a queued import job: one item per file, and for a ZIP archive one per entry
 * (folders, __MACOSX and hidden files recorded skipped). An archive that cannot be read is its item's
 * failure; one that declares more than the limits is refused whole (PAYLOAD_TOO_LARGE).
 */
export async function createUploadJob(db: Kysely<DatabaseSchema>, upload: NewUploadJob): Promise<string> {
  const files: UploadedFile[] = [];
  const items: NewJobItem[] = [];
  for (const file of upload.staged) {
    const archive = await looksLikeZip(file.path);
    files.push({ name: file.name, size: file.size, archive });
    items.push(
      ...(archive ? await archiveItems(file, upload.zip) : [{ key: fileItemKey(file.index, file.name) }]),
    );
  }
  const payload: UploadPayload = { files };
  return insertImportJob(db, {
    id: upload.jobId,
    kind: UPLOAD_JOB_KIND,
    projectId: upload.projectId,
    userId: upload.userId,
    payload: { ...payload },
    items,
  });
}

async function archiveItems(file: StagedFile, limits: ZipLimits): Promise<NewJobItem[]> {
  const key = fileItemKey(file.index, file.name);
  try {
    const entries = await listZipEntries(file.path, file.name, limits);
    if (entries.length === 0) return [{ key, state: 'skipped', note: `${file.name}: an empty archive` }];
    return entries.map((entry) => ({
      key: entryItemKey(file.index, file.name, entry.path),
      ...(entry.skip ? { state: 'skipped' as const, note: `${file.name}#${entry.path}: ${entry.skip}` } : {}),
    }));
  } catch (error) {
    if (!(error instanceof ZipArchiveError)) throw error;
    if (error.problem === 'TOO_LARGE') throw new ApiError('PAYLOAD_TOO_LARGE', error.message);
    return [{ key, state: 'failed', note: `ARCHIVE: ${error.message}` }];
  }
}
