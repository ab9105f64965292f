import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import { jobEventStream } from '../jobs/job-event-stream.js';
import type { JobEvents } from '../jobs/job-events.js';
import { findProjectJob } from '../jobs/job-view.js';
import { type DatabaseSchema, JOB_STATES, type Job } from '../storage/schema.js';
import { EXPORT_FORMAT_TITLES, EXPORT_FORMATS } from './export-formats.js';
import { EXPORT_JOB_KIND, type ExportJobResult, exportJobPayload, exportPaths } from './export-job.js';

type Db = Kysely<DatabaseSchema>;

export interface ExportRoutesOptions {
  readonly db: Db;
  readonly events: JobEvents;
  /** Where export jobs stage their files and keep their archives (<data>/exports). */
  readonly exportsRoot: string;
  /** Called when an export job was queued (wakes the worker). */
  readonly onQueued?: (jobId: string) => void;
  /** How often event streams read the job row; default 1 s. */
  readonly eventPollMs?: number;
}

const projectParams = z.object({ projectId: z.uuid() });
const versionParams = projectParams.extend({ versionId: z.uuid() });
const exportParams = projectParams.extend({ jobId: z.uuid() });

const exportRequest = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS),
    /** nnU-Net and Decathlon: the input channel's name, e.g. "CT" (nnU-Net then normalises by HU). */
    channelName: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9 ._-]+$/, "letters, digits, spaces, '.', '_' and '-' only")
      .optional(),
  })
  .refine((b) => b.channelName === undefined || b.format === 'nnunet' || b.format === 'msd', {
    message: 'channelName applies to the nnunet and msd formats only',
    path: ['channelName'],
  });

const exportOutput = z.object({
  id: z.string(),
  state: z.enum(JOB_STATES),
  format: z.enum(EXPORT_FORMATS),
  formatTitle: z.string(),
  versionId: z.string(),
  versionName: z.string().nullable().describe('null when the version was deleted'),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  result: z
    .object({
      fileName: z.string(),
      size: z.number().int(),
      summary: z.object({
        format: z.string(),
        cases: z.number().int(),
        files: z.number().int(),
        bytes: z.number().int(),
        skipped: z.array(z.unknown()).describe('annotations the format cannot hold, with why'),
      }),
    })
    .nullable()
    .describe('once done: the archive to download and what it holds'),
});
type ExportOutput = z.infer<typeof exportOutput>;

/**
 * Exports of dataset versions as background jobs (GET /api/export-formats names the formats): POST …/versions/:versionId/exports queues one, GET
 * …/exports lists the project's, …/exports/:jobId/events streams one's progress and
 * …/exports/:jobId/archive downloads its zip. All need 'versions.read', not more: an export holds the
 * images and annotations of the version, which whoever may read versions may already read one by one.
 */
export async function exportRoutes(base: FastifyInstance, options: ExportRoutesOptions): Promise<void> {
  const { db } = options;
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', requireUser);
  const tags = ['exports'];

  app.get(
    '/export-formats',
    {
      schema: {
        tags,
        summary: 'The formats a version can be exported in, with their titles',
        response: { 200: z.object({ formats: z.array(z.object({ id: z.string(), title: z.string() })) }) },
      },
    },
    async () => ({ formats: EXPORT_FORMATS.map((id) => ({ id, title: EXPORT_FORMAT_TITLES[id] })) }),
  );

  app.post(
    '/projects/:projectId/versions/:versionId/exports',
    {
      schema: {
        tags,
        summary: 'Export a dataset version in a format, as a background job; download the zip when done',
        params: versionParams,
        body: exportRequest,
        response: { 202: z.object({ job: exportOutput }) },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      const { versionId } = request.params;
      const { format, channelName } = request.body;
      const version = await db
        .selectFrom('dataset_versions')
        .select('name')
        .where('project_id', '=', access.projectId)
        .where('id', '=', versionId)
        .executeTakeFirst();
      if (!version) throw new ApiError('NOT_FOUND', `no dataset version ${versionId} in this project`);
      const jobId = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('jobs')
          .values({
            id: jobId,
            kind: EXPORT_JOB_KIND,
            project_id: access.projectId,
            created_by: access.userId,
            payload: JSON.stringify(
              exportJobPayload.parse({ versionId, format, ...(channelName ? { channelName } : {}) }),
            ),
            created_at: new Date().toISOString(),
          })
          .execute();
        await recordAudit(trx, {
          userId: access.userId,
          projectId: access.projectId,
          action: 'export.create',
          targetType: 'job',
          targetId: jobId,
          details: { versionId, versionName: version.name, format, ...(channelName ? { channelName } : {}) },
        });
      });
      options.onQueued?.(jobId);
      const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
      return reply.status(202).send({ job: toExportOutput(job, version.name) });
    },
  );

  app.get(
    '/projects/:projectId/exports',
    {
      schema: {
        tags,
        summary: "The project's exports, newest first, with their state, progress and result",
        params: projectParams,
        response: { 200: z.object({ exports: z.array(exportOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      const jobs = await db
        .selectFrom('jobs')
        .selectAll()
        .where('project_id', '=', access.projectId)
        .where('kind', '=', EXPORT_JOB_KIND)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
      const versions = await db
        .selectFrom('dataset_versions')
        .select(['id', 'name'])
        .where('project_id', '=', access.projectId)
        .execute();
      const names = new Map(versions.map((v) => [v.id, v.name]));
      return { exports: jobs.map((job) => toExportOutput(job, names.get(payloadOf(job).versionId) ?? null)) };
    },
  );

  const loadExport = async (projectId: string, jobId: string): Promise<Job> => {
    const job = await findProjectJob(db, projectId, jobId);
    if (!job || job.kind !== EXPORT_JOB_KIND)
      throw new ApiError('NOT_FOUND', `no export ${jobId} in this project`);
    return job;
  };

  app.get(
    '/projects/:projectId/exports/:jobId/events',
    {
      schema: {
        tags,
        summary: "An export's progress as Server-Sent Events, ending with 'done' or 'failed'",
        description:
          'text/event-stream, as GET …/jobs/:jobId/events: `progress` events carry {done, total, state}; the last event is `done` or `failed`.',
        params: exportParams,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      const job = await loadExport(access.projectId, request.params.jobId);
      const stream = jobEventStream({
        db,
        events: options.events,
        job,
        ...(options.eventPollMs ? { pollMs: options.eventPollMs } : {}),
      });
      request.raw.once('close', () => stream.destroy());
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );

  app.get(
    '/projects/:projectId/exports/:jobId/archive',
    {
      schema: {
        tags,
        summary: "The export's zip (409 until its job is done)",
        params: exportParams,
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      const job = await loadExport(access.projectId, request.params.jobId);
      if (job.state !== 'done' || !job.result)
        throw new ApiError('CONFLICT', `the export is ${job.state}; its archive is not ready`);
      const result = JSON.parse(job.result) as ExportJobResult;
      // The path comes from the job's id, never from what the row or the request says.
      const path = exportPaths(options.exportsRoot, job.id).archive;
      const size = await stat(path).then(
        (s) => s.size,
        () => undefined,
      );
      if (size === undefined) throw new ApiError('NOT_FOUND', 'the archive of this export was removed');
      await recordAudit(db, {
        userId: access.userId,
        projectId: access.projectId,
        action: 'export.download',
        targetType: 'job',
        targetId: job.id,
        details: { fileName: result.fileName, size },
      });
      return reply
        .type('application/zip')
        .header('content-length', size)
        .header('content-disposition', attachment(result.fileName))
        .send(createReadStream(path));
    },
  );

  app.delete(
    '/projects/:projectId/exports/:jobId',
    {
      schema: {
        tags,
        summary: 'Delete a finished or failed export and its archive (409 while it runs)',
        params: exportParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      // Those who make versions (owners, managers) may remove what exporting them left on disk.
      const access = await authorize(db, request, request.params.projectId, 'versions.create');
      const job = await loadExport(access.projectId, request.params.jobId);
      if (job.state === 'queued' || job.state === 'running')
        throw new ApiError('CONFLICT', `the export is ${job.state}; delete it once it has ended`);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('jobs').where('id', '=', job.id).execute();
        await recordAudit(trx, {
          userId: access.userId,
          projectId: access.projectId,
          action: 'export.delete',
          targetType: 'job',
          targetId: job.id,
          details: { format: payloadOf(job).format, versionId: payloadOf(job).versionId },
        });
      });
      // The row goes first: a crash between the two leaves a file no route can reach, never a row
      // whose archive is gone. The path comes from the job's id, never from the request.
      await rm(exportPaths(options.exportsRoot, job.id).archive, { force: true });
      return reply.status(204).send(null);
    },
  );
}

function payloadOf(job: Job) {
  return exportJobPayload.parse(JSON.parse(job.payload));
}

function toExportOutput(job: Job, versionName: string | null): ExportOutput {
  const payload = payloadOf(job);
  const result = job.state === 'done' && job.result ? (JSON.parse(job.result) as ExportJobResult) : null;
  return {
    id: job.id,
    state: job.state,
    format: payload.format,
    formatTitle: EXPORT_FORMAT_TITLES[payload.format],
    versionId: payload.versionId,
    versionName,
    progress: { done: job.progress_done, total: job.progress_total },
    createdBy: job.created_by,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    error: job.error,
    result: result
      ? {
          fileName: result.fileName,
          size: result.size,
          summary: { ...result.summary, skipped: [...result.summary.skipped] },
        }
      : null,
  };
}

/** Content-Disposition for a download: an ASCII fallback name and the exact name (RFC 6266, 5987). */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
