import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { ImportContext } from '../import/import-file.js';
import { tempDir } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertProject } from '../storage/test-rows.js';
import { type JobEvent, JobEvents } from './job-events.js';
import type { WholeJobKind } from './job-kind.js';
import { JobWorker } from './job-worker.js';
import { runWholeJob } from './run-whole-job.js';

eachDialect('jobs that are one unit of work', (context) => {
  let ctx: ImportContext;
  beforeAll(async () => {
    ctx = { db: context.database.db, blobs: await LocalBlobStore.open(tempDir()) };
  });

  async function queue(kind: string): Promise<string> {
    const id = randomUUID();
    await ctx.db
      .insertInto('jobs')
      .values({ id, kind, project_id: await insertProject(ctx.db), created_at: new Date().toISOString() })
      .execute();
    return id;
  }
  const row = (id: string) =>
    ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** Counts to `steps`, a tick apart, reporting each step; returns what it counted. */
  const counting = (steps: number): WholeJobKind => ({
    kind: 'counting',
    async run(_ctx, job, tools) {
      for (let i = 1; i <= steps; i++) {
        tools.signal.throwIfAborted();
        await new Promise((resolve) => setTimeout(resolve, 2));
        tools.progress(i, steps);
      }
      return { counted: steps, job: job.id };
    },
  });

  it('records the progress and the result, and ends done', async () => {
    const id = await queue('counting');
    const seen: number[] = [];
    const outcome = await runWholeJob(ctx, id, counting(20), {
      progressWriteMs: 5,
      onProgress: (done) => seen.push(done),
    });
    expect(outcome).toBe('done');
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const job = await row(id);
    expect(job).toMatchObject({ state: 'done', progress_done: 20, progress_total: 20, lease_owner: null });
    expect(JSON.parse(job.result ?? 'null')).toEqual({ counted: 20, job: id });
    // Done is done: running it again does nothing.
    expect(await runWholeJob(ctx, id, counting(20))).toBeUndefined();
  });

  it('fails the job with the error, and queues it again when stopped', async () => {
    const failing: WholeJobKind = {
      kind: 'failing',
      run: async () => {
        throw new Error('the disk is full');
      },
    };
    const failed = await queue('failing');
    await expect(runWholeJob(ctx, failed, failing)).rejects.toThrow('the disk is full');
    expect(await row(failed)).toMatchObject({ state: 'failed', error: 'the disk is full' });

    const stopped = await queue('counting');
    const stop = new AbortController();
    const outcome = await runWholeJob(ctx, stopped, counting(1000), {
      signal: stop.signal,
      onProgress: (done) => done === 3 && stop.abort(),
    });
    expect(outcome).toBe('interrupted');
    expect(await row(stopped)).toMatchObject({ state: 'queued', lease_owner: null, finished_at: null });
  });

  it('runs in the job worker, with progress events and a finished event', async () => {
    const events = new JobEvents();
    const worker = new JobWorker({ ctx, kinds: [counting(5)], events, pollMs: 20 });
    const id = await queue('counting');
    const seen: JobEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      events.subscribe(id, (event) => {
        seen.push(event);
        if (event.type === 'finished') resolve();
      }),
    );
    worker.start();
    await finished;
    await worker.close();
    expect(
      seen.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.done : 0)),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(seen.at(-1)).toEqual({ type: 'finished', jobId: id, state: 'done' });
    expect((await row(id)).state).toBe('done');
  });
});
