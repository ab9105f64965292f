import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';

type Db = Kysely<DatabaseSchema>;

export const AGREEMENT_JOB_KIND = 'agreement';

/**
 * Called after one of an item's tasks was finished (done or skipped): when every reader of the item is
 * finished, the item moves to 'computing' and an agreement job is queued for it. The status change is
 * conditional, so two readers finishing at once queue one job, not two. Returns the job id if queued.
 */
export async function queueAgreementIfComplete(
  db: Db,
  itemId: string,
  userId: string | null,
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('tasks')
      .select('id')
      .where('item_id', '=', itemId)
      .where('status', 'in', ['todo', 'in_progress'])
      .limit(1)
      .executeTakeFirst();
    if (open) return undefined;
    const now = new Date().toISOString();
    const moved = await trx
      .updateTable('quality_items')
      .set({ status: 'computing', updated_at: now })
      .where('id', '=', itemId)
      .where('status', 'in', ['reading', 'sent_back'])
      .returning('project_id')
      .executeTakeFirst();
    if (!moved) return undefined;
    return insertAgreementJob(trx, moved.project_id, userId, [itemId]);
  });
}

/** An agreement job over `itemIds` (one job item each). */
export async function insertAgreementJob(
  db: Db,
  projectId: string,
  userId: string | null,
  itemIds: readonly string[],
): Promise<string> {
  const jobId = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('jobs')
    .values({
      id: jobId,
      kind: AGREEMENT_JOB_KIND,
      project_id: projectId,
      created_by: userId,
      progress_total: itemIds.length,
      payload: JSON.stringify({ items: itemIds.length }),
      created_at: now,
    })
    .execute();
  for (const itemId of itemIds)
    await db.insertInto('job_items').values({ job_id: jobId, item_key: itemId, updated_at: now }).execute();
  return jobId;
}
