import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { ImportContext } from '../import/import-file.js';
import { runImportJob } from '../import/import-job.js';
import { tempDir } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertProject, insertUser } from '../storage/test-rows.js';
import { createUploadJob } from '../uploads/create-upload-job.js';
import { stagedFileName } from '../uploads/upload-items.js';
import { uploadJobKind } from '../uploads/upload-job-kind.js';
import { CT5N_DIR, filesIn } from '../uploads/upload-test-support.js';
import { zipLimits } from '../uploads/zip-archive.js';
import { type JobEvent, JobEvents } from './job-events.js';
import { JobWorker } from './job-worker.js';

eachDialect('job worker', (context) => {
  let ctx: ImportContext;
  let stagingRoot: string;
  let series: string[];
  const zip = zipLimits(1 << 26);
  beforeAll(async () => {
    ctx = { db: context.database.db, blobs: await LocalBlobStore.open(tempDir()) };
    stagingRoot = tempDir();
    series = await filesIn(CT5N_DIR);
  });

  /** An upload job of the CT5N series, staged as the upload route stages it. */
  async function stagedJob(): Promise<{ jobId: string; projectId: string }> {
    const projectId = await insertProject(ctx.db);
    const userId = await insertUser(ctx.db);
    const jobId = randomUUID();
    await mkdir(join(stagingRoot, jobId));
    const staged = await Promise.all(
      series.map(async (file, index) => {
        const path = join(stagingRoot, jobId, stagedFileName(index));
        await copyFile(file, path);
        return { index, name: basename(file), path, size: (await stat(path)).size };
      }),
    );
    await createUploadJob(ctx.db, { jobId, projectId, userId, staged, zip });
    return { jobId, projectId };
  }

  const worker = (events: JobEvents, options: { leaseMs?: number } = {}) =>
    new JobWorker({ ctx, kinds: [uploadJobKind({ stagingRoot, zip })], events, pollMs: 20, ...options });
  const finished = (events: JobEvents, jobId: string) =>
    new Promise<JobEvent[]>((resolve) => {
      const seen: JobEvent[] = [];
      events.subscribe(jobId, (event) => {
        seen.push(event);
        if (event.type === 'finished') resolve(seen);
      });
    });
  const job = (id: string) =>
    ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const images = async (projectId: string) =>
    (await ctx.db.selectFrom('images').select('id').where('project_id', '=', projectId).execute()).length;
  const staging = async (jobId: string) => (await readdir(stagingRoot)).includes(jobId);

  it('runs queued jobs, telling listeners of each item in-process, and removes the staged files', async () => {
    const { jobId, projectId } = await stagedJob();
    const events = new JobEvents();
    const seen = finished(events, jobId);
    const running = worker(events);
    running.start();
    const received = await seen;
    await running.close();
    expect(received.map((e) => (e.type === 'progress' ? e.done : e.state))).toEqual([1, 2, 3, 4, 5, 'done']);
    expect(received[0]).toMatchObject({
      type: 'progress',
      total: 5,
      item: { name: basename(series[0]!), status: 'imported' },
    });
    expect(await job(jobId)).toMatchObject({ state: 'done', progress_done: 5, lease_owner: null });
    expect(await images(projectId)).toBe(5);
    expect(await staging(jobId)).toBe(false);
  });

  it("resumes a crashed worker's job once its lease expired, without duplicates", async () => {
    const { jobId, projectId } = await stagedJob();
    const abort = new AbortController();
    const openSource = uploadJobKind({ stagingRoot, zip }).open;
    await runImportJob(ctx, jobId, {
      openSource,
      signal: abort.signal,
      onProgress: (p) => void (p.done === 2 && abort.abort()),
    });
    // What a worker that died mid-job leaves: running, under its lease, which then runs out.
    await ctx.db
      .updateTable('jobs')
      .set({
        state: 'running',
        lease_owner: 'crashed',
        lease_expires_at: new Date(Date.now() - 1).toISOString(),
      })
      .where('id', '=', jobId)
      .execute();

    const events = new JobEvents();
    const seen = finished(events, jobId);
    const next = worker(events);
    next.start();
    const received = await seen;
    await next.close();
    expect(received.map((e) => (e.type === 'progress' ? e.done : e.state))).toEqual([3, 4, 5, 'done']);
    expect(await job(jobId)).toMatchObject({ state: 'done', attempts: 2, progress_done: 5 });
    expect(JSON.parse((await job(jobId)).result!)).toMatchObject({ imported: 5, duplicates: 0, failed: 0 });
    expect(await images(projectId)).toBe(5);
    expect(await staging(jobId)).toBe(false);
  });

  it('hands its running job back to the queue on close, and the next worker finishes it', async () => {
    const { jobId, projectId } = await stagedJob();
    const events = new JobEvents();
    const first = worker(events);
    const closing = new Promise<void>((resolve) =>
      events.subscribe(jobId, (event) => {
        if (event.type === 'progress' && event.done === 1) resolve(first.close());
      }),
    );
    first.start();
    await closing;
    const handedBack = await job(jobId);
    expect(handedBack).toMatchObject({ state: 'queued', lease_owner: null });
    expect(handedBack.progress_done).toBeGreaterThanOrEqual(1);
    expect(handedBack.progress_done).toBeLessThan(5);
    expect(await staging(jobId)).toBe(true);

    const otherEvents = new JobEvents();
    const done = finished(otherEvents, jobId);
    const second = worker(otherEvents);
    second.start();
    await done;
    await second.close();
    expect(await job(jobId)).toMatchObject({ state: 'done', progress_done: 5 });
    expect(await images(projectId)).toBe(5);
  });
});
