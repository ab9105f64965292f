import type { Kysely } from 'kysely';
import type { DatabaseSchema, Job } from '../storage/schema.js';
import { ImportError } from './import-error.js';

/**
 * A worker's hold on a job: while the lease runs, no other worker takes the job; a worker that dies stops
 * renewing it, and once it expires the job can be claimed again and resumes from its job_items.
 */
export interface JobLease {
  readonly jobId: string;
  readonly owner: string;
  readonly leaseMs: number;
}

type Db = Kysely<DatabaseSchema>;

const later = (ms: number): string => new Date(Date.now() + ms).toISOString();

/**
 * Takes the job for `owner` if it is queued, failed (a retry) or running under an expired lease.
 * Returns the job as claimed, or undefined when it is already done; throws JOB_NOT_FOUND or JOB_BUSY.
 */
export async function claimJob(db: Db, lease: JobLease): Promise<Job | undefined> {
  const now = new Date().toISOString();
  const claimed = await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      lease_owner: lease.owner,
      lease_expires_at: later(lease.leaseMs),
      heartbeat_at: now,
      attempts: eb('attempts', '+', 1),
      started_at: eb.fn.coalesce('started_at', eb.val(now)),
      finished_at: null,
      error: null,
    }))
    .where('id', '=', lease.jobId)
    .where((eb) =>
      eb.or([
        eb('state', 'in', ['queued', 'failed']),
        eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  if (claimed) return claimed;
  const job = await db.selectFrom('jobs').select('state').where('id', '=', lease.jobId).executeTakeFirst();
  if (!job) throw new ImportError('JOB_NOT_FOUND', `no job has id ${lease.jobId}`);
  if (job.state === 'done') return undefined;
  throw new ImportError('JOB_BUSY', `job ${lease.jobId} is running under another worker's lease`);
}

/**
 * Renews the lease, recording the progress when given (a heartbeat between items gives none, so that it
 * never writes back a count older than the last item's); throws JOB_LEASE_LOST if another worker has taken
 * the job meanwhile.
 */
export async function renewLease(db: Db, lease: JobLease, progressDone?: number): Promise<void> {
  const result = await db
    .updateTable('jobs')
    .set({
      ...(progressDone === undefined ? {} : { progress_done: progressDone }),
      heartbeat_at: new Date().toISOString(),
      lease_expires_at: later(lease.leaseMs),
    })
    .where('id', '=', lease.jobId)
    .where('lease_owner', '=', lease.owner)
    .where('state', '=', 'running')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    throw new ImportError('JOB_LEASE_LOST', `job ${lease.jobId} was taken over by another worker`);
  }
}

/** Ends the hold, leaving the job in `state` (queued again when interrupted, or finished). */
export async function releaseJob(
  db: Db,
  lease: JobLease,
  end: { state: 'queued' | 'done' | 'failed'; result?: unknown; error?: string },
): Promise<void> {
  const finished = end.state === 'queued' ? null : new Date().toISOString();
  await db
    .updateTable('jobs')
    .set({
      state: end.state,
      lease_owner: null,
      lease_expires_at: null,
      finished_at: finished,
      error: end.error ?? null,
      ...(end.result === undefined ? {} : { result: JSON.stringify(end.result) }),
    })
    .where('id', '=', lease.jobId)
    .where('lease_owner', '=', lease.owner)
    .execute();
}
