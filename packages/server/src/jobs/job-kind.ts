import type { ImportContext } from '../import/import-file.js';
import type { OpenImportSource } from '../import/import-job.js';
import type { Job } from '../storage/schema.js';

/** A kind of import job the worker runs: where its items come from, and what to tidy when it ends. */
export interface WorkerJobKind {
  readonly kind: string;
  readonly open: OpenImportSource;
  /** After the job ended done or failed (not when interrupted): removes what it staged. */
  finished?(jobId: string): Promise<void>;
}

/**
 * A kind of job whose items are units of work other than files (an item's agreement, say): each
 * pending job item is handed to `processItem` in key order. A throw fails that item, not the job.
 */
export interface ItemJobKind {
  readonly kind: string;
  processItem(ctx: ImportContext, job: Job, itemKey: string): Promise<void>;
}

export type AnyJobKind = WorkerJobKind | ItemJobKind;

export function isItemJobKind(kind: AnyJobKind): kind is ItemJobKind {
  return 'processItem' in kind;
}
