import { EventEmitter } from 'node:events';

/** What happened to one item, as event streams report it. */
export interface JobItemEvent {
  readonly name: string;
  readonly status: 'imported' | 'duplicate' | 'skipped' | 'failed';
  readonly reason?: string;
}

export type JobEvent =
  | {
      readonly type: 'progress';
      readonly jobId: string;
      readonly done: number;
      readonly total: number;
      readonly item?: JobItemEvent;
    }
  | { readonly type: 'finished'; readonly jobId: string; readonly state: 'done' | 'failed' };

/**
 * In-process notifications of job progress, from the worker to the event streams of the same process:
 * no polling delay for jobs this process runs. Streams also poll the job row, for jobs run elsewhere.
 */
export class JobEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open event stream; there is no leak to warn about.
    this.emitter.setMaxListeners(0);
  }

  emit(event: JobEvent): void {
    this.emitter.emit(event.jobId, event);
  }

  /** Calls `listener` with each event of the job until the returned function is called. */
  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
    this.emitter.on(jobId, listener);
    return () => this.emitter.off(jobId, listener);
  }
}
