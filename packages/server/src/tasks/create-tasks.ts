import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { resolveTarget } from '../annotations/annotation-target.js';
import { recordAudit } from '../audit/record-audit.js';
import type { DatabaseSchema, TasksTable } from '../storage/schema.js';
import { checkAssignee } from './task-assignee.js';

type Db = Kysely<DatabaseSchema>;

export interface TaskItem {
  readonly imageId?: string | undefined;
  readonly seriesId?: string | undefined;
  readonly assigneeId?: string | null | undefined;
}

/**
 * Checks every item first (its image or series is in the project, its assignee a member who annotates),
 * then creates all the tasks and their audit rows in one transaction: a batch is created whole or not at
 * all. Returns the new ids in the order of the items.
 */
export async function createTasks(
  db: Db,
  projectId: string,
  userId: string,
  items: readonly TaskItem[],
): Promise<string[]> {
  const checkedAssignees = new Set<string>();
  const rows: Insertable<TasksTable>[] = [];
  for (const [i, item] of items.entries()) {
    const target = await resolveTarget(db, projectId, item, `body.items.${i}`);
    const assigneeId = item.assigneeId ?? null;
    if (assigneeId !== null && !checkedAssignees.has(assigneeId)) {
      await checkAssignee(db, projectId, assigneeId, `body.items.${i}.assigneeId`);
      checkedAssignees.add(assigneeId);
    }
    rows.push({
      id: randomUUID(),
      project_id: projectId,
      image_id: target.imageId,
      series_id: target.seriesId,
      assignee_id: assigneeId,
    });
  }
  const start = Date.now();
  await db.transaction().execute(async (trx) => {
    for (const [i, row] of rows.entries()) {
      // One millisecond apart, so that "oldest first" (GET .../tasks/next) follows the order of the items.
      const createdAt = new Date(start + i).toISOString();
      await trx
        .insertInto('tasks')
        .values({ ...row, created_at: createdAt, updated_at: createdAt })
        .execute();
      await recordAudit(trx, {
        userId,
        projectId,
        action: 'task.create',
        targetType: 'task',
        targetId: row.id,
        details: { imageId: row.image_id, seriesId: row.series_id, assigneeId: row.assignee_id },
      });
    }
  });
  return rows.map((row) => row.id);
}
