import { describe, expect, it } from 'vitest';
import { progressByAssignee, sharePercent } from './task-progress.js';
import type { Task, TaskStatus } from './task-types.js';

let next = 0;
function task(assigneeId: string | null, status: TaskStatus): Task {
  next++;
  return {
    id: `t${next}`,
    projectId: 'p',
    imageId: null,
    seriesId: `s${next}`,
    assigneeId,
    status,
    createdAt: '',
    updatedAt: '',
    startedAt: null,
    completedAt: null,
  };
}

describe('progressByAssignee', () => {
  const names = new Map([
    ['u-bo', 'bo'],
    ['u-ann', 'ann'],
  ]);
  const rows = progressByAssignee(
    [
      task('u-bo', 'done'),
      task('u-bo', 'todo'),
      task(null, 'todo'),
      task('u-ann', 'in_progress'),
      task('u-ann', 'skipped'),
      task('u-ann', 'done'),
      task('u-gone', 'done'),
    ],
    names,
  );

  it('counts tasks by status per assignee, sorted by name with the unassigned last', () => {
    expect(rows.map((row) => [row.name, row.total, row.finished])).toEqual([
      ['ann', 3, 2],
      ['bo', 2, 1],
      ['u-gone', 1, 1],
      ['Unassigned', 1, 0],
    ]);
    expect(rows[0]!.counts).toEqual({ todo: 0, in_progress: 1, done: 1, skipped: 1 });
  });

  it('gives each status its share of the row', () => {
    expect(sharePercent(rows[1]!, 'done')).toBe(50);
    expect(sharePercent(rows[1]!, 'skipped')).toBe(0);
  });

  it('makes no rows from no tasks', () => {
    expect(progressByAssignee([], names)).toEqual([]);
  });
});
