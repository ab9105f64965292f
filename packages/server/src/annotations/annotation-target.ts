import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { annotationTypesFor, fitsLabelType } from '@voxelhub/core/annotation';
import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema, LabelType } from '../storage/schema.js';
import { invalidReference } from './invalid-reference.js';

type Db = Kysely<DatabaseSchema>;

/** What an annotation is on: one image or one series (exactly one of the two, as the table requires). */
export interface AnnotationTarget {
  readonly imageId: string | null;
  readonly seriesId: string | null;
  /** The series the target image belongs to, or the target series itself; null for a loose image. */
  readonly enclosingSeriesId: string | null;
}

export interface TargetLabel {
  readonly id: string;
  readonly name: string;
  readonly type: LabelType;
}

/** The image or series named in a request (at `path`), checked to be in the project. */
export async function resolveTarget(
  db: Db,
  projectId: string,
  ids: { imageId?: string | null | undefined; seriesId?: string | null | undefined },
  path = 'body',
): Promise<AnnotationTarget> {
  if (ids.imageId) {
    const image = await db
      .selectFrom('images')
      .select(['id', 'series_id'])
      .where('project_id', '=', projectId)
      .where('id', '=', ids.imageId)
      .executeTakeFirst();
    if (!image) throw invalidReference(`${path}.imageId`, `no image ${ids.imageId} in this project`);
    return { imageId: image.id, seriesId: null, enclosingSeriesId: image.series_id };
  }
  const series = ids.seriesId
    ? await db
        .selectFrom('series')
        .select('id')
        .where('project_id', '=', projectId)
        .where('id', '=', ids.seriesId)
        .executeTakeFirst()
    : undefined;
  if (!series) throw invalidReference(`${path}.seriesId`, `no series ${ids.seriesId} in this project`);
  return { imageId: null, seriesId: series.id, enclosingSeriesId: series.id };
}

export async function findTargetLabel(db: Db, projectId: string, labelId: string): Promise<TargetLabel> {
  const label = await db
    .selectFrom('labels')
    .select(['id', 'name', 'type'])
    .where('project_id', '=', projectId)
    .where('id', '=', labelId)
    .executeTakeFirst();
  if (!label) throw invalidReference('body.labelId', `no label ${labelId} in this project`);
  return label;
}

/**
 * Whether a payload belongs where it is stored: it names the annotation's label, its type answers that
 * label's type, and its image reference is the target image (or, for a series, one of its images).
 */
export async function checkPayloadFits(
  db: Db,
  projectId: string,
  payload: AnnotationPayload,
  label: TargetLabel,
  target: AnnotationTarget,
): Promise<void> {
  if (payload.labelId !== label.id)
    throw invalidReference(
      'body.payload.labelId',
      `the payload names label ${payload.labelId}, not ${label.id}`,
    );
  if (!fitsLabelType(payload.type, label.type)) {
    const accepted = annotationTypesFor(label.type).join(', ');
    throw invalidReference(
      'body.payload.type',
      `label '${label.name}' is a ${label.type} label: it takes ${accepted} payloads, not ${payload.type}`,
    );
  }
  const imageId = payload.imageRef.imageId;
  if (target.imageId !== null) {
    if (imageId !== target.imageId)
      throw invalidReference(
        'body.payload.imageRef.imageId',
        `the payload is on image ${imageId}, not ${target.imageId}`,
      );
    return;
  }
  const inSeries = await db
    .selectFrom('images')
    .select('id')
    .where('project_id', '=', projectId)
    .where('id', '=', imageId)
    .where('series_id', '=', target.seriesId)
    .executeTakeFirst();
  if (!inSeries)
    throw invalidReference(
      'body.payload.imageRef.imageId',
      `image ${imageId} is not in series ${target.seriesId}`,
    );
}

/**
 * The task an annotation is made for: in the project, on the annotation's image or series, and (for an
 * annotator) assigned to the caller. Annotators may also annotate without a task; owners, managers and
 * reviewers may attach any task of the project (to correct or complete a reader's work).
 */
export async function checkTask(db: Db, access: ProjectAccess, taskId: string, target: AnnotationTarget) {
  const task = await db
    .selectFrom('tasks')
    .select(['id', 'image_id', 'series_id', 'assignee_id'])
    .where('project_id', '=', access.projectId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task) throw invalidReference('body.taskId', `no task ${taskId} in this project`);
  if (access.role === 'annotator' && task.assignee_id !== access.userId)
    throw new ApiError(
      'FORBIDDEN',
      `task ${taskId} is not assigned to you; annotators annotate on their own tasks`,
    );
  const covers =
    (task.image_id !== null && task.image_id === target.imageId) ||
    (task.series_id !== null && task.series_id === target.enclosingSeriesId);
  if (!covers) throw invalidReference('body.taskId', `task ${taskId} is for another image or series`);
}
