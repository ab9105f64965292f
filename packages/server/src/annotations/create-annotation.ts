import { randomUUID } from 'node:crypto';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { AnnotationTarget } from './annotation-target.js';

export interface NewAnnotation {
  /** The client's id for the annotation, or none for a new random one. */
  readonly id?: string;
  readonly projectId: string;
  readonly authorId: string;
  readonly labelId: string;
  readonly target: AnnotationTarget;
  readonly taskId: string | null;
  readonly payload: AnnotationPayload;
}

/**
 * Inserts an annotation row and its revision 1 (no audit: callers record their own). Shared by the
 * annotation API and imports, which write many in one transaction.
 */
export async function insertFirstRevision(
  trx: Kysely<DatabaseSchema>,
  id: string,
  input: Omit<NewAnnotation, 'id' | 'target'> & {
    readonly target: Pick<AnnotationTarget, 'imageId' | 'seriesId'>;
  },
  now: string,
): Promise<void> {
  await trx
    .insertInto('annotations')
    .values({
      id,
      project_id: input.projectId,
      task_id: input.taskId,
      image_id: input.target.imageId,
      series_id: input.target.seriesId,
      label_id: input.labelId,
      created_by: input.authorId,
      head_revision: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('annotation_revisions')
    .values({
      annotation_id: id,
      revision: 1,
      base_revision: null,
      author_id: input.authorId,
      schema_version: input.payload.schemaVersion,
      payload: JSON.stringify(input.payload),
      created_at: now,
    })
    .execute();
}

/** Inserts an annotation with its first revision and the audit row, all or nothing; returns its id. */
export async function createAnnotation(db: Kysely<DatabaseSchema>, input: NewAnnotation): Promise<string> {
  const id = input.id ?? randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertFirstRevision(trx, id, input, now);
    await recordAudit(trx, {
      userId: input.authorId,
      projectId: input.projectId,
      action: 'annotation.create',
      targetType: 'annotation',
      targetId: id,
      details: { revision: 1, type: input.payload.type, labelId: input.labelId },
    });
  });
  return id;
}
