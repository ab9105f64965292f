import type { OpenImportSource } from '../import/import-job.js';

/** A kind of import job the worker runs: where its items come from, and what to tidy when it ends. */
export interface WorkerJobKind {
  readonly kind: string;
  readonly open: OpenImportSource;
  /** After the job ended done or failed (not when interrupted): removes what it staged. */
  finished?(jobId: string): Promise<void>;
}
