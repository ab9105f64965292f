import { TASK_STATUSES, type Task, type TaskStatus } from './task-types.js';

/** One annotator's row of the progress table: how many of their tasks are in each status. */
export interface AssigneeProgress {
  /** null: the tasks nobody is assigned to yet. */
  readonly assigneeId: string | null;
  readonly name: string;
  readonly counts: Readonly<Record<TaskStatus, number>>;
  readonly total: number;
  /** done + skipped: the tasks that need nothing more from this annotator. */
  readonly finished: number;
}

function emptyCounts(): Record<TaskStatus, number> {
  return Object.fromEntries(TASK_STATUSES.map((status) => [status, 0])) as Record<TaskStatus, number>;
}

/**
 * Tasks by status per assignee, named from the member list (an unknown id stays visible as the id: a
 * removed member's tasks still count). Rows are sorted by name, with the unassigned row last.
 */
export function progressByAssignee(
  tasks: readonly Task[],
  names: ReadonlyMap<string, string>,
): AssigneeProgress[] {
  const counts = new Map<string | null, Record<TaskStatus, number>>();
  for (const task of tasks) {
    let row = counts.get(task.assigneeId);
    if (!row) {
      row = emptyCounts();
      counts.set(task.assigneeId, row);
    }
    row[task.status]++;
  }
  const rows = [...counts].map(([assigneeId, byStatus]): AssigneeProgress => {
    const total = TASK_STATUSES.reduce((sum, status) => sum + byStatus[status], 0);
    return {
      assigneeId,
      name: assigneeId === null ? 'Unassigned' : (names.get(assigneeId) ?? assigneeId),
      counts: byStatus,
      total,
      finished: byStatus.done + byStatus.skipped,
    };
  });
  return rows.sort((a, b) => {
    if ((a.assigneeId === null) !== (b.assigneeId === null)) return a.assigneeId === null ? 1 : -1;
    return a.name.localeCompare(b.name);
  });
}

/** A status's share of a row, in percent, for the width of its bar segment. */
export function sharePercent(row: AssigneeProgress, status: TaskStatus): number {
  return row.total === 0 ? 0 : (100 * row.counts[status]) / row.total;
}
