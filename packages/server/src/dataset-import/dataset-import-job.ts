import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ImportContext } from '../import/import-file.js';
import type { WholeJobKind, WholeJobTools } from '../jobs/job-kind.js';
import type { Job } from '../storage/schema.js';
import { openBatchLog } from './batch-log.js';
import type { DatasetImportReport } from './dataset-import-report.js';
import { importDatasetFolder } from './import-dataset-folder.js';
import { jobAccess } from './job-access.js';
import { LAYOUT_CHOICES } from './requested-layout.js';
import { openDatasetFolder } from './staged-folder.js';

export const DATASET_IMPORT_JOB_KIND = 'dataset-import';

export const datasetImportPayload = z.object({
  layout: z.enum(LAYOUT_CHOICES),
  files: z.number().int(),
  bytes: z.number().int(),
});
export type DatasetImportPayload = z.infer<typeof datasetImportPayload>;

/** The log of label batches written, in the staged folder: hidden, so no layout takes it for data. */
export const BATCH_LOG_NAME = '.voxelhub-batches';

/**
 * Where a dataset import's files wait for its job: <stagingRoot>/<jobId>/<relative path>, named by the
 * job's id (sweepStaging removes folders of ended jobs a crash left behind), with its batch log.
 */
export function datasetStaging(stagingRoot: string, jobId: string) {
  const folder = join(stagingRoot, jobId);
  return { folder, batchLog: join(folder, BATCH_LOG_NAME) };
}

/**
 * The job that imports a staged dataset folder (importDatasetFolder), reporting a step per image file and
 * per label batch; its result is the DatasetImportReport. The staged files are removed when it ends,
 * done or failed; an interrupted run keeps them and starts again, passing over label batches written.
 */
export function datasetImportJobKind(options: { readonly stagingRoot: string }): WholeJobKind {
  return {
    kind: DATASET_IMPORT_JOB_KIND,
    run: (ctx, job, tools) => runDatasetImport(ctx, job, tools, options.stagingRoot),
  };
}

async function runDatasetImport(
  ctx: ImportContext,
  job: Job,
  tools: WholeJobTools,
  stagingRoot: string,
): Promise<DatasetImportReport> {
  const payload = datasetImportPayload.parse(JSON.parse(job.payload));
  const staging = datasetStaging(stagingRoot, job.id);
  const removeStaging = () => rm(staging.folder, { recursive: true, force: true });
  try {
    const report = await importDatasetFolder(
      ctx,
      await jobAccess(ctx.db, job),
      await openDatasetFolder(staging.folder),
      {
        layout: payload.layout,
        signal: tools.signal,
        onProgress: tools.progress,
        batchLog: await openBatchLog(staging.batchLog),
      },
    );
    await removeStaging();
    return report;
  } catch (error) {
    if (!tools.signal.aborted) await removeStaging();
    throw error;
  }
}
