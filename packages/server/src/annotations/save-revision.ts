import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError } from '../errors/api-error.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { type AnnotationHead, findHead } from './annotation-rows.js';

type Db = Kysely<DatabaseSchema>;

export interface NewRevision {
  /** The head the writer read and changed; the save fails unless it is still the head. */
  readonly baseRevision: number;
  readonly authorId: string;
  readonly labelId: string;
  readonly payload: AnnotationPayload;
  readonly deleted: boolean;
  /** annotation.update, annotation.delete or annotation.restore, with what the audit row should say. */
  readonly audit: { readonly action: string; readonly details?: Record<string, unknown> };
}

/** Thrown inside the transaction when the base is no longer the head, to roll it back. */
class StaleBase extends Error {}

/**
 * Appends revision base + 1 to `head`'s annotation (read earlier, to check the caller's rights) and makes it the head, or answers 409 CONFLICT with the current head in
 * `details.current`, never overwriting a newer revision. A compare-and-set in one transaction: the
 * UPDATE matches only while head_revision is still the base (PostgreSQL re-checks the condition after
 * waiting for a concurrent writer's row lock; SQLite runs one writer at a time), and the revision
 * table's primary key (annotation_id, revision) refuses a second revision base + 1 should two writers
 * ever pass the first guard.
 */
export async function saveRevision(
  db: Db,
  head: AnnotationHead,
  revision: NewRevision,
): Promise<AnnotationHead> {
  const next = revision.baseRevision + 1;
  const now = new Date().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('annotations')
        .set({ head_revision: next, label_id: revision.labelId, updated_at: now })
        .where('id', '=', head.id)
        .where('project_id', '=', head.projectId)
        .where('head_revision', '=', revision.baseRevision)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new StaleBase();
      await trx
        .insertInto('annotation_revisions')
        .values({
          annotation_id: head.id,
          revision: next,
          base_revision: revision.baseRevision,
          author_id: revision.authorId,
          schema_version: revision.payload.schemaVersion,
          payload: JSON.stringify(revision.payload),
          deleted: revision.deleted ? 1 : 0,
          created_at: now,
        })
        .execute();
      await recordAudit(trx, {
        userId: revision.authorId,
        projectId: head.projectId,
        action: revision.audit.action,
        targetType: 'annotation',
        targetId: head.id,
        details: { revision: next, baseRevision: revision.baseRevision, ...revision.audit.details },
      });
    });
  } catch (error) {
    if (error instanceof StaleBase || constraintViolation(error) === 'unique')
      throw await staleConflict(db, head, revision.baseRevision);
    throw error;
  }
  return {
    ...head,
    labelId: revision.labelId,
    updatedAt: now,
    revision: next,
    baseRevision: revision.baseRevision,
    authorId: revision.authorId,
    deleted: revision.deleted,
    schemaVersion: revision.payload.schemaVersion,
    payload: revision.payload,
  };
}

/** 409 with the head as it is now, so the client can show it, merge, and save on it. */
export async function staleConflict(
  db: Db,
  annotation: { readonly projectId: string; readonly id: string },
  baseRevision: number,
): Promise<ApiError> {
  const current = await findHead(db, annotation.projectId, annotation.id);
  if (!current) return new ApiError('NOT_FOUND', `no annotation ${annotation.id} in this project`);
  return new ApiError(
    'CONFLICT',
    `annotation ${annotation.id} is at revision ${current.revision}; this change was made on revision ${baseRevision}`,
    { current },
  );
}
