import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { seedExportableVersion } from './export-test-project.js';

interface ExportEntry {
  id: string;
  state: string;
  format: string;
  versionName: string | null;
  progress: { done: number; total: number | null };
  error: string | null;
  result: { fileName: string; size: number; summary: { cases: number; files: number } } | null;
}

/** The names of a zip's entries, read with yauzl (as uploads read archives). */
function zipEntryNames(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

eachDialect('exports of dataset versions', (context) => {
  let f: ProjectFixture;
  let versionId: string;
  const url = (rest: string) => `/api/projects/${f.projectId}${rest}`;

  const startExport = (caller: 'reviewer' | 'annotator' | 'manager', format: string, id = versionId) =>
    f.as(caller, { method: 'POST', url: url(`/versions/${id}/exports`), payload: { format } });

  async function waitForExport(jobId: string): Promise<ExportEntry> {
    const deadline = Date.now() + 50_000;
    for (;;) {
      const list = await f.as('reviewer', { method: 'GET', url: url('/exports') });
      expect(list.statusCode, list.body).toBe(200);
      const entry = (list.json().exports as ExportEntry[]).find((e) => e.id === jobId);
      if (entry && (entry.state === 'done' || entry.state === 'failed')) return entry;
      if (Date.now() > deadline) throw new Error(`export ${jobId} still ${entry?.state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    f = await createProjectFixture(context.database, {
      imports: { worker: { pollMs: 50 }, eventPollMs: 50 },
    });
    ({ versionId } = await seedExportableVersion(f));
  });
  afterAll(() => f.close());

  it('exports a version to nnU-Net as a background job, then serves the zip', async () => {
    const started = await startExport('reviewer', 'nnunet');
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json().job as ExportEntry;
    expect(job).toMatchObject({ format: 'nnunet', versionName: 'v1', result: null });
    expect(['queued', 'running', 'done']).toContain(job.state);

    const finished = await waitForExport(job.id);
    expect(finished.error).toBeNull();
    expect(finished.state).toBe('done');
    expect(finished.progress.done).toBe(finished.progress.total);
    expect(finished.result?.fileName).toMatch(/^project-[0-9a-f]{8}-v1-nnunet\.zip$/);
    expect(finished.result?.summary.cases).toBe(1);

    const archive = await f.as('reviewer', { method: 'GET', url: url(`/exports/${job.id}/archive`) });
    expect(archive.statusCode).toBe(200);
    expect(archive.headers['content-type']).toBe('application/zip');
    expect(archive.headers['content-disposition']).toContain(`filename="${finished.result?.fileName}"`);
    expect(archive.rawPayload.length).toBe(finished.result?.size);
    const names = await zipEntryNames(archive.rawPayload);
    expect(names.some((name) => name.endsWith('dataset.json'))).toBe(true);
    expect(names.some((name) => /imagesTr\/.+_0000\.nii\.gz$/.test(name))).toBe(true);
    expect(names.length).toBe(finished.result?.summary.files);

    // The events of a finished export end at once with its final state.
    const events = await f.as('reviewer', { method: 'GET', url: url(`/exports/${job.id}/events`) });
    expect(events.statusCode).toBe(200);
    expect(events.body).toContain('event: done');

    const audit = await f.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('project_id', '=', f.projectId)
      .where('action', 'like', 'export.%')
      .where('target_id', '=', job.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['export.create', 'export.download']);
  });

  it('exports the tables format too, and lists every export newest first', async () => {
    const started = await startExport('manager', 'tables');
    expect(started.statusCode, started.body).toBe(202);
    const finished = await waitForExport(started.json().job.id);
    expect(finished.state, finished.error ?? '').toBe('done');
    const archive = await f.as('manager', {
      method: 'GET',
      url: url(`/exports/${finished.id}/archive`),
    });
    const names = await zipEntryNames(archive.rawPayload);
    expect(names.some((name) => name.endsWith('.csv'))).toBe(true);
    const list = (await f.as('owner', { method: 'GET', url: url('/exports') })).json()
      .exports as ExportEntry[];
    expect(list.map((e) => e.format).slice(0, 2)).toEqual(['tables', 'nnunet']);
  });

  it('names the formats with their titles', async () => {
    const res = await f.as('annotator', { method: 'GET', url: '/api/export-formats' });
    expect(res.statusCode).toBe(200);
    const formats = res.json().formats as { id: string; title: string }[];
    expect(formats.map((x) => x.id)).toContain('nnunet');
    expect(formats.find((x) => x.id === 'nnunet')?.title).toBe('nnU-Net v2 raw dataset');
  });

  it('lets only those who may read versions export (the zips hold the images)', async () => {
    for (const caller of ['annotator', 'outsider', 'anonymous'] as const) {
      const res = await f.as(caller, {
        method: 'POST',
        url: url(`/versions/${versionId}/exports`),
        payload: { format: 'coco' },
      });
      expect(res.statusCode, caller).toBe(caller === 'anonymous' ? 401 : caller === 'outsider' ? 404 : 403);
    }
    expect((await f.as('annotator', { method: 'GET', url: url('/exports') })).statusCode).toBe(403);
    const [one] = (await f.as('reviewer', { method: 'GET', url: url('/exports') })).json()
      .exports as ExportEntry[];
    const download = await f.as('annotator', { method: 'GET', url: url(`/exports/${one!.id}/archive`) });
    expect(download.statusCode).toBe(403);
  });

  it('refuses an unknown format, an unknown version, and another project’s export', async () => {
    const unknown = await startExport('reviewer', 'png-zip');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expect((await startExport('reviewer', 'coco', randomUUID())).statusCode).toBe(404);

    const otherProject = randomUUID();
    await f.database.db
      .insertInto('projects')
      .values({ id: otherProject, name: `other-${otherProject}` })
      .execute();
    const otherJob = randomUUID();
    await f.database.db
      .insertInto('jobs')
      .values({
        id: otherJob,
        kind: 'export',
        project_id: otherProject,
        state: 'failed',
        payload: JSON.stringify({ versionId: randomUUID(), format: 'coco' }),
        created_at: new Date().toISOString(),
      })
      .execute();
    const res = await f.as('reviewer', { method: 'GET', url: url(`/exports/${otherJob}/archive`) });
    expect(res.statusCode).toBe(404);
    // Nor is an import job an export.
    const importJob = randomUUID();
    await f.database.db
      .insertInto('jobs')
      .values({ id: importJob, kind: 'import', project_id: f.projectId, state: 'done', payload: '{}' })
      .execute();
    expect(
      (await f.as('reviewer', { method: 'GET', url: url(`/exports/${importJob}/archive`) })).statusCode,
    ).toBe(404);
  });

  it('takes a channel name for nnU-Net and the Decathlon only', async () => {
    const start = (format: string, channelName: string) =>
      f.as('reviewer', {
        method: 'POST',
        url: url(`/versions/${versionId}/exports`),
        payload: { format, channelName },
      });
    const coco = await start('coco', 'CT');
    expect(coco.statusCode).toBe(400);
    expect(coco.body).toContain('channelName applies to the nnunet and msd formats only');
    expect((await start('nnunet', '../CT')).statusCode).toBe(400);
    const ok = await start('nnunet', 'CT');
    expect(ok.statusCode, ok.body).toBe(202);
    const row = await f.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('id', '=', ok.json().job.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload)).toEqual({ versionId, format: 'nnunet', channelName: 'CT' });
    expect((await waitForExport(ok.json().job.id)).state).toBe('done');
  });

  it('answers 409 while the archive is not ready', async () => {
    const jobId = randomUUID();
    // Running under another worker's lease that has long to run: this app's worker leaves it alone.
    await f.database.db
      .insertInto('jobs')
      .values({
        id: jobId,
        kind: 'export',
        project_id: f.projectId,
        state: 'running',
        lease_owner: 'elsewhere:1:x',
        lease_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        payload: JSON.stringify({ versionId, format: 'msd' }),
        created_at: new Date().toISOString(),
      })
      .execute();
    const res = await f.as('reviewer', { method: 'GET', url: url(`/exports/${jobId}/archive`) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    // Nor can it be deleted while it runs.
    const del = await f.as('manager', { method: 'DELETE', url: url(`/exports/${jobId}`) });
    expect(del.statusCode).toBe(409);
    await f.database.db.deleteFrom('jobs').where('id', '=', jobId).execute();
  });

  it('deletes a finished export and its archive, for managers only, and audits it', async () => {
    const started = await startExport('manager', 'nifti');
    const finished = await waitForExport(started.json().job.id);
    expect(finished.state, finished.error ?? '').toBe('done');
    const archive = url(`/exports/${finished.id}/archive`);
    expect((await f.as('reviewer', { method: 'GET', url: archive })).statusCode).toBe(200);
    for (const caller of ['reviewer', 'annotator'] as const)
      expect((await f.as(caller, { method: 'DELETE', url: url(`/exports/${finished.id}`) })).statusCode).toBe(
        403,
      );
    const del = await f.as('manager', { method: 'DELETE', url: url(`/exports/${finished.id}`) });
    expect(del.statusCode, del.body).toBe(204);
    const list = (await f.as('reviewer', { method: 'GET', url: url('/exports') })).json()
      .exports as ExportEntry[];
    expect(list.some((e) => e.id === finished.id)).toBe(false);
    expect((await f.as('reviewer', { method: 'GET', url: archive })).statusCode).toBe(404);
    // The fixture's exports folder: beside its uploads staging folder (import-features.ts).
    const left = await readdir(join(dirname(f.stagingRoot), 'exports'));
    expect(left.filter((name) => name.startsWith(finished.id))).toEqual([]);
    const audit = await f.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', finished.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['export.create', 'export.download', 'export.delete']);
    expect(
      (await f.as('manager', { method: 'DELETE', url: url(`/exports/${finished.id}`) })).statusCode,
    ).toBe(404);
  });
});
