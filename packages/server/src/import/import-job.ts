import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema, Job, JobItemState } from '../storage/schema.js';
import { ImportError } from './import-error.js';
import {
  type ImportContext,
  type ImportFileInput,
  type ImportOutcome,
  importFile,
  projectNotFound,
} from './import-file.js';
import { claimJob, type JobLease, releaseJob, renewLease } from './job-lease.js';
import { readWholeFile } from './read-whole-file.js';

/** A job importing files from this machine's disk; its item keys are the paths. */
export const IMPORT_JOB_KIND = 'import';

type Db = Kysely<DatabaseSchema>;

const createInput = z.object({
  projectId: z.string().min(1),
  files: z.array(z.string().min(1)).min(1),
  userId: z.string().min(1).optional(),
});

// Rows per insert: 4 parameters each stays far below SQLite's and PostgreSQL's parameter limits.
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
  return insertImportJob(db, {
    kind: IMPORT_JOB_KIND,
    projectId: parsed.data.projectId,
    ...(parsed.data.userId ? { userId: parsed.data.userId } : {}),
    items: parsed.data.files.map((key) => ({ key })),
  });
}

/** An item of a new job; one known already to need no import is recorded finished, with its note. */
export interface NewJobItem {
  readonly key: string;
  readonly state?: 'skipped' | 'failed';
  /** Why it is skipped or failed ('CODE: reason' for failures). */
  readonly note?: string;
}

export interface NewImportJob {
  /** Chosen by the caller when something (a staging folder) is named after the job before it exists. */
  readonly id?: string;
  readonly kind: string;
  readonly projectId: string;
  readonly userId?: string;
  /** What the job's source needs to find its items again (JSON); never credentials. */
  readonly payload?: Record<string, unknown>;
  readonly items: readonly NewJobItem[];
}

/**
 * Inserts a job and its items (duplicate keys once, the first kept) in one transaction, queued. The
 * progress already counts the items recorded finished.
 */
export async function insertImportJob(db: Db, job: NewImportJob): Promise<string> {
  const jobId = job.id ?? randomUUID();
  const seen = new Set<string>();
  const items = job.items.filter((item) => !seen.has(item.key) && seen.add(item.key));
  if (items.length === 0) throw new ImportError('INVALID_INPUT', 'an import job needs at least one item');
  const finished = items.filter((item) => item.state !== undefined).length;
  await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('jobs')
        .values({
          id: jobId,
          kind: job.kind,
          project_id: job.projectId,
          created_by: job.userId ?? null,
          progress_total: items.length,
          progress_done: finished,
          payload: JSON.stringify(job.payload ?? {}),
        })
        .execute();
      for (let i = 0; i < items.length; i += ITEM_BATCH) {
        await trx
          .insertInto('job_items')
          .values(
            items.slice(i, i + ITEM_BATCH).map((item) => ({
              job_id: jobId,
              item_key: item.key,
              state: item.state ?? 'pending',
              error: item.note ?? null,
            })),
          )
          .execute();
      }
    })
    .catch((error: unknown) => {
      throw constraintViolation(error) === 'foreign_key' ? projectNotFound(job.projectId, error) : error;
    });
  return jobId;
}

/** One item as its source delivers it: a file to import, or already known to need no import. */
export type SourceItem =
  | {
      readonly kind: 'file';
      readonly file: ImportFileInput;
      /** Inside an archive or a folder, a file that is not an image is skipped, not a failure. */
      readonly skipNonImage?: boolean;
    }
  | { readonly kind: 'duplicate'; readonly imageId: string }
  | { readonly kind: 'skipped'; readonly note: string }
  | { readonly kind: 'failed'; readonly code: string; readonly reason: string };

/**
 * Where a job's items come from: files on disk, a staged upload, a DICOMweb server. `read` turns an
 * item's trouble (unreadable, refused by the peer) into a 'failed' item; it throws only when the whole
 * job cannot go on.
 */
export interface ImportSource {
  read(key: string): Promise<SourceItem>;
  /** How many items may be read while the one before them imports (downloads overlap); default 0. */
  readonly readAhead?: number;
  close(): Promise<void>;
}

/** Opens the source of a claimed job, from its kind and payload. */
export type OpenImportSource = (job: Job) => Promise<ImportSource>;

/** What became of one item. */
export type ItemOutcome =
  | ImportOutcome
  | {
      readonly status: 'skipped';
      readonly reason: string;
      readonly code?: undefined;
      readonly imageId?: undefined;
    };

export interface ImportProgress {
  readonly jobId: string;
  /** Items finished (in this run and earlier ones). */
  readonly done: number;
  readonly total: number;
  /** The item's key. */
  readonly file: string;
  readonly outcome: ItemOutcome;
}

export interface RunImportJobOptions {
  /** Called after each file is recorded; a throw stops the job as failed (it resumes when run again). */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Stops between files; the job goes back to 'queued' and resumes when run again. */
  signal?: AbortSignal;
  /** Who holds the lease; one per worker process. */
  workerId?: string;
  /** How long the lease lasts without a heartbeat; default 5 minutes. Renewed after each item and every third of it. */
  leaseMs?: number;
  /** The job's items; by default files on disk for 'import' jobs, and an error for other kinds. */
  openSource?: OpenImportSource;
}

export interface ImportJobSummary {
  readonly jobId: string;
  readonly state: 'queued' | 'done';
  readonly total: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
  /** Items that needed no import: not images inside an archive, folders, __MACOSX. */
  readonly skipped: number;
  readonly pending: number;
}

/** What each outcome leaves in job_items.state; duplicates are the skipped items without a note. */
const ITEM_STATE: Record<ItemOutcome['status'], JobItemState> = {
  imported: 'done',
  duplicate: 'skipped',
  skipped: 'skipped',
  failed: 'failed',
};

const PAGE = 200;
const DEFAULT_LEASE_MS = 5 * 60_000;
const defaultWorker = `${hostname()}:${process.pid}:${randomUUID()}`;

/**
 * Runs (or resumes) an import job: takes its lease, imports its pending items in item-key order, records
 * each outcome with the job's progress in one transaction, and ends it 'done' with counts. Items already
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
  const open = options.openSource ?? (job.kind === IMPORT_JOB_KIND ? openLocalFiles : undefined);
  if (!open || projectId === null) {
    await releaseJob(ctx.db, lease, { state: 'failed', error: `job ${jobId} is not an import job` });
    throw new ImportError('INVALID_INPUT', `job ${jobId} is of kind '${job.kind}', not an import job`);
  }
  const audit = { db: ctx.db, jobId, projectId, userId: job.created_by, attempt: job.attempts };
  // Between items too: one slow download must not let the lease lapse.
  const heartbeat = setInterval(
    () => void renewLease(ctx.db, lease).catch(() => undefined),
    Math.max(1, lease.leaseMs / 3),
  );
  heartbeat.unref();
  let source: ImportSource | undefined;
  let reads: ReturnType<typeof readAhead> | undefined;
  try {
    source = await open(job);
    const before = await summarize(ctx.db, jobId, 'queued');
    let done = before.total - before.pending;
    await renewLease(ctx.db, lease, done);
    await writeAudit(audit, 'import.started', counts(before));
    let after = '';
    for (;;) {
      const page = await pendingItems(ctx.db, jobId, after);
      reads = readAhead(source, page);
      for (const [index, key] of page.entries()) {
        if (options.signal?.aborted) return await interrupt(ctx.db, lease, audit, heartbeat);
        const outcome = await importItem(ctx, projectId, await reads.take(index));
        done += 1;
        await recordOutcome(ctx.db, lease, key, outcome, done);
        await options.onProgress?.({ jobId, done, total: before.total, file: key, outcome });
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!;
    }
    clearInterval(heartbeat);
    const summary = await summarize(ctx.db, jobId, 'done');
    await releaseJob(ctx.db, lease, { state: 'done', result: counts(summary) });
    await writeAudit(audit, 'import.finished', counts(summary));
    return summary;
  } catch (error) {
    clearInterval(heartbeat);
    // The job is another worker's now: leave its state and log to that worker.
    if (error instanceof ImportError && error.code === 'JOB_LEASE_LOST') throw error;
    const message = error instanceof Error ? error.message : String(error);
    // Best effort: if the database itself failed, the lease expires instead and another run resumes.
    await releaseJob(ctx.db, lease, { state: 'failed', error: message })
      .then(() => writeAudit(audit, 'import.failed', { error: message }))
      .catch(() => undefined);
    throw error;
  } finally {
    clearInterval(heartbeat);
    // Reads started ahead of an interruption finish before their source closes.
    await reads?.settle();
    await source?.close();
  }
}

/**
 * Reads a page's items in order, up to `source.readAhead` of them ahead of the one being imported.
 * Reads started but never taken (the run stopped) are awaited by `settle`, their errors ignored.
 */
function readAhead(source: ImportSource, keys: readonly string[]) {
  const started: (Promise<SourceItem> | undefined)[] = [];
  const ahead = Math.max(0, source.readAhead ?? 0);
  return {
    take(index: number): Promise<SourceItem> {
      for (let i = index; i <= Math.min(index + ahead, keys.length - 1); i++) {
        if (started[i] !== undefined || i < index) continue;
        const read = source.read(keys[i]!);
        read.catch(() => undefined);
        started[i] = read;
      }
      const read = started[index]!;
      started[index] = undefined;
      return read;
    },
    async settle(): Promise<void> {
      await Promise.allSettled(started.filter((read) => read !== undefined));
    },
  };
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

/** Files on this machine's disk, by path; a file that cannot be read is that file's failure. */
async function openLocalFiles(): Promise<ImportSource> {
  return {
    read: (path) => readWholeFile(path, path),
    close: async () => undefined,
  };
}

async function importItem(ctx: ImportContext, projectId: string, item: SourceItem): Promise<ItemOutcome> {
  switch (item.kind) {
    case 'duplicate':
      return { status: 'duplicate', imageId: item.imageId };
    case 'skipped':
      return { status: 'skipped', reason: item.note };
    case 'failed':
      return { status: 'failed', code: item.code as ImportOutcome['code'], reason: item.reason };
    case 'file': {
      const outcome = await importFile(ctx, projectId, item.file);
      if (item.skipNonImage && outcome.status === 'failed' && outcome.code === 'UNSUPPORTED_FORMAT')
        return { status: 'skipped', reason: outcome.reason ?? `${item.file.name}: not an image` };
      return outcome;
    }
  }
}

async function recordOutcome(
  db: Db,
  lease: JobLease,
  file: string,
  outcome: ItemOutcome,
  done: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('job_items')
      .set({
        state: ITEM_STATE[outcome.status],
        error: itemNote(outcome),
        updated_at: new Date().toISOString(),
      })
      .where('job_id', '=', lease.jobId)
      .where('item_key', '=', file)
      .execute();
    await renewLease(trx, lease, done);
  });
}

/** job_items.error: 'CODE: reason' for failures, the reason for skipped items, null otherwise. */
function itemNote(outcome: ItemOutcome): string | null {
  if (outcome.status === 'failed') return `${outcome.code ?? 'FAILED'}: ${outcome.reason}`;
  if (outcome.status === 'skipped') return outcome.reason;
  return null;
}

async function interrupt(
  db: Db,
  lease: JobLease,
  audit: AuditTarget,
  heartbeat: NodeJS.Timeout,
): Promise<ImportJobSummary> {
  clearInterval(heartbeat);
  await releaseJob(db, lease, { state: 'queued' });
  const summary = await summarize(db, lease.jobId, 'queued');
  await writeAudit(audit, 'import.interrupted', counts(summary));
  return summary;
}

/** The job's counts from its items; exported for the job routes. */
export async function summarize(db: Db, jobId: string, state: 'queued' | 'done'): Promise<ImportJobSummary> {
  const rows = await db
    .selectFrom('job_items')
    .select((eb) => [
      'state',
      eb.fn.countAll<string | number>().as('n'),
      // Skipped items with a note were not images; without one they were already imported.
      eb.fn.count<string | number>('error').as('noted'),
    ])
    .where('job_id', '=', jobId)
    .groupBy('state')
    .execute();
  const row = (s: JobItemState) => rows.find((r) => r.state === s);
  const of = (s: JobItemState) => Number(row(s)?.n ?? 0);
  const skipped = Number(row('skipped')?.noted ?? 0);
  const summary = {
    jobId,
    state,
    imported: of('done'),
    duplicates: of('skipped') - skipped,
    failed: of('failed'),
    skipped,
    pending: of('pending'),
  };
  const { imported, duplicates, failed, pending } = summary;
  return { ...summary, total: imported + duplicates + failed + skipped + pending };
}

function counts(summary: ImportJobSummary) {
  const { total, imported, duplicates, failed, skipped, pending } = summary;
  return { total, imported, duplicates, failed, skipped, pending };
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
