import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { Kysely } from 'kysely';
import { canSeeAnnotation, seesOthersAnnotations } from '../access/annotation-visibility.js';
import type { ProjectAccess } from '../access/project-access.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { readStoredPayload } from './annotation-payload-input.js';
import type { AnnotationOutput, RevisionOutput } from './annotation-schemas.js';

type Db = Kysely<DatabaseSchema>;

/** An annotation at its head revision, its payload typed as core's (the API shows it as AnnotationOutput). */
export type AnnotationHead = Omit<AnnotationOutput, 'payload'> & { readonly payload: AnnotationPayload };

/** Reading annotations at their head revision, and their history, as the API shows them. */

export function selectHeads(db: Db) {
  return db
    .selectFrom('annotations as a')
    .innerJoin('annotation_revisions as r', (join) =>
      join.onRef('r.annotation_id', '=', 'a.id').onRef('r.revision', '=', 'a.head_revision'),
    )
    .select([
      'a.id',
      'a.project_id',
      'a.label_id',
      'a.image_id',
      'a.series_id',
      'a.task_id',
      'a.created_by',
      'a.created_at',
      'a.updated_at',
      'r.revision',
      'r.base_revision',
      'r.author_id',
      'r.deleted',
      'r.payload',
    ]);
}

type HeadRow = Awaited<ReturnType<ReturnType<typeof selectHeads>['executeTakeFirstOrThrow']>>;

export function annotationFromRow(row: HeadRow): AnnotationHead {
  const payload = readStoredPayload(row.payload);
  return {
    id: row.id,
    projectId: row.project_id,
    labelId: row.label_id,
    imageId: row.image_id,
    seriesId: row.series_id,
    taskId: row.task_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    baseRevision: row.base_revision,
    authorId: row.author_id,
    deleted: row.deleted === 1,
    schemaVersion: payload.schemaVersion,
    payload,
  };
}

/** The head of an annotation in the project, or undefined (whoever may or may not see it). */
export async function findHead(db: Db, projectId: string, annotationId: string) {
  const row = await selectHeads(db)
    .where('a.project_id', '=', projectId)
    .where('a.id', '=', annotationId)
    .executeTakeFirst();
  return row && annotationFromRow(row);
}

/**
 * The head of an annotation the caller may see. One the caller may not see is answered exactly like
 * one that does not exist, so a blind reader can't learn that others annotated an image.
 */
export async function loadVisibleHead(
  db: Db,
  access: ProjectAccess,
  annotationId: string,
): Promise<AnnotationHead> {
  const head = await findHead(db, access.projectId, annotationId);
  if (!head || !canSeeAnnotation(access, head.createdBy))
    throw new ApiError('NOT_FOUND', `no annotation ${annotationId} in this project`);
  return head;
}

export interface AnnotationFilter {
  readonly imageId?: string | undefined;
  readonly seriesId?: string | undefined;
  readonly labelId?: string | undefined;
  readonly taskId?: string | undefined;
  readonly authorId?: string | undefined;
  readonly includeDeleted: boolean;
}

/** The heads the caller may see that match `filter`, oldest first. */
export async function listVisibleHeads(
  db: Db,
  access: ProjectAccess,
  filter: AnnotationFilter,
): Promise<AnnotationHead[]> {
  let query = selectHeads(db).where('a.project_id', '=', access.projectId);
  // Blind reading: another reader's annotations are filtered out in SQL, never fetched.
  if (!seesOthersAnnotations(access)) query = query.where('a.created_by', '=', access.userId);
  if (filter.imageId) query = query.where('a.image_id', '=', filter.imageId);
  if (filter.seriesId) query = query.where('a.series_id', '=', filter.seriesId);
  if (filter.labelId) query = query.where('a.label_id', '=', filter.labelId);
  if (filter.taskId) query = query.where('a.task_id', '=', filter.taskId);
  if (filter.authorId) query = query.where('a.created_by', '=', filter.authorId);
  if (!filter.includeDeleted) query = query.where('r.deleted', '=', 0);
  const rows = await query.orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map(annotationFromRow);
}

/** Every revision of an annotation, first to head. */
export async function listRevisions(db: Db, annotationId: string): Promise<RevisionOutput[]> {
  const rows = await db
    .selectFrom('annotation_revisions')
    .selectAll()
    .where('annotation_id', '=', annotationId)
    .orderBy('revision')
    .execute();
  return rows.map((row) => {
    const payload = readStoredPayload(row.payload);
    return {
      revision: row.revision,
      baseRevision: row.base_revision,
      authorId: row.author_id,
      createdAt: row.created_at,
      deleted: row.deleted === 1,
      schemaVersion: payload.schemaVersion,
      payload,
    };
  });
}

/** The stored payload text of one revision, or undefined when there is no such revision. */
export async function findRevisionPayload(
  db: Db,
  annotationId: string,
  revision: number,
): Promise<AnnotationPayload | undefined> {
  const row = await db
    .selectFrom('annotation_revisions')
    .select('payload')
    .where('annotation_id', '=', annotationId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return row && readStoredPayload(row.payload);
}
