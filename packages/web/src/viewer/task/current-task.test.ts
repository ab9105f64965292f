import { describe, expect, it } from 'vitest';
import type { Task } from '../../tasks/task-types.js';
import { currentTaskOf, previousTaskOf } from './current-task.js';

const task = (id: string, change: Partial<Task>): Task => ({
  id,
  projectId: 'p',
  imageId: null,
  seriesId: 's1',
  assigneeId: 'me',
  status: 'todo',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  completedAt: null,
  ...change,
});

describe('tasks in the viewer', () => {
  it("finds the caller's task on this series, started ones first, never another reader's", () => {
    const tasks = [
      task('other', { assigneeId: 'you', status: 'in_progress' }),
      task('todo', {}),
      task('started', { status: 'in_progress' }),
      task('elsewhere', { seriesId: 's2', status: 'in_progress' }),
    ];
    expect(currentTaskOf(tasks, 'me', { seriesId: 's1' })?.id).toBe('started');
    expect(currentTaskOf(tasks.slice(0, 2), 'me', { seriesId: 's1' })?.id).toBe('todo');
    expect(currentTaskOf(tasks, 'me', { seriesId: 's3' })).toBeUndefined();
    expect(currentTaskOf([task('img', { seriesId: null, imageId: 'i1' })], 'me', { imageId: 'i1' })?.id).toBe(
      'img',
    );
  });

  it('takes the most recently finished task as the previous one', () => {
    const tasks = [
      task('a', { status: 'done', completedAt: '2026-01-02T10:00:00Z' }),
      task('b', { status: 'skipped', completedAt: '2026-01-02T11:00:00Z' }),
      task('c', { status: 'done', completedAt: '2026-01-02T12:00:00Z', assigneeId: 'you' }),
      task('d', { status: 'in_progress' }),
    ];
    expect(previousTaskOf(tasks, 'me')?.id).toBe('b');
    expect(previousTaskOf(tasks, 'me', tasks[1])?.id).toBe('a');
    expect(previousTaskOf([tasks[3]!], 'me')).toBeUndefined();
  });
});
