import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { createUploadJob } from './create-upload-job.js';
import { stageUpload } from './stage-upload.js';
import { MAX_UPLOAD_FILES } from './upload-items.js';
import type { ZipLimits } from './zip-archive.js';

export interface UploadRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
  /** One folder per job is staged here (<data>/uploads). */
  readonly stagingRoot: string;
  /** VOXELHUB_MAX_UPLOAD_MB, in bytes: all files of one request together. */
  readonly maxUploadBytes: number;
  readonly zip: ZipLimits;
  /** Called when a job was queued (wakes the worker). */
  readonly onQueued?: (jobId: string) => void;
}

const accepted = z.object({
  jobId: z.string(),
  statusUrl: z.string().describe('GET it for the state, counts and failures'),
  eventsUrl: z.string().describe('Server-Sent Events of the progress'),
});

/** POST /api/projects/:projectId/imports: files (multipart/form-data) staged and imported by a job. */
export async function uploadRoutes(base: FastifyInstance, options: UploadRoutesOptions): Promise<void> {
  const { db } = options;
  await base.register(multipart, {
    limits: {
      // Per file; the whole request is held to the same limit while it streams (stageUpload).
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

  app.post(
    '/projects/:projectId/imports',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Upload files to import (DICOM, NIfTI, PNG, JPEG, and ZIP archives of them); answers 202 with a job',
        description: `multipart/form-data with one or more file parts (any field name). The files are staged and imported by a background job: follow it at statusUrl or eventsUrl. At most VOXELHUB_MAX_UPLOAD_MB in all (413 PAYLOAD_TOO_LARGE), ${MAX_UPLOAD_FILES} files; archives are refused when they would unpack past their limits.`,
        consumes: ['multipart/form-data'],
        params: z.object({ projectId: z.string().min(1) }),
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const { projectId } = request.params;
      // Before a byte of the body is read: no staging for callers who may not import.
      const access = await authorize(db, request, projectId, 'images.import');
      if (!request.isMultipart())
        throw new ApiError('VALIDATION_FAILED', 'send the files as multipart/form-data');
      const jobId = randomUUID();
      const dir = join(options.stagingRoot, jobId);
      const staged = await stageUpload(request.parts(), dir, options.maxUploadBytes);
      try {
        await createUploadJob(db, { jobId, projectId, userId: access.userId, staged, zip: options.zip });
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      await recordAudit(db, {
        userId: access.userId,
        projectId,
        action: 'import.uploaded',
        targetType: 'job',
        targetId: jobId,
        details: { files: staged.length, bytes: staged.reduce((sum, file) => sum + file.size, 0) },
      });
      options.onQueued?.(jobId);
      const statusUrl = `/api/projects/${projectId}/jobs/${jobId}`;
      return reply.status(202).send({ jobId, statusUrl, eventsUrl: `${statusUrl}/events` });
    },
  );
}
