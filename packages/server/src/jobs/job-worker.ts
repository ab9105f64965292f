import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { ImportError } from '../import/import-error.js';
import type { ImportContext } from '../import/import-file.js';
import { type ImportProgress, runImportJob } from '../import/import-job.js';
import { expireDeadWorkerLeases } from './dead-worker-leases.js';
import type { JobEvents } from './job-events.js';
import { jobItemName } from './job-item-name.js';
import {
  type AnyJobKind,
  type ItemJobKind,
  isItemJobKind,
  isWholeJobKind,
  type WholeJobKind,
} from './job-kind.js';
import { runItemJob } from './run-item-job.js';
import { runWholeJob } from './run-whole-job.js';

export interface JobWorkerOptions {
  readonly ctx: ImportContext;
  readonly kinds: readonly AnyJobKind[];
  readonly events: JobEvents;
  /** Jobs run at once; default 2. */
  readonly concurrency?: number;
  /** How often to look for queued jobs and expired leases without being woken; default 2 s. */
  readonly pollMs?: number;
  /** Lease length (heartbeats every third of it); default 60 s: a crashed worker's jobs resume after this. */
  readonly leaseMs?: number;
  readonly workerId?: string;
  readonly log?: Pick<FastifyBaseLogger, 'error' | 'info'>;
}

/**
 * Runs queued import jobs in the server process, a few at a time, and takes over jobs whose lease expired
 * (their worker crashed): each resumes from its job_items. Woken when a job is queued here, and polls for
 * the rest. `close()` stops taking jobs and interrupts the running ones between items, handing their
 * leases back (queued) so the next start resumes them.
 */
export class JobWorker {
  private readonly kinds: ReadonlyMap<string, AnyJobKind>;
  private readonly running = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private readonly workerId: string;
  private timer: NodeJS.Timeout | undefined;
  private filling: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: JobWorkerOptions) {
    this.kinds = new Map(options.kinds.map((kind) => [kind.kind, kind]));
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  }

  start(): void {
    if (this.timer || this.abort.signal.aborted) return;
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 2000);
    this.timer.unref();
    // Jobs of a server that crashed here resume now, not when their lease would have run out.
    expireDeadWorkerLeases(this.options.ctx.db)
      .catch((error: unknown) =>
        this.options.log?.error({ err: error }, 'job worker: cannot check old leases'),
      )
      .finally(() => this.wake());
  }

  /** Looks for jobs now (a job was just queued). */
  wake(): void {
    if (this.abort.signal.aborted) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((error: unknown) => this.options.log?.error({ err: error }, 'job worker: cannot look for jobs'))
      .finally(() => {
        this.filling = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Stops taking jobs, interrupts the running ones between items and waits for them to hand back. */
  async close(): Promise<void> {
    this.abort.abort();
    clearInterval(this.timer);
    await this.filling;
    await Promise.all(this.running.values());
  }

  private async fill(): Promise<void> {
    const limit = this.options.concurrency ?? 2;
    while (!this.abort.signal.aborted && this.running.size < limit) {
      const jobId = await this.nextJob();
      if (!jobId) return;
      const run = this.run(jobId)
        .catch((error: unknown) => this.options.log?.error({ err: error, jobId }, 'job worker: run failed'))
        .finally(() => {
          this.running.delete(jobId);
          this.wake();
        });
      this.running.set(jobId, run);
    }
  }

  /** The oldest job of a kind this worker runs that is queued, or running under an expired lease. */
  private async nextJob(): Promise<string | undefined> {
    const now = new Date().toISOString();
    const row = await this.options.ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', [...this.kinds.keys()])
      .where((eb) =>
        eb.or([
          eb('state', '=', 'queued'),
          eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', now)]),
        ]),
      )
      .$if(this.running.size > 0, (qb) => qb.where('id', 'not in', [...this.running.keys()]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  private async run(jobId: string): Promise<void> {
    const { ctx, events } = this.options;
    const job = await ctx.db.selectFrom('jobs').select('kind').where('id', '=', jobId).executeTakeFirst();
    const kind = job && this.kinds.get(job.kind);
    if (!kind) return;
    if (isItemJobKind(kind)) return this.runItems(jobId, kind);
    if (isWholeJobKind(kind)) return this.runWhole(jobId, kind);
    const onProgress = (p: ImportProgress) =>
      events.emit({
        type: 'progress',
        jobId,
        done: p.done,
        total: p.total,
        item: {
          name: jobItemName(kind.kind, p.file),
          status: p.outcome.status,
          ...(p.outcome.reason ? { reason: p.outcome.reason } : {}),
        },
      });
    let state: 'done' | 'failed' | undefined;
    try {
      const summary = await runImportJob(ctx, jobId, {
        openSource: kind.open,
        onProgress,
        signal: this.abort.signal,
        workerId: this.workerId,
        leaseMs: this.options.leaseMs ?? 60_000,
      });
      if (summary.state === 'done') state = 'done';
    } catch (error) {
      // Another worker took the job first, or took it over: it is that worker's to finish.
      if (error instanceof ImportError && (error.code === 'JOB_BUSY' || error.code === 'JOB_LEASE_LOST'))
        return;
      state = 'failed';
      this.options.log?.error({ err: error, jobId }, 'import job failed');
    }
    if (!state) return;
    await kind
      .finished?.(jobId)
      .catch((error: unknown) =>
        this.options.log?.error({ err: error, jobId }, 'cannot remove what the job staged'),
      );
    events.emit({ type: 'finished', jobId, state });
  }

  private async runItems(jobId: string, kind: ItemJobKind): Promise<void> {
    const { ctx, events } = this.options;
    let state: 'done' | 'failed' | undefined;
    try {
      const result = await runItemJob(ctx, jobId, kind, {
        workerId: this.workerId,
        leaseMs: this.options.leaseMs ?? 60_000,
        signal: this.abort.signal,
        onProgress: (p) =>
          events.emit({
            type: 'progress',
            jobId,
            done: p.done,
            total: p.total,
            item: {
              name: p.key,
              status: p.error ? 'failed' : 'imported',
              ...(p.error ? { reason: p.error } : {}),
            },
          }),
      });
      if (result === 'done') state = 'done';
    } catch (error) {
      if (error instanceof ImportError && (error.code === 'JOB_BUSY' || error.code === 'JOB_LEASE_LOST'))
        return;
      state = 'failed';
      this.options.log?.error({ err: error, jobId }, `${kind.kind} job failed`);
    }
    if (state) events.emit({ type: 'finished', jobId, state });
  }

  private async runWhole(jobId: string, kind: WholeJobKind): Promise<void> {
    const { ctx, events } = this.options;
    let state: 'done' | 'failed' | undefined;
    try {
      const result = await runWholeJob(ctx, jobId, kind, {
        workerId: this.workerId,
        leaseMs: this.options.leaseMs ?? 60_000,
        signal: this.abort.signal,
        onProgress: (done, total) => events.emit({ type: 'progress', jobId, done, total }),
      });
      if (result === 'done') state = 'done';
    } catch (error) {
      if (error instanceof ImportError && (error.code === 'JOB_BUSY' || error.code === 'JOB_LEASE_LOST'))
        return;
      state = 'failed';
      this.options.log?.error({ err: error, jobId }, `${kind.kind} job failed`);
    }
    if (state) events.emit({ type: 'finished', jobId, state });
  }
}
