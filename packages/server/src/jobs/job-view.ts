import type { Kysely } from 'kysely';
import { summarize } from '../import/import-job.js';
import type { DatabaseSchema, Job, JobState } from '../storage/schema.js';
import { jobItemName } from './job-item-name.js';

/** Failed and skipped items listed per job; the counts cover all of them. */
export const MAX_LISTED_ITEMS = 1000;

export interface JobListEntry {
  readonly id: string;
  readonly kind: string;
  readonly state: JobState;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly progress: { readonly done: number; readonly total: number | null };
}

export interface JobView extends JobListEntry {
  readonly counts: {
    readonly imported: number;
    readonly duplicates: number;
    readonly failed: number;
    readonly skipped: number;
    readonly pending: number;
  };
  /** Each failed item's name, the reason's code and the reason (at most MAX_LISTED_ITEMS). */
  readonly failures: { name: string; code: string; reason: string }[];
  /** Items that needed no import, with why (at most MAX_LISTED_ITEMS). */
  readonly skippedItems: { name: string; reason: string }[];
}

export function toListEntry(job: Job): JobListEntry {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    createdBy: job.created_by,
    createdAt: job.created_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
    error: job.error,
    progress: { done: job.progress_done, total: job.progress_total },
  };
}

export async function findProjectJob(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  jobId: string,
): Promise<Job | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', jobId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

/** A job with its item counts and its failed and skipped items named. */
export async function readJobView(db: Kysely<DatabaseSchema>, job: Job): Promise<JobView> {
  const { imported, duplicates, failed, skipped, pending } = await summarize(db, job.id, 'done');
  const noted = (state: 'failed' | 'skipped') =>
    db
      .selectFrom('job_items')
      .select(['item_key', 'error'])
      .where('job_id', '=', job.id)
      .where('state', '=', state)
      .where('error', 'is not', null)
      .orderBy('item_key')
      .limit(MAX_LISTED_ITEMS)
      .execute();
  const failures = (await noted('failed')).map((item) => {
    const [, code = 'FAILED', reason = item.error ?? ''] = /^([A-Z_]+): (.*)$/s.exec(item.error ?? '') ?? [];
    return { name: jobItemName(job.kind, item.item_key), code, reason };
  });
  const skippedItems = (await noted('skipped')).map((item) => ({
    name: jobItemName(job.kind, item.item_key),
    reason: item.error ?? '',
  }));
  return {
    ...toListEntry(job),
    counts: { imported, duplicates, failed, skipped, pending },
    failures,
    skippedItems,
  };
}

/** A project's jobs, newest first; only `createdBy`'s when given. */
export async function listProjectJobs(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  page: { limit: number; offset: number; createdBy?: string },
): Promise<JobListEntry[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('project_id', '=', projectId)
    .$if(page.createdBy !== undefined, (qb) => qb.where('created_by', '=', page.createdBy!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toListEntry);
}
