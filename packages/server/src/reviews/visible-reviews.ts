import type { Kysely } from 'kysely';
import { seesOthersAnnotations } from '../access/annotation-visibility.js';
import type { ProjectAccess } from '../access/project-access.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { seesAllTasks } from '../tasks/task-rows.js';

/**
 * The reviews the caller may read: a review of an annotation as the annotation itself (blind readers see
 * only reviews of their own annotations), a review of a task as the task (annotators only their own).
 * Filtered in SQL, so nothing hidden is fetched.
 */
export function visibleReviews(
  db: Kysely<DatabaseSchema>,
  access: ProjectAccess,
  filter: { annotationId?: string | undefined; taskId?: string | undefined },
) {
  let query = db
    .selectFrom('reviews as v')
    .leftJoin('annotations as a', 'a.id', 'v.annotation_id')
    .leftJoin('tasks as t', 't.id', 'v.task_id')
    .selectAll('v')
    .where('v.project_id', '=', access.projectId);
  const allAnnotations = seesOthersAnnotations(access);
  const allTasks = seesAllTasks(access);
  query = query.where((eb) =>
    eb.or([
      eb.and([
        eb('v.annotation_id', 'is not', null),
        allAnnotations ? eb.lit(true) : eb('a.created_by', '=', access.userId),
      ]),
      eb.and([
        eb('v.task_id', 'is not', null),
        allTasks ? eb.lit(true) : eb('t.assignee_id', '=', access.userId),
      ]),
    ]),
  );
  if (filter.annotationId) query = query.where('v.annotation_id', '=', filter.annotationId);
  if (filter.taskId) query = query.where('v.task_id', '=', filter.taskId);
  return query.orderBy('v.created_at', 'desc').orderBy('v.id').execute();
}
