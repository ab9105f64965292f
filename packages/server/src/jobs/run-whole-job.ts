import type { ImportContext } from '../import/import-file.js';
import { type JobLease, releaseJob } from '../import/job-lease.js';
import { claimWithHeartbeat } from './claimed-job.js';
import type { WholeJobKind } from './job-kind.js';

export interface RunWholeJobOptions {
  readonly workerId?: string;
  readonly leaseMs?: number;
  readonly signal?: AbortSignal;
  /** Every progress report, at once (the job row gets them throttled). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Least time between two progress writes to the job row; default 250 ms. */
  readonly progressWriteMs?: number;
}

/**
 * Runs a job of a WholeJobKind under a lease: claims it, renews the lease while `run` works, records its
 * progress on the job row, and ends it 'done' with what `run` returned, or 'failed' with its error (then
 * rethrown). Returns 'interrupted' when the signal stopped it (the job is queued again, to run from
 * scratch) and undefined when it was already done.
 */
export async function runWholeJob(
  ctx: ImportContext,
  jobId: string,
  kind: WholeJobKind,
  options: RunWholeJobOptions = {},
): Promise<'done' | 'interrupted' | undefined> {
  // Stops the run when the worker stops, or when another worker has taken the job over.
  const leaseLost = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, leaseLost.signal]) : leaseLost.signal;
  const onLeaseError = (error: unknown) => leaseLost.abort(error);
  const claimed = await claimWithHeartbeat(ctx, jobId, options, onLeaseError);
  if (!claimed) return undefined;
  const { job, lease } = claimed;
  const recorder = progressRecorder(ctx, lease, options.progressWriteMs ?? 250, onLeaseError);
  try {
    const result = await kind.run(ctx, job, {
      signal,
      progress: (done, total) => {
        recorder.record(done, total);
        options.onProgress?.(done, total);
      },
    });
    await recorder.flush();
    await releaseJob(ctx.db, lease, { state: 'done', result });
    return 'done';
  } catch (error) {
    await recorder.flush().catch(() => undefined);
    if (leaseLost.signal.aborted) throw leaseLost.signal.reason;
    if (options.signal?.aborted) {
      await releaseJob(ctx.db, lease, { state: 'queued' });
      return 'interrupted';
    }
    const message = error instanceof Error ? error.message : String(error);
    await releaseJob(ctx.db, lease, { state: 'failed', error: message }).catch(() => undefined);
    throw error;
  } finally {
    claimed.stopHeartbeat();
  }
}

/**
 * Writes progress to the job row at most every `intervalMs` (a run may report thousands of steps), always
 * the latest, one write at a time; `flush` waits for the last one.
 */
function progressRecorder(
  ctx: ImportContext,
  lease: JobLease,
  intervalMs: number,
  onLeaseError: (error: unknown) => void,
) {
  let latest: { done: number; total: number } | undefined;
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = 0;
  const write = () => {
    timer = undefined;
    const next = latest;
    latest = undefined;
    if (!next) return;
    lastWrite = Date.now();
    writing = writing
      .then(() =>
        ctx.db
          .updateTable('jobs')
          .set({
            progress_done: next.done,
            progress_total: next.total,
            heartbeat_at: new Date().toISOString(),
          })
          .where('id', '=', lease.jobId)
          .where('lease_owner', '=', lease.owner)
          .where('state', '=', 'running')
          .execute(),
      )
      .then(() => undefined, onLeaseError);
  };
  return {
    record(done: number, total: number) {
      latest = { done, total };
      if (timer) return;
      const wait = Math.max(0, lastWrite + intervalMs - Date.now());
      timer = setTimeout(write, wait);
      timer.unref();
    },
    async flush() {
      clearTimeout(timer);
      write();
      await writing;
    },
  };
}
