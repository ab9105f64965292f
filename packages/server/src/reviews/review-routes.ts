import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { loadVisibleHead } from '../annotations/annotation-rows.js';
import { invalidReference } from '../annotations/invalid-reference.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema, ReviewsTable } from '../storage/schema.js';
import { loadVisibleTask } from '../tasks/task-rows.js';
import {
  createReviewBody,
  listReviewsQuery,
  projectParams,
  type ReviewOutput,
  reviewOutput,
} from './review-schemas.js';
import { visibleReviews } from './visible-reviews.js';

type Db = Kysely<DatabaseSchema>;

export interface ReviewRoutesOptions {
  readonly db: Db;
}

/**
 * Review decisions under /api/projects/:projectId/reviews, on one revision of an annotation or on a
 * whole task. Register with `{ prefix: '/api', db }`.
 */
export async function reviewRoutes(base: FastifyInstance, { db }: ReviewRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', requireUser);
  const tags = ['reviews'];

  app.post(
    '/projects/:projectId/reviews',
    {
      schema: {
        tags,
        summary: 'Approve, reject or ask for changes to an annotation revision or a task',
        params: projectParams,
        body: createReviewBody,
        response: { 201: z.object({ review: reviewOutput }) },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'reviews.write');
      const body = request.body;
      const { annotationId, annotationRevision, taskId } = await checkSubject(db, access, body);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('reviews')
          .values({
            id,
            project_id: access.projectId,
            annotation_id: annotationId,
            annotation_revision: annotationRevision,
            task_id: taskId,
            reviewer_id: access.userId,
            decision: body.decision,
            comment: body.comment,
            created_at: new Date().toISOString(),
          })
          .execute();
        await recordAudit(trx, {
          userId: access.userId,
          projectId: access.projectId,
          action: 'review.create',
          targetType: annotationId ? 'annotation' : 'task',
          targetId: annotationId ?? taskId,
          details: { reviewId: id, decision: body.decision, annotationRevision },
        });
      });
      const row = await db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return reply.status(201).send({ review: reviewFromRow(row) });
    },
  );

  app.get(
    '/projects/:projectId/reviews',
    {
      schema: {
        tags,
        summary: 'Reviews, newest first (only of annotations and tasks you may see)',
        params: projectParams,
        querystring: listReviewsQuery,
        response: { 200: z.object({ reviews: z.array(reviewOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      const rows = await visibleReviews(db, access, request.query);
      return { reviews: rows.map(reviewFromRow) };
    },
  );
}

/** The annotation revision or the task under review, checked to exist in the project. */
async function checkSubject(
  db: Db,
  access: Parameters<typeof loadVisibleHead>[1],
  body: {
    annotationId?: string | undefined;
    annotationRevision?: number | undefined;
    taskId?: string | undefined;
  },
) {
  if (body.taskId) {
    const task = await loadVisibleTask(db, access, body.taskId).catch(notInProject('body.taskId'));
    return { annotationId: null, annotationRevision: null, taskId: task.id };
  }
  const annotationId = body.annotationId!;
  const revision = body.annotationRevision!;
  const head = await loadVisibleHead(db, access, annotationId).catch(notInProject('body.annotationId'));
  if (revision > head.revision)
    throw invalidReference(
      'body.annotationRevision',
      `annotation ${annotationId} has no revision ${revision}`,
    );
  return { annotationId: head.id, annotationRevision: revision, taskId: null };
}

/** A subject named in the body that isn't there is the body's fault: 400 naming the field. */
function notInProject(path: string) {
  return (error: unknown): never => {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') throw invalidReference(path, error.message);
    throw error;
  };
}

function reviewFromRow(row: Selectable<ReviewsTable>): ReviewOutput {
  return {
    id: row.id,
    projectId: row.project_id,
    annotationId: row.annotation_id,
    annotationRevision: row.annotation_revision,
    taskId: row.task_id,
    reviewerId: row.reviewer_id,
    decision: row.decision,
    comment: row.comment,
    createdAt: row.created_at,
  };
}
