import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import { LayoutError, recogniseLayout } from '@voxelhub/core/export';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import { findProjectJob } from '../jobs/job-view.js';
import { type DatabaseSchema, JOB_STATES } from '../storage/schema.js';
import { MAX_UPLOAD_FILES } from '../uploads/upload-items.js';
import {
  BATCH_LOG_NAME,
  DATASET_IMPORT_JOB_KIND,
  type DatasetImportPayload,
  datasetStaging,
} from './dataset-import-job.js';
import { datasetImportReport } from './dataset-import-report.js';
import { LAYOUT_CHOICES, type LayoutChoice, requestedLayout } from './requested-layout.js';
import { stageDatasetUpload } from './stage-dataset-upload.js';
import { openDatasetFolder } from './staged-folder.js';

export interface DatasetImportRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
  /** One folder per job is staged here (<data>/uploads), as uploads are. */
  readonly stagingRoot: string;
  /** VOXELHUB_MAX_UPLOAD_MB, in bytes: all files of one request together. */
  readonly maxUploadBytes: number;
  /** Called when a job was queued (wakes the worker). */
  readonly onQueued?: (jobId: string) => void;
}

const projectParams = z.object({ projectId: z.string().min(1) });

function layoutField(value: string | undefined): LayoutChoice {
  if (value === undefined || value === '') return 'auto';
  if ((LAYOUT_CHOICES as readonly string[]).includes(value)) return value as LayoutChoice;
  throw new ApiError('VALIDATION_FAILED', `layout "${value}" is not one of ${LAYOUT_CHOICES.join(', ')}`);
}

/**
 * POST /api/projects/:projectId/dataset-imports: a downloaded dataset folder (its files, each named by its
 * path in the folder) staged and imported — images, labels and annotations — by a background job;
 * GET …/dataset-imports/:jobId: the job's state and, once done, its report.
 */
export async function datasetImportRoutes(base: FastifyInstance, options: DatasetImportRoutesOptions) {
  const { db } = options;
  await base.register(multipart, {
    // The part's filename is the file's path in the folder; busboy would cut it to the last segment.
    preservePath: true,
    limits: {
      fileSize: options.maxUploadBytes,
      files: MAX_UPLOAD_FILES,
      parts: MAX_UPLOAD_FILES + 100,
      fields: 100,
      fieldSize: 64 * 1024,
    },
    throwFileSizeLimit: false,
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['imports'];

  app.post(
    '/projects/:projectId/dataset-imports',
    {
      schema: {
        tags,
        summary: 'Import a dataset folder (MSD, nnU-Net, COCO, YOLO, images + CSV, DICOM) with its labels',
        description: `multipart/form-data: one file part per file of the folder, its filename the file's path relative to the folder ('Task03_Liver/imagesTr/liver_0.nii.gz', as a browser's webkitRelativePath gives it), and an optional field \`layout\` (${LAYOUT_CHOICES.join(', ')}; default auto). Paths that are absolute or hold '..', a backslash or a control character are refused (400 naming the path); a folder that claims a layout and breaks it (a training case without its label) is refused naming the file, before anything is imported. Answers 202 with the job; its result (reportUrl) lists what was imported and what was passed over, and why. At most VOXELHUB_MAX_UPLOAD_MB in all, ${MAX_UPLOAD_FILES} files.`,
        consumes: ['multipart/form-data'],
        params: projectParams,
        response: {
          202: z.object({
            jobId: z.string(),
            statusUrl: z.string(),
            eventsUrl: z.string(),
            reportUrl: z.string(),
            layout: z.object({ kind: z.string(), summary: z.string() }),
          }),
        },
      },
    },
    async (request, reply) => {
      const { projectId } = request.params;
      // Before a byte of the body is read: no staging for callers who may not import.
      const access = await authorize(db, request, projectId, 'images.import');
      if (!request.isMultipart())
        throw new ApiError('VALIDATION_FAILED', 'send the folder as multipart/form-data');
      const jobId = randomUUID();
      const staging = datasetStaging(options.stagingRoot, jobId);
      const staged = await stageDatasetUpload(request.parts(), staging.folder, options.maxUploadBytes, [
        BATCH_LOG_NAME,
      ]);
      try {
        const layout = layoutField(staged.fields.layout);
        const folder = await openDatasetFolder(staging.folder);
        const recognised = await recogniseLayout(folder.paths, folder.readText).then((l) =>
          requestedLayout(l, layout),
        );
        const payload: DatasetImportPayload = { layout, files: staged.paths.length, bytes: staged.bytes };
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('jobs')
            .values({
              id: jobId,
              kind: DATASET_IMPORT_JOB_KIND,
              project_id: projectId,
              created_by: access.userId,
              payload: JSON.stringify(payload),
              created_at: new Date().toISOString(),
            })
            .execute();
          await recordAudit(trx, {
            userId: access.userId,
            projectId,
            action: 'dataset.import.uploaded',
            targetType: 'job',
            targetId: jobId,
            details: { ...payload, recognised: recognised.kind },
          });
        });
        options.onQueued?.(jobId);
        const statusUrl = `/api/projects/${projectId}/jobs/${jobId}`;
        return reply.status(202).send({
          jobId,
          statusUrl,
          eventsUrl: `${statusUrl}/events`,
          reportUrl: `/api/projects/${projectId}/dataset-imports/${jobId}`,
          layout: { kind: recognised.kind, summary: recognised.summary },
        });
      } catch (error) {
        await rm(staging.folder, { recursive: true, force: true });
        if (error instanceof LayoutError)
          throw new ApiError('VALIDATION_FAILED', error.message, [
            { path: error.file, message: error.message },
          ]);
        throw error;
      }
    },
  );

  app.get(
    '/projects/:projectId/dataset-imports/:jobId',
    {
      schema: {
        tags,
        summary: "A dataset import's state and progress, and its report once done",
        params: projectParams.extend({ jobId: z.string().min(1) }),
        response: {
          200: z.object({
            id: z.string(),
            state: z.enum(JOB_STATES),
            progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
            error: z.string().nullable().describe('why the import failed as a whole (a broken layout, say)'),
            report: datasetImportReport.nullable().describe('once done'),
          }),
        },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'images.import');
      const job = await findProjectJob(db, access.projectId, request.params.jobId);
      if (!job || job.kind !== DATASET_IMPORT_JOB_KIND)
        throw new ApiError('NOT_FOUND', `no dataset import ${request.params.jobId} in this project`);
      return {
        id: job.id,
        state: job.state,
        progress: { done: job.progress_done, total: job.progress_total },
        error: job.error,
        report: job.result ? datasetImportReport.parse(JSON.parse(job.result)) : null,
      };
    },
  );
}
