import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roleAllows } from '../access/permissions.js';
import { authorize, type ProjectAccess } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import { queueAgreementIfComplete } from '../quality/reader-finished.js';
import type { DatabaseSchema, TaskStatus } from '../storage/schema.js';
import { createTasks } from './create-tasks.js';
import { checkAssignee } from './task-assignee.js';
import { loadVisibleTask, seesAllTasks, type TaskRow, taskFromRow } from './task-rows.js';
import {
  createTasksBody,
  listTasksQuery,
  projectParams,
  taskOutput,
  taskParams,
  updateTaskBody,
} from './task-schemas.js';
import { assigneeMayMove, statusTimestamps } from './task-status-change.js';

type Db = Kysely<DatabaseSchema>;

export interface TaskRoutesOptions {
  readonly db: Db;
}

/**
 * The work list under /api/projects/:projectId/tasks: managers create and assign tasks (one image or
 * series each); readers fetch their next task and move it along. Register with `{ prefix: '/api', db }`.
 */
export async function taskRoutes(base: FastifyInstance, { db }: TaskRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', requireUser);
  const tags = ['tasks'];

  app.post(
    '/projects/:projectId/tasks',
    {
      schema: {
        tags,
        summary: 'Create tasks, one per image or series, optionally assigned',
        params: projectParams,
        body: createTasksBody,
        response: { 201: z.object({ tasks: z.array(taskOutput) }) },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'tasks.manage');
      const ids = await createTasks(db, access.projectId, access.userId, request.body.items);
      const rows = await db.selectFrom('tasks').selectAll().where('id', 'in', ids).execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      return reply.status(201).send({ tasks: ids.map((id) => taskFromRow(byId.get(id)!)) });
    },
  );

  app.get(
    '/projects/:projectId/tasks',
    {
      schema: {
        tags,
        summary: "The project's tasks (annotators: only their own)",
        params: projectParams,
        querystring: listTasksQuery,
        response: { 200: z.object({ tasks: z.array(taskOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      const { status, assigneeId } = request.query;
      let query = db.selectFrom('tasks').selectAll().where('project_id', '=', access.projectId);
      if (!seesAllTasks(access)) query = query.where('assignee_id', '=', access.userId);
      if (assigneeId) query = query.where('assignee_id', '=', assigneeId);
      if (status) query = query.where('status', '=', status);
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return { tasks: rows.map(taskFromRow) };
    },
  );

  app.get(
    '/projects/:projectId/tasks/next',
    {
      schema: {
        tags,
        summary: 'Your next task: the oldest in progress, else the oldest to do; 204 when none is left',
        params: projectParams,
        response: {
          200: z.object({ task: taskOutput }),
          204: z.null().meta({ description: 'No task left' }),
        },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'annotations.write');
      const task = (await oldestTask(db, access, 'in_progress')) ?? (await oldestTask(db, access, 'todo'));
      if (!task) return reply.status(204).send(null);
      return { task: taskFromRow(task) };
    },
  );

  app.get(
    '/projects/:projectId/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'One task',
        params: taskParams,
        response: { 200: z.object({ task: taskOutput }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      return { task: taskFromRow(await loadVisibleTask(db, access, request.params.taskId)) };
    },
  );

  app.patch(
    '/projects/:projectId/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'Move a task along (its assignee) or reassign it (managers)',
        params: taskParams,
        body: updateTaskBody,
        response: { 200: z.object({ task: taskOutput }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      const task = await loadVisibleTask(db, access, request.params.taskId);
      const { status, assigneeId } = request.body;
      checkTaskChange(access, task, request.body);
      if (assigneeId) await checkAssignee(db, access.projectId, assigneeId, 'body.assigneeId');
      const updated = await updateTask(db, access, task, { status, assigneeId });
      // The last reader of a multi-reader item to finish starts its agreement job.
      if (
        updated.item_id &&
        updated.status !== task.status &&
        (updated.status === 'done' || updated.status === 'skipped')
      )
        await queueAgreementIfComplete(db, updated.item_id, access.userId);
      return { task: taskFromRow(updated) };
    },
  );
}

function oldestTask(db: Db, access: ProjectAccess, status: TaskStatus) {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('project_id', '=', access.projectId)
    .where('assignee_id', '=', access.userId)
    .where('status', '=', status)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Managers ('tasks.manage') may set any status and assignee. The assignee may move their own task
 * along (task-status-change.ts) but not hand it to someone else; anyone else may change nothing.
 */
function checkTaskChange(
  access: ProjectAccess,
  task: TaskRow,
  change: { status?: TaskStatus | undefined; assigneeId?: string | null | undefined },
): void {
  if (roleAllows(access.role, 'tasks.manage')) return;
  if (change.assigneeId !== undefined && change.assigneeId !== task.assignee_id)
    throw new ApiError('FORBIDDEN', 'only owners and managers assign tasks (tasks.manage)');
  if (task.assignee_id !== access.userId || !roleAllows(access.role, 'annotations.write'))
    throw new ApiError('FORBIDDEN', 'only the assignee or a manager may change this task');
  if (change.status !== undefined && !assigneeMayMove(task.status, change.status))
    throw new ApiError('CONFLICT', `a task that is ${task.status} can't be moved to ${change.status}`, {
      current: taskFromRow(task),
    });
}

/**
 * Applies the change only if the task is still as it was read (status and assignee), so two people
 * moving one task at once don't both succeed: the second gets 409 with the task as it now is.
 */
async function updateTask(
  db: Db,
  access: ProjectAccess,
  task: TaskRow,
  change: { status?: TaskStatus | undefined; assigneeId?: string | null | undefined },
): Promise<TaskRow> {
  const now = new Date().toISOString();
  const status = change.status ?? task.status;
  const assigneeId = change.assigneeId === undefined ? task.assignee_id : change.assigneeId;
  const updated = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('tasks')
      .set({ status, assignee_id: assigneeId, updated_at: now, ...statusTimestamps(task, status, now) })
      .where('id', '=', task.id)
      .where('status', '=', task.status)
      .where('assignee_id', task.assignee_id === null ? 'is' : '=', task.assignee_id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      userId: access.userId,
      projectId: access.projectId,
      action: 'task.update',
      targetType: 'task',
      targetId: task.id,
      details: {
        ...(status !== task.status ? { from: task.status, to: status } : {}),
        ...(assigneeId !== task.assignee_id
          ? { assigneeFrom: task.assignee_id, assigneeTo: assigneeId }
          : {}),
      },
    });
    return true;
  });
  const current = await db
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', task.id)
    .executeTakeFirstOrThrow();
  if (!updated)
    throw new ApiError('CONFLICT', `task ${task.id} changed while you were changing it`, {
      current: taskFromRow(current),
    });
  return current;
}
