import type { Kysely } from 'kysely';
import type { ImportContext } from '../import/import-file.js';
import { releaseJob, renewLease } from '../import/job-lease.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { claimWithHeartbeat } from './claimed-job.js';
import type { ItemJobKind } from './job-kind.js';

type Db = Kysely<DatabaseSchema>;

export interface ItemJobProgress {
  readonly done: number;
  readonly total: number;
  readonly key: string;
  readonly error?: string;
}

export interface RunItemJobOptions {
  readonly workerId?: string;
  readonly leaseMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ItemJobProgress) => void;
}

/**
 * Runs (or resumes) a job of an ItemJobKind under a lease, like an import job: its pending items in key
 * order, each outcome recorded with the progress, then 'done' with counts. Returns 'interrupted' when the
 * signal stopped it (the job is queued again) and undefined when it was already done.
 */
export async function runItemJob(
  ctx: ImportContext,
  jobId: string,
  kind: ItemJobKind,
  options: RunItemJobOptions = {},
): Promise<'done' | 'interrupted' | undefined> {
  const claimed = await claimWithHeartbeat(ctx, jobId, options);
  if (!claimed) return undefined;
  const { job, lease } = claimed;
  try {
    const keys = await pendingKeys(ctx.db, jobId);
    const total = Number(
      (
        await ctx.db
          .selectFrom('job_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('job_id', '=', jobId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    let done = total - keys.length;
    for (const key of keys) {
      if (options.signal?.aborted) {
        await releaseJob(ctx.db, lease, { state: 'queued' });
        return 'interrupted';
      }
      const error = await kind.processItem(ctx, job, key).then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      done += 1;
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('job_items')
          .set({
            state: error ? 'failed' : 'done',
            error: error ?? null,
            updated_at: new Date().toISOString(),
          })
          .where('job_id', '=', jobId)
          .where('item_key', '=', key)
          .execute();
        await renewLease(trx, lease, done);
      });
      options.onProgress?.({ done, total, key, ...(error ? { error } : {}) });
    }
    const failed = await ctx.db
      .selectFrom('job_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('job_id', '=', jobId)
      .where('state', '=', 'failed')
      .executeTakeFirstOrThrow();
    await releaseJob(ctx.db, lease, { state: 'done', result: { total, failed: Number(failed.n) } });
    return 'done';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await releaseJob(ctx.db, lease, { state: 'failed', error: message }).catch(() => undefined);
    throw error;
  } finally {
    claimed.stopHeartbeat();
  }
}

async function pendingKeys(db: Db, jobId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('job_items')
    .select('item_key')
    .where('job_id', '=', jobId)
    .where('state', '=', 'pending')
    .orderBy('item_key')
    .execute();
  return rows.map((row) => row.item_key);
}
