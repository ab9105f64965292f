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

/** What a WholeJobKind's run is given besides the job: the worker's stop signal and a progress reporter. */
export interface WholeJobTools {
  /** Aborted when the worker stops or loses the lease: the run should end soon, by throwing. */
  readonly signal: AbortSignal;
  /** The job's progress so far; recorded on the job row (throttled) and sent to its event streams. */
  progress(done: number, total: number): void;
}

/**
 * A kind of job that is one unit of work reporting its own progress (an export): `run` gets the claimed
 * job; what it returns becomes the job's result, and a throw fails the job. There are no job items to
 * resume from: an interrupted run (the signal, or a crash) starts again from scratch, so `run` must first
 * tidy what an earlier attempt left.
 */
export interface WholeJobKind {
  readonly kind: string;
  run(ctx: ImportContext, job: Job, tools: WholeJobTools): Promise<unknown>;
}

export type AnyJobKind = WorkerJobKind | ItemJobKind | WholeJobKind;

export function isItemJobKind(kind: AnyJobKind): kind is ItemJobKind {
  return 'processItem' in kind;
}

export function isWholeJobKind(kind: AnyJobKind): kind is WholeJobKind {
  return 'run' in kind;
}
