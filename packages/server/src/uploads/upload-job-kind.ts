import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportSource, SourceItem } from '../import/import-job.js';
import { readWholeFile } from '../import/read-whole-file.js';
import type { WorkerJobKind } from '../jobs/job-kind.js';
import type { Job } from '../storage/schema.js';
import {
  parseItemKey,
  stagedFileName,
  UPLOAD_JOB_KIND,
  type UploadPayload,
  uploadItemName,
} from './upload-items.js';
import { ZipArchiveError, type ZipLimits, ZipReader } from './zip-archive.js';

export interface UploadJobKindOptions {
  /** Where uploads are staged, one folder per job (<data>/uploads). */
  readonly stagingRoot: string;
  readonly zip: ZipLimits;
}

/** Upload jobs for the worker: items from the job's staging folder, removed when the job ends. */
export function uploadJobKind(options: UploadJobKindOptions): WorkerJobKind {
  return {
    kind: UPLOAD_JOB_KIND,
    open: async (job) => openUploadSource(job, options),
    finished: (jobId) => rm(join(options.stagingRoot, jobId), { recursive: true, force: true }),
  };
}

async function openUploadSource(job: Job, options: UploadJobKindOptions): Promise<ImportSource> {
  const payload = JSON.parse(job.payload) as UploadPayload;
  const dir = join(options.stagingRoot, job.id);
  // Entries of one archive are consecutive items (keys sort by file): one archive open at a time.
  let open: { index: number; reader: ZipReader } | undefined;
  const closeArchive = () => {
    open?.reader.close();
    open = undefined;
  };
  const archive = async (index: number, name: string): Promise<ZipReader> => {
    if (open?.index !== index) {
      closeArchive();
      open = { index, reader: await ZipReader.open(join(dir, stagedFileName(index)), name, options.zip) };
    }
    return open.reader;
  };
  return {
    async read(key): Promise<SourceItem> {
      const name = uploadItemName(key);
      const item = parseItemKey(key, payload);
      if (!item)
        return { kind: 'failed', code: 'INVALID_INPUT', reason: `${name}: not an item of this upload` };
      try {
        if (item.entry === undefined) return await readWholeFile(join(dir, stagedFileName(item.index)), name);
        const bytes = await (await archive(item.index, item.file.name)).read(item.entry);
        return { kind: 'file', file: { name, bytes }, skipNonImage: true };
      } catch (error) {
        if (error instanceof ZipArchiveError)
          return { kind: 'failed', code: 'ARCHIVE', reason: error.message };
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        return { kind: 'failed', code: 'IO', reason: `${name}: the staged upload cannot be read (${code})` };
      }
    },
    close: async () => closeArchive(),
  };
}
