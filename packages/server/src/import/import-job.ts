import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema, JobItemState } from '../storage/schema.js';
import { ImportError } from './import-error.js';
import { type ImportContext, type ImportOutcome, importFile, projectNotFound } from './import-file.js';
import { claimJob, type JobLease, releaseJob, renewLease } from './job-lease.js';

export const IMPORT_JOB_KIND = 'import';

type Db = Kysely<DatabaseSchema>;

const createInput = z.object({
  projectId: z.string().min(1),
  files: z.array(z.string().min(1)).min(1),
  userId: z.string().min(1).optional(),
});

// Rows per insert: 3 parameters each stays far below SQLite's and PostgreSQL's parameter limits.
const ITEM_BATCH = 500;

/**
 * Records an import of files on this machine's disk as a durable job: one job_items row per path (the
 * item key), all pending. Nothing is read yet; `runImportJob` does the work and can be re-run to resume.
 */
export async function createImportJob(
  db: Db,
  projectId: string,
  files: readonly string[],
  userId?: string,
): Promise<string> {
  const parsed = createInput.safeParse({ projectId, files, userId });
  if (!parsed.success) throw new ImportError('INVALID_INPUT', z.prettifyError(parsed.error));
  const paths = [...new Set(parsed.data.files)];
  const jobId = randomUUID();
  await insertJob(db, jobId, parsed.data.projectId, paths, parsed.data.userId).catch((error: unknown) => {
    throw constraintViolation(error) === 'foreign_key' ? projectNotFound(projectId, error) : error;
  });
  return jobId;
}

async function insertJob(
  db: Db,
  jobId: string,
  projectId: string,
  paths: readonly string[],
  userId: string | undefined,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('jobs')
      .values({
        id: jobId,
        kind: IMPORT_JOB_KIND,
        project_id: projectId,
        created_by: userId ?? null,
        progress_total: paths.length,
      })
      .execute();
    for (let i = 0; i < paths.length; i += ITEM_BATCH) {
      const batch = paths.slice(i, i + ITEM_BATCH);
      await trx
        .insertInto('job_items')
        .values(batch.map((path) => ({ job_id: jobId, item_key: path })))
        .execute();
    }
  });
}

export interface ImportProgress {
  readonly jobId: string;
  /** Items finished (in this run and earlier ones). */
  readonly done: number;
  readonly total: number;
  readonly file: string;
  readonly outcome: ImportOutcome;
}

export interface RunImportJobOptions {
  /** Called after each file is recorded; a throw stops the job as failed (it resumes when run again). */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Stops between files; the job goes back to 'queued' and resumes when run again. */
  signal?: AbortSignal;
  /** Who holds the lease; one per worker process. */
  workerId?: string;
  /** How long the lease lasts without a heartbeat (one per file); default 5 minutes. */
  leaseMs?: number;
}

export interface ImportJobSummary {
  readonly jobId: string;
  readonly state: 'queued' | 'done';
  readonly total: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly pending: number;
}

/** What each outcome leaves in job_items.state. */
const ITEM_STATE: Record<ImportOutcome['status'], JobItemState> = {
  imported: 'done',
  duplicate: 'skipped',
  failed: 'failed',
};

const PAGE = 200;
const DEFAULT_LEASE_MS = 5 * 60_000;
const defaultWorker = `${hostname()}:${process.pid}:${randomUUID()}`;

/**
 * Runs (or resumes) an import job: takes its lease, imports its pending files in item-key order, records
 * each outcome with the job's progress in one transaction, and ends it 'done' with counts. Files already
 * finished by an earlier run are skipped; one that was in flight when a run died is imported again (and
 * reports 'duplicate' if that run had committed it). Bad files are outcomes; a throw (database, disk,
 * onProgress) marks the job 'failed' and is rethrown. A job already done returns its counts.
 */
export async function runImportJob(
  ctx: ImportContext,
  jobId: string,
  options: RunImportJobOptions = {},
): Promise<ImportJobSummary> {
  const lease: JobLease = {
    jobId,
    owner: options.workerId ?? defaultWorker,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
  };
  const job = await claimJob(ctx.db, lease);
  if (!job) return summarize(ctx.db, jobId, 'done');
  const projectId = job.project_id;
  if (job.kind !== IMPORT_JOB_KIND || projectId === null) {
    await releaseJob(ctx.db, lease, { state: 'failed', error: `job ${jobId} is not an import job` });
    throw new ImportError('INVALID_INPUT', `job ${jobId} is of kind '${job.kind}', not an import job`);
  }
  const audit = { db: ctx.db, jobId, projectId, userId: job.created_by, attempt: job.attempts };
  try {
    const before = await summarize(ctx.db, jobId, 'queued');
    let done = before.total - before.pending;
    await renewLease(ctx.db, lease, done);
    await writeAudit(audit, 'import.started', counts(before));
    let after = '';
    for (;;) {
      const page = await pendingItems(ctx.db, jobId, after);
      for (const file of page) {
        if (options.signal?.aborted) return await interrupt(ctx.db, lease, audit);
        const outcome = await importPath(ctx, projectId, file);
        done += 1;
        await recordOutcome(ctx.db, lease, file, outcome, done);
        await options.onProgress?.({ jobId, done, total: before.total, file, outcome });
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!;
    }
    const summary = await summarize(ctx.db, jobId, 'done');
    await releaseJob(ctx.db, lease, { state: 'done', result: counts(summary) });
    await writeAudit(audit, 'import.finished', counts(summary));
    return summary;
  } catch (error) {
    // The job is another worker's now: leave its state and log to that worker.
    if (error instanceof ImportError && error.code === 'JOB_LEASE_LOST') throw error;
    const message = error instanceof Error ? error.message : String(error);
    // Best effort: if the database itself failed, the lease expires instead and another run resumes.
    await releaseJob(ctx.db, lease, { state: 'failed', error: message })
      .then(() => writeAudit(audit, 'import.failed', { error: message }))
      .catch(() => undefined);
    throw error;
  }
}

async function pendingItems(db: Db, jobId: string, after: string): Promise<string[]> {
  const rows = await db
    .selectFrom('job_items')
    .select('item_key')
    .where('job_id', '=', jobId)
    .where('state', '=', 'pending')
    .where('item_key', '>', after)
    .orderBy('item_key')
    .limit(PAGE)
    .execute();
  return rows.map((row) => row.item_key);
}

/** Imports one path; a file that cannot be read from disk is that file's failure, like a bad file. */
async function importPath(ctx: ImportContext, projectId: string, path: string): Promise<ImportOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const reason = `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return { status: 'failed', code: 'IO', reason };
  }
  return importFile(ctx, projectId, { name: path, bytes });
}

async function recordOutcome(
  db: Db,
  lease: JobLease,
  file: string,
  outcome: ImportOutcome,
  done: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('job_items')
      .set({
        state: ITEM_STATE[outcome.status],
        error: outcome.status === 'failed' ? `${outcome.code}: ${outcome.reason}` : null,
        updated_at: new Date().toISOString(),
      })
      .where('job_id', '=', lease.jobId)
      .where('item_key', '=', file)
      .execute();
    await renewLease(trx, lease, done);
  });
}

async function interrupt(db: Db, lease: JobLease, audit: AuditTarget): Promise<ImportJobSummary> {
  await releaseJob(db, lease, { state: 'queued' });
  const summary = await summarize(db, lease.jobId, 'queued');
  await writeAudit(audit, 'import.interrupted', counts(summary));
  return summary;
}

async function summarize(db: Db, jobId: string, state: 'queued' | 'done'): Promise<ImportJobSummary> {
  const rows = await db
    .selectFrom('job_items')
    .select((eb) => ['state', eb.fn.countAll<string | number>().as('n')])
    .where('job_id', '=', jobId)
    .groupBy('state')
    .execute();
  const of = (s: JobItemState) => Number(rows.find((row) => row.state === s)?.n ?? 0);
  const summary = {
    jobId,
    state,
    imported: of('done'),
    duplicates: of('skipped'),
    failed: of('failed'),
    pending: of('pending'),
  };
  return { ...summary, total: summary.imported + summary.duplicates + summary.failed + summary.pending };
}

function counts(summary: ImportJobSummary) {
  const { total, imported, duplicates, failed, pending } = summary;
  return { total, imported, duplicates, failed, pending };
}

interface AuditTarget {
  readonly db: Db;
  readonly jobId: string;
  readonly projectId: string;
  readonly userId: string | null;
  /** Which run of the job (1 for the first), so that a job's entries group by run. */
  readonly attempt: number;
}

async function writeAudit(target: AuditTarget, action: string, details: object): Promise<void> {
  await recordAudit(target.db, {
    userId: target.userId,
    projectId: target.projectId,
    action,
    targetType: 'job',
    targetId: target.jobId,
    details: { attempt: target.attempt, ...details },
  });
}
