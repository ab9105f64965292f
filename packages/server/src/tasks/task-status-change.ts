import type { TaskStatus } from '../storage/schema.js';

/**
 * The moves an assignee may make on their own task: start it, finish or skip it (from todo too, for
 * items that need no work). Done and skipped are final for the assignee; managers may set any status,
 * e.g. to reopen a task.
 */
const ASSIGNEE_MOVES: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  todo: ['in_progress', 'done', 'skipped'],
  in_progress: ['done', 'skipped'],
  done: [],
  skipped: [],
};

export function assigneeMayMove(from: TaskStatus, to: TaskStatus): boolean {
  return from === to || ASSIGNEE_MOVES[from].includes(to);
}

/** The timestamps a move sets: started_at when work first starts, completed_at while done or skipped. */
export function statusTimestamps(
  task: { status: TaskStatus; started_at: string | null },
  to: TaskStatus,
  now: string,
): { started_at?: string; completed_at?: string | null } {
  if (to === task.status) return {};
  const finished = to === 'done' || to === 'skipped';
  return {
    ...(to === 'in_progress' && task.started_at === null ? { started_at: now } : {}),
    completed_at: finished ? now : null,
  };
}
