import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import { authorize } from '../access/project-access.js';
import { checkLabelMapReference } from '../annotation-blobs/label-map-reference.js';
import { ApiError } from '../errors/api-error.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { requireEditRights } from './annotation-edit-rights.js';
import { parsePayloadInput } from './annotation-payload-input.js';
import { type AnnotationHead, findHead, findRevisionPayload, loadVisibleHead } from './annotation-rows.js';
import {
  annotationParams,
  annotationResponse,
  createAnnotationBody,
  deleteAnnotationQuery,
  projectParams,
  restoreAnnotationBody,
  updateAnnotationBody,
} from './annotation-schemas.js';
import { checkPayloadFits, checkTask, findTargetLabel, resolveTarget } from './annotation-target.js';
import { createAnnotation } from './create-annotation.js';
import { invalidReference } from './invalid-reference.js';
import { migrationContextFor } from './migration-context.js';
import { saveRevision, staleConflict } from './save-revision.js';

type Db = Kysely<DatabaseSchema>;

/**
 * Bodies that carry a payload may be large: an inline RLE mask holds up to a million runs (about 9 MB of
 * JSON) and a contour up to 100,000 points in index and patient coordinates (about 15 MB). 32 MB admits
 * the largest valid payload with room for formatting; bigger masks belong in a label-map blob.
 */
export const ANNOTATION_BODY_LIMIT = 32 * 1024 * 1024;

/** POST, PUT and DELETE of annotations, and restoring an old revision; every change is a new revision. */
export async function annotationWriteRoutes(base: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['annotations'];

  app.post(
    '/projects/:projectId/annotations',
    {
      bodyLimit: ANNOTATION_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Create an annotation on an image or a series (revision 1)',
        params: projectParams,
        body: createAnnotationBody,
        response: { 201: annotationResponse },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'annotations.write');
      const body = request.body;
      const target = await resolveTarget(db, access.projectId, body);
      const label = await findTargetLabel(db, access.projectId, body.labelId);
      if (body.taskId) await checkTask(db, access, body.taskId, target);
      const payload = parsePayloadInput(
        body.payload,
        await migrationContextFor(db, access.projectId, body.payload),
      );
      await checkPayloadFits(db, access.projectId, payload, label, target);
      await checkLabelMapReference(db, access, payload, target);
      if (body.id !== undefined) {
        const earlier = await earlierCreate(db, access, body.id);
        if (earlier) return reply.status(201).send({ annotation: earlier });
      }
      const id = await createAnnotation(db, {
        ...(body.id !== undefined ? { id: body.id } : {}),
        projectId: access.projectId,
        authorId: access.userId,
        labelId: label.id,
        target,
        taskId: body.taskId ?? null,
        payload,
      }).catch(async (error: unknown) => {
        // The same create, sent twice at once: the one that lost the race answers with the winner's.
        const earlier =
          body.id !== undefined && constraintViolation(error) === 'unique'
            ? await earlierCreate(db, access, body.id)
            : undefined;
        if (!earlier) throw error;
        return earlier.id;
      });
      return reply.status(201).send({ annotation: await reread(db, access, id) });
    },
  );

  app.put(
    '/projects/:projectId/annotations/:annotationId',
    {
      bodyLimit: ANNOTATION_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Save a new revision; 409 with the current head if baseRevision is not the head',
        params: annotationParams,
        body: updateAnnotationBody,
        response: { 200: annotationResponse },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'annotations.write');
      const head = await editableHead(db, access, request.params.annotationId);
      const { baseRevision, labelId } = request.body;
      if (head.deleted) throw await deletedConflict(db, head, baseRevision, 'restore it before editing');
      const label = await findTargetLabel(db, access.projectId, labelId ?? head.labelId);
      const input = request.body.payload;
      const payload = parsePayloadInput(input, await migrationContextFor(db, access.projectId, input));
      const target = await resolveTarget(db, access.projectId, head);
      await checkPayloadFits(db, access.projectId, payload, label, target);
      await checkLabelMapReference(db, access, payload, target);
      const saved = await saveRevision(db, head, {
        baseRevision,
        authorId: access.userId,
        labelId: label.id,
        payload,
        deleted: false,
        audit: {
          action: 'annotation.update',
          details: label.id === head.labelId ? {} : { labelId: label.id },
        },
      });
      return { annotation: saved };
    },
  );

  app.delete(
    '/projects/:projectId/annotations/:annotationId',
    {
      schema: {
        tags,
        summary: 'Delete an annotation: a tombstone revision, so it can be reviewed and restored',
        params: annotationParams,
        querystring: deleteAnnotationQuery,
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'annotations.write');
      const head = await editableHead(db, access, request.params.annotationId);
      const { baseRevision } = request.query;
      if (head.deleted) throw await deletedConflict(db, head, baseRevision, 'it is already deleted');
      await saveRevision(db, head, {
        baseRevision,
        authorId: access.userId,
        labelId: head.labelId,
        // The tombstone keeps the last payload, so the history shows what was deleted.
        payload: head.payload,
        deleted: true,
        audit: { action: 'annotation.delete' },
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/projects/:projectId/annotations/:annotationId/restore',
    {
      schema: {
        tags,
        summary: "Make an old revision's payload the new head (undeleting the annotation)",
        params: annotationParams,
        body: restoreAnnotationBody,
        response: { 200: annotationResponse },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'annotations.write');
      const head = await editableHead(db, access, request.params.annotationId);
      const { revision, baseRevision } = request.body;
      const payload = await findRevisionPayload(db, head.id, revision);
      if (!payload)
        throw invalidReference('body.revision', `annotation ${head.id} has no revision ${revision}`);
      // The old payload names the label it had; that label must still exist and fit.
      const label = await findTargetLabel(db, access.projectId, payload.labelId);
      const target = await resolveTarget(db, access.projectId, head);
      await checkPayloadFits(db, access.projectId, payload, label, target);
      await checkLabelMapReference(db, access, payload, target);
      const saved = await saveRevision(db, head, {
        baseRevision,
        authorId: access.userId,
        labelId: label.id,
        payload,
        deleted: false,
        audit: { action: 'annotation.restore', details: { restoredRevision: revision } },
      });
      return { annotation: saved };
    },
  );
}

/** The head, if the caller can see it (else 404) and may change it (else 403). */
async function editableHead(db: Db, access: ProjectAccess, annotationId: string): Promise<AnnotationHead> {
  const head = await loadVisibleHead(db, access, annotationId);
  requireEditRights(access, head);
  return head;
}

/**
 * A change that makes no sense on a deleted head. When the caller's base is stale the usual 409 says so;
 * otherwise a 409 explains why, with the head in the same place.
 */
async function deletedConflict(db: Db, head: AnnotationHead, baseRevision: number, why: string) {
  if (baseRevision !== head.revision) return staleConflict(db, head, baseRevision);
  return new ApiError('CONFLICT', `annotation ${head.id} is deleted: ${why}`, { current: head });
}

/**
 * The annotation an earlier create with this client-chosen id made, when the caller made it in this
 * project (a resent request); CONFLICT when the id belongs to anything else, without saying what.
 */
async function earlierCreate(db: Db, access: ProjectAccess, id: string): Promise<AnnotationHead | undefined> {
  const row = await db
    .selectFrom('annotations')
    .select(['project_id', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.project_id !== access.projectId || row.created_by !== access.userId)
    throw new ApiError('CONFLICT', `the annotation id ${id} is taken; choose another`);
  return reread(db, access, id);
}

async function reread(db: Db, access: ProjectAccess, id: string): Promise<AnnotationHead> {
  const annotation = await findHead(db, access.projectId, id);
  if (!annotation) throw new ApiError('NOT_FOUND', `no annotation ${id} in this project`);
  return annotation;
}
