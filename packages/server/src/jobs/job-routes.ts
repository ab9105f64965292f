import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roleAllows } from '../access/permissions.js';
import { loadProjectAccess } from '../access/project-access.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema, Job } from '../storage/schema.js';
import { jobEventStream } from './job-event-stream.js';
import type { JobEvents } from './job-events.js';
import {
  jobListEntrySchema,
  jobListQuery,
  jobParams,
  jobViewSchema,
  projectJobParams,
} from './job-schemas.js';
import { findProjectJob, listProjectJobs, readJobView } from './job-view.js';

type Db = Kysely<DatabaseSchema>;

export interface JobRoutesOptions {
  readonly db: Db;
  readonly events: JobEvents;
  /** How often event streams read the job row; default 1 s. */
  readonly pollMs?: number;
}

/**
 * GET /api/projects/:projectId/jobs, …/jobs/:jobId and …/jobs/:jobId/events. Readable with 'jobs.read'
 * (owners, managers) or by the job's creator.
 */
export async function jobRoutes(base: FastifyInstance, options: JobRoutesOptions): Promise<void> {
  const { db } = options;
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['jobs'];

  app.get(
    '/projects/:projectId/jobs',
    {
      schema: {
        tags,
        summary: "The project's jobs, newest first (only your own without jobs.read)",
        params: projectJobParams,
        querystring: jobListQuery,
        response: { 200: z.object({ jobs: z.array(jobListEntrySchema) }) },
      },
    },
    async (request) => {
      const { projectId } = request.params;
      const access = await loadProjectAccess(db, request, projectId);
      const own = roleAllows(access.role, 'jobs.read') ? {} : { createdBy: access.userId };
      return { jobs: await listProjectJobs(db, projectId, { ...request.query, ...own }) };
    },
  );

  app.get(
    '/projects/:projectId/jobs/:jobId',
    {
      schema: {
        tags,
        summary: "A job's state, progress, counts, and each failed item's name and reason",
        params: jobParams,
        response: { 200: jobViewSchema },
      },
    },
    async (request) => readJobView(db, await readableJob(db, request, request.params)),
  );

  app.get(
    '/projects/:projectId/jobs/:jobId/events',
    {
      schema: {
        tags,
        summary: "A job's progress as Server-Sent Events, ending with 'done' or 'failed'",
        description:
          'text/event-stream. `progress` events carry {done, total, state, item?: {name, status, reason?}}; the last event, `done` or `failed`, carries the job as GET …/jobs/:jobId answers it, and then the stream ends.',
        params: jobParams,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const job = await readableJob(db, request, request.params);
      const stream = jobEventStream({ db, events: options.events, job, ...pollOption(options) });
      request.raw.once('close', () => stream.destroy());
      return (
        reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache')
          // Proxies (nginx) would otherwise hold events back until a buffer fills.
          .header('x-accel-buffering', 'no')
          .send(stream)
      );
    },
  );
}

const pollOption = (options: JobRoutesOptions) => (options.pollMs ? { pollMs: options.pollMs } : {});

/** The job, if the caller may read it: NOT_FOUND outside the project, FORBIDDEN for others' jobs. */
async function readableJob(
  db: Db,
  request: FastifyRequest,
  params: { projectId: string; jobId: string },
): Promise<Job> {
  const access = await loadProjectAccess(db, request, params.projectId);
  const job = await findProjectJob(db, params.projectId, params.jobId);
  if (!job) throw new ApiError('NOT_FOUND', `no job ${params.jobId} in this project`);
  if (!roleAllows(access.role, 'jobs.read') && job.created_by !== access.userId)
    throw new ApiError(
      'FORBIDDEN',
      `a project ${access.role} may read only the jobs they started (jobs.read)`,
    );
  return job;
}
