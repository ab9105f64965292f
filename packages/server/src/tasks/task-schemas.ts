import { z } from 'zod';
import { TASK_STATUSES } from '../storage/schema.js';

/** The request and response shapes of the task routes; they also make the OpenAPI document. */

export const projectParams = z.object({ projectId: z.uuid() });
export const taskParams = z.object({ projectId: z.uuid(), taskId: z.uuid() });

/** How many tasks one request may create: a batch, not a bulk import. */
export const MAX_TASKS_PER_REQUEST = 1000;

const taskItem = z
  .strictObject({
    imageId: z.uuid().optional(),
    seriesId: z.uuid().optional(),
    assigneeId: z.uuid().nullable().optional(),
  })
  .refine((item) => (item.imageId === undefined) !== (item.seriesId === undefined), {
    message: 'give imageId or seriesId, not both',
    path: ['imageId'],
  });

export const createTasksBody = z.strictObject({
  items: z.array(taskItem).min(1).max(MAX_TASKS_PER_REQUEST),
});

export const listTasksQuery = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  assigneeId: z.uuid().optional(),
});

export const updateTaskBody = z
  .strictObject({
    status: z.enum(TASK_STATUSES).optional(),
    assigneeId: z.uuid().nullable().optional().meta({ description: 'Managers only; null unassigns' }),
  })
  .refine((body) => body.status !== undefined || body.assigneeId !== undefined, {
    message: 'give status or assigneeId',
  });

export const taskOutput = z.object({
  id: z.string(),
  projectId: z.string(),
  imageId: z.string().nullable(),
  seriesId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});

export type TaskOutput = z.infer<typeof taskOutput>;
