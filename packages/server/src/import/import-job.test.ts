import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { LocalBlobStore } from '../blobs/index.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertProject, insertUser } from '../storage/test-rows.js';
import { ImportError } from './import-error.js';
import type { ImportContext } from './import-file.js';
import { importFile } from './import-file.js';
import { createImportJob, type ImportProgress, runImportJob } from './import-job.js';
import {
  ANATOMICAL_NII,
  CT_SMALL,
  ctSeriesFiles,
  pngBytes,
  RTPLAN_TRUNCATED,
  tempDir,
  writeFile,
} from './import-test-files.js';

eachDialect('import jobs', (context) => {
  let ctx: ImportContext;
  let dir: string;
  let ct: string[];
  beforeAll(async () => {
    ctx = { db: context.database.db, blobs: await LocalBlobStore.open(tempDir()) };
    dir = tempDir();
    ct = (await ctSeriesFiles()).slice(0, 6);
  });

  const job = (id: string) =>
    ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const items = (id: string) =>
    ctx.db.selectFrom('job_items').selectAll().where('job_id', '=', id).orderBy('item_key').execute();
  const images = async (projectId: string) =>
    (await ctx.db.selectFrom('images').select('id').where('project_id', '=', projectId).execute()).length;

  it('imports every file, records each outcome and the progress, and audits start and finish', async () => {
    const projectId = await insertProject(ctx.db);
    const userId = await insertUser(ctx.db);
    const png = writeFile(dir, 'slice.png', pngBytes(7, 2));
    const text = writeFile(dir, 'readme.txt', 'just text\n');
    const missing = join(dir, 'missing.dcm');
    const files = [...ct, CT_SMALL, ANATOMICAL_NII, png, RTPLAN_TRUNCATED, text, missing, CT_SMALL];
    const jobId = await createImportJob(ctx.db, projectId, files, userId);
    const queued = await job(jobId);
    expect(queued).toMatchObject({ kind: 'import', state: 'queued', progress_done: 0, progress_total: 12 });

    const progress: ImportProgress[] = [];
    const summary = await runImportJob(ctx, jobId, { onProgress: (p) => void progress.push(p) });

    expect(summary).toMatchObject({
      state: 'done',
      total: 12,
      imported: 9,
      duplicates: 0,
      failed: 3,
      skipped: 0,
      pending: 0,
    });
    expect(progress.map((p) => [p.done, p.total])).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, 12]));
    expect(progress.map((p) => p.file)).toEqual([...new Set(files)].sort());
    const finished = await job(jobId);
    expect(finished).toMatchObject({ state: 'done', progress_done: 12, attempts: 1, lease_owner: null });
    expect(finished.finished_at).not.toBeNull();
    expect(JSON.parse(finished.result!)).toEqual({
      total: 12,
      imported: 9,
      duplicates: 0,
      failed: 3,
      skipped: 0,
      pending: 0,
    });
    expect(await images(projectId)).toBe(9);

    const failed = (await items(jobId)).filter((item) => item.state === 'failed');
    const expectedFailures = [
      [RTPLAN_TRUNCATED, 'TRUNCATED'],
      [missing, 'IO'],
      [text, 'UNSUPPORTED_FORMAT'],
    ].sort(([a], [b]) => (a! < b! ? -1 : 1));
    expect(failed.map((item) => [item.item_key, item.error?.split(':')[0]])).toEqual(expectedFailures);
    expect(failed.find((item) => item.item_key === missing)?.error).toContain('ENOENT');

    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', jobId)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => [a.action, a.user_id, a.project_id])).toEqual([
      ['import.started', userId, projectId],
      ['import.finished', userId, projectId],
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ imported: 9, failed: 3 });

    // A job already done is not run again.
    expect(await runImportJob(ctx, jobId)).toMatchObject({ state: 'done', imported: 9 });
    expect((await job(jobId)).attempts).toBe(1);
  });

  it('marks files already in the project as duplicates (skipped)', async () => {
    const projectId = await insertProject(ctx.db);
    await importFile(ctx, projectId, { name: 'earlier.png', bytes: pngBytes(3, 3, 9) });
    const copy = writeFile(dir, 'copy.png', pngBytes(3, 3, 9));
    const jobId = await createImportJob(ctx.db, projectId, [copy, CT_SMALL]);
    expect(await runImportJob(ctx, jobId)).toMatchObject({ imported: 1, duplicates: 1, failed: 0 });
    expect((await items(jobId)).map((item) => item.state)).toEqual(['skipped', 'done']);
  });

  it('resumes after an abort between files, skipping those already done', async () => {
    const projectId = await insertProject(ctx.db);
    const jobId = await createImportJob(ctx.db, projectId, ct);
    const abort = new AbortController();
    const first: number[] = [];
    const interrupted = await runImportJob(ctx, jobId, {
      signal: abort.signal,
      onProgress: (p) => {
        first.push(p.done);
        if (p.done === 2) abort.abort();
      },
    });
    expect(first).toEqual([1, 2]);
    expect(interrupted).toMatchObject({ state: 'queued', imported: 2, pending: 4 });
    expect(await job(jobId)).toMatchObject({ state: 'queued', progress_done: 2, lease_owner: null });

    const second: number[] = [];
    const resumed = await runImportJob(ctx, jobId, { onProgress: (p) => void second.push(p.done) });
    expect(second).toEqual([3, 4, 5, 6]);
    expect(resumed).toMatchObject({ state: 'done', imported: 6, duplicates: 0, pending: 0 });
    expect(await job(jobId)).toMatchObject({ state: 'done', progress_done: 6, attempts: 2 });
    expect(await images(projectId)).toBe(6);
  });

  it('marks the job failed when a run throws, and resumes it when run again', async () => {
    const projectId = await insertProject(ctx.db);
    const jobId = await createImportJob(ctx.db, projectId, ct);
    const crash = runImportJob(ctx, jobId, {
      onProgress: (p) => {
        if (p.done === 3) throw new Error('worker killed');
      },
    });
    await expect(crash).rejects.toThrow('worker killed');
    expect(await job(jobId)).toMatchObject({ state: 'failed', error: 'worker killed', progress_done: 3 });

    const done: number[] = [];
    await runImportJob(ctx, jobId, { onProgress: (p) => void done.push(p.done) });
    expect(done).toEqual([4, 5, 6]);
    expect(await job(jobId)).toMatchObject({ state: 'done', error: null, progress_done: 6 });
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', jobId)
      .execute();
    // By run rather than by time: two entries may share a millisecond.
    expect(entries.map((e) => `${JSON.parse(e.details).attempt} ${e.action}`).sort()).toEqual([
      '1 import.failed',
      '1 import.started',
      '2 import.finished',
      '2 import.started',
    ]);
  });

  it("leaves a job alone while another worker's lease runs, and takes it over once the lease expires", async () => {
    const projectId = await insertProject(ctx.db);
    const jobId = await createImportJob(ctx.db, projectId, ct.slice(0, 3));
    // A worker that committed the first file's image, then died before recording its item.
    await importFile(ctx, projectId, { name: ct[0]!, bytes: new Uint8Array(readFileSync(ct[0]!)) });
    await ctx.db
      .updateTable('jobs')
      .set({
        state: 'running',
        lease_owner: 'dead',
        lease_expires_at: new Date(Date.now() + 60_000).toISOString(),
      })
      .where('id', '=', jobId)
      .execute();

    const busy = await runImportJob(ctx, jobId).catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(ImportError);
    expect((busy as ImportError).code).toBe('JOB_BUSY');

    await ctx.db
      .updateTable('jobs')
      .set({ lease_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', jobId)
      .execute();
    const summary = await runImportJob(ctx, jobId, { workerId: 'alive' });
    // The file the dead worker committed is found again: a duplicate of its own image, not a second one.
    expect(summary).toMatchObject({ state: 'done', imported: 2, duplicates: 1, pending: 0 });
    expect(await images(projectId)).toBe(3);
  });

  it('stops with JOB_LEASE_LOST when another worker takes the job mid-run, leaving it to that worker', async () => {
    const projectId = await insertProject(ctx.db);
    const jobId = await createImportJob(ctx.db, projectId, ct.slice(0, 3));
    const steal = () =>
      ctx.db.updateTable('jobs').set({ lease_owner: 'thief' }).where('id', '=', jobId).execute();
    const run = runImportJob(ctx, jobId, { onProgress: async (p) => void (p.done === 1 && (await steal())) });
    await expect(run).rejects.toMatchObject({ code: 'JOB_LEASE_LOST' });
    expect(await job(jobId)).toMatchObject({ state: 'running', lease_owner: 'thief', progress_done: 1 });
  });

  it('refuses invalid input and unknown jobs with typed errors', async () => {
    const projectId = await insertProject(ctx.db);
    await expect(createImportJob(ctx.db, projectId, [])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(runImportJob(ctx, crypto.randomUUID())).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    await expect(createImportJob(ctx.db, crypto.randomUUID(), [CT_SMALL])).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
    const jobId = await createImportJob(ctx.db, projectId, [CT_SMALL, CT_SMALL]);
    expect((await job(jobId)).progress_total).toBe(1);
  });
});
