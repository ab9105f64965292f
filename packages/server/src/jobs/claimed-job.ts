import { hostname } from 'node:os';
import type { ImportContext } from '../import/import-file.js';
import { claimJob, type JobLease, renewLease } from '../import/job-lease.js';
import type { Job } from '../storage/schema.js';

export interface ClaimedJob {
  readonly job: Job;
  readonly lease: JobLease;
  /** Stops renewing the lease (call when the run ends, however it ends). */
  stopHeartbeat(): void;
}

/**
 * Claims a job under a lease and renews it every third of its length while the job runs, so a crashed
 * worker's jobs are taken over when the lease runs out. Undefined when the job is not there to claim
 * (done, or held by another worker). A renewal that fails goes to `onRenewError`.
 */
export async function claimWithHeartbeat(
  ctx: ImportContext,
  jobId: string,
  options: { readonly workerId?: string; readonly leaseMs?: number },
  onRenewError: (error: unknown) => void = () => undefined,
): Promise<ClaimedJob | undefined> {
  const lease: JobLease = {
    jobId,
    owner: options.workerId ?? `${hostname()}:${process.pid}`,
    leaseMs: options.leaseMs ?? 60_000,
  };
  const job = await claimJob(ctx.db, lease);
  if (!job) return undefined;
  const heartbeat = setInterval(
    () => void renewLease(ctx.db, lease).catch(onRenewError),
    Math.max(1, lease.leaseMs / 3),
  );
  heartbeat.unref();
  return { job, lease, stopHeartbeat: () => clearInterval(heartbeat) };
}
