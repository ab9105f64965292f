import type { Kysely, Selectable } from 'kysely';
import { roleAllows } from '../access/permissions.js';
import type { ProjectAccess } from '../access/project-access.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema, TasksTable } from '../storage/schema.js';
import type { TaskOutput } from './task-schemas.js';

type Db = Kysely<DatabaseSchema>;
export type TaskRow = Selectable<TasksTable>;

export function taskFromRow(row: TaskRow): TaskOutput {
  return {
    id: row.id,
    projectId: row.project_id,
    imageId: row.image_id,
    seriesId: row.series_id,
    assigneeId: row.assignee_id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  };
}

/**
 * Whether the caller sees all of a project's tasks ('tasks.read.all': owners, managers, reviewers) or
 * only the ones assigned to them (annotators, always, whatever the reading mode: a reader's worklist is
 * theirs; viewers have none).
 */
export function seesAllTasks(access: ProjectAccess): boolean {
  return roleAllows(access.role, 'tasks.read.all');
}

export function canSeeTask(access: ProjectAccess, task: { assignee_id: string | null }): boolean {
  return seesAllTasks(access) || task.assignee_id === access.userId;
}

/** A task of the project the caller may see; others are answered as absent. */
export async function loadVisibleTask(db: Db, access: ProjectAccess, taskId: string): Promise<TaskRow> {
  const task = await db
    .selectFrom('tasks')
    .selectAll()
    .where('project_id', '=', access.projectId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task || !canSeeTask(access, task))
    throw new ApiError('NOT_FOUND', `no task ${taskId} in this project`);
  return task;
}
