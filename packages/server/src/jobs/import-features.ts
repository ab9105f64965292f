import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerData } from '../bootstrap/open-data.js';
import { datasetImportJobKind } from '../dataset-import/dataset-import-job.js';
import { datasetImportRoutes } from '../dataset-import/dataset-import-routes.js';
import { exportJobKind } from '../exports/export-job.js';
import { exportRoutes } from '../exports/export-routes.js';
import { agreementJobKind } from '../quality/agreement-job.js';
import { sweepStaging } from '../uploads/sweep-staging.js';
import { uploadJobKind } from '../uploads/upload-job-kind.js';
import { uploadRoutes } from '../uploads/upload-routes.js';
import { zipLimits } from '../uploads/zip-archive.js';
import { JobEvents } from './job-events.js';
import { jobRoutes } from './job-routes.js';
import { JobWorker } from './job-worker.js';

export interface ImportFeatureOptions {
  /** Where uploads are staged until their job ends (<data>/uploads). */
  readonly stagingRoot: string;
  /** Where export jobs stage their files and keep their archives; default `exports` beside stagingRoot. */
  readonly exportsRoot?: string;
  /** VOXELHUB_MAX_UPLOAD_MB in bytes. */
  readonly maxUploadBytes: number;
  /** Run import jobs in this process (default true); numbers tune the worker (tests). */
  readonly worker?:
    | boolean
    | { readonly pollMs?: number; readonly leaseMs?: number; readonly concurrency?: number };
  /** How often job event streams read the job row; default 1 s. */
  readonly eventPollMs?: number;
}

/**
 * Uploads, jobs and the job worker, under /api. The worker starts when the app is ready (after removing
 * staging folders a crash left behind) and stops, handing its jobs back to the queue, when the app closes.
 */
export async function importFeatures(
  app: FastifyInstance,
  options: ImportFeatureOptions & { data: ServerData },
): Promise<void> {
  const { db } = options.data.database;
  const events = new JobEvents();
  const zip = zipLimits(options.maxUploadBytes);
  const tuning = typeof options.worker === 'object' ? options.worker : {};
  const exportsRoot = options.exportsRoot ?? join(dirname(options.stagingRoot), 'exports');
  const worker =
    options.worker === false
      ? undefined
      : new JobWorker({
          ctx: { db, blobs: options.data.blobs, vault: options.data.vault },
          // Agreement (quality/) and export jobs run here too: one worker, one lease protocol, for every
          // background job.
          kinds: [
            uploadJobKind({ stagingRoot: options.stagingRoot, zip }),
            agreementJobKind,
            exportJobKind({ exportsRoot }),
            datasetImportJobKind({ stagingRoot: options.stagingRoot }),
          ],
          events,
          log: app.log,
          ...tuning,
        });
  if (worker) {
    app.addHook('onReady', async () => {
      await sweepStaging(db, options.stagingRoot);
      worker.start();
    });
    app.addHook('onClose', () => worker.close());
  }
  await app.register(uploadRoutes, {
    db,
    stagingRoot: options.stagingRoot,
    maxUploadBytes: options.maxUploadBytes,
    zip,
    onQueued: () => worker?.wake(),
  });
  await app.register(datasetImportRoutes, {
    db,
    stagingRoot: options.stagingRoot,
    maxUploadBytes: options.maxUploadBytes,
    onQueued: () => worker?.wake(),
  });
  await app.register(exportRoutes, {
    db,
    events,
    exportsRoot,
    onQueued: () => worker?.wake(),
    ...(options.eventPollMs ? { eventPollMs: options.eventPollMs } : {}),
  });
  await app.register(jobRoutes, {
    db,
    events,
    ...(options.eventPollMs ? { pollMs: options.eventPollMs } : {}),
  });
}
