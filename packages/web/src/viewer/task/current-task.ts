import type { AnnotationTarget } from '../../annotations/annotation-head.js';
import type { Task } from '../../tasks/task-types.js';

/** The caller's task on what the viewer shows: started (in progress) first, else one still to do. */
export function currentTaskOf(
  tasks: readonly Task[],
  userId: string,
  target: AnnotationTarget,
): Task | undefined {
  const mine = tasks.filter(
    (t) =>
      t.assigneeId === userId &&
      (t.status === 'in_progress' || t.status === 'todo') &&
      ((target.seriesId !== undefined && t.seriesId === target.seriesId) ||
        (target.imageId !== undefined && t.imageId === target.imageId)),
  );
  return mine.find((t) => t.status === 'in_progress') ?? mine[0];
}

/** The caller's task finished (done or skipped) most recently, other than `current`: "previous task". */
export function previousTaskOf(tasks: readonly Task[], userId: string, current?: Task): Task | undefined {
  return tasks
    .filter(
      (t) =>
        t.assigneeId === userId &&
        t.id !== current?.id &&
        t.completedAt !== null &&
        (t.status === 'done' || t.status === 'skipped'),
    )
    .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''))[0];
}
