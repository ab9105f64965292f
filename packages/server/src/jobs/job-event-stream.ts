import { PassThrough, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DatabaseSchema, Job } from '../storage/schema.js';
import type { JobEvent, JobEvents } from './job-events.js';
import { findProjectJob, readJobView } from './job-view.js';

export interface JobEventStreamOptions {
  readonly db: Kysely<DatabaseSchema>;
  readonly events: JobEvents;
  readonly job: Job;
  /** How often the job row is read, for progress made by another process; default 1 s. */
  readonly pollMs?: number;
  /** How often a comment line keeps idle proxies from closing the stream; default 15 s. */
  readonly keepAliveMs?: number;
}

/**
 * A job's progress as Server-Sent Events: `progress` ({done, total, state, item?}) now and as items finish,
 * then `done` or `failed` with the job's final view, and the end of the stream. Items finished by this
 * process's worker are reported at once, with their name and outcome; progress made by another process is
 * seen by polling the job row. Destroying the stream (the client went away) stops both.
 */
export function jobEventStream(options: JobEventStreamOptions): Readable {
  const { db, job } = options;
  const stream = new PassThrough();
  let lastDone = -1;
  let ending = false;
  const send = (event: string, data: unknown) => {
    if (!stream.writableEnded && !stream.destroyed)
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const progress = (done: number, total: number | null, state: string, item?: unknown) => {
    if (done <= lastDone) return;
    lastDone = done;
    send('progress', { done, total, state, ...(item ? { item } : {}) });
  };
  const finish = async (finished: Job) => {
    if (ending) return;
    ending = true;
    stop();
    progress(finished.progress_done, finished.progress_total, finished.state);
    send(finished.state, await readJobView(db, finished));
    stream.end();
  };
  const check = async () => {
    const row = await findProjectJob(db, job.project_id ?? '', job.id);
    if (!row) {
      ending = true;
      stop();
      send('failed', { id: job.id, state: 'failed', error: 'the job was deleted' });
      stream.end();
    } else if (row.state === 'done' || row.state === 'failed') await finish(row);
    else progress(row.progress_done, row.progress_total, row.state);
  };
  const onError = (error: unknown) => stream.destroy(error as Error);
  const onEvent = (event: JobEvent) => {
    if (event.type === 'progress') progress(event.done, event.total, 'running', event.item);
    else check().catch(onError);
  };
  const unsubscribe = options.events.subscribe(job.id, onEvent);
  const poll = setInterval(() => check().catch(onError), options.pollMs ?? 1000);
  const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
  const stop = () => {
    unsubscribe();
    clearInterval(poll);
    clearInterval(keepAlive);
  };
  stream.once('close', stop);
  if (job.state === 'done' || job.state === 'failed') finish(job).catch(onError);
  else progress(job.progress_done, job.progress_total, job.state);
  return stream;
}
