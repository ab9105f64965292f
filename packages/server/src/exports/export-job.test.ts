import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runWholeJob } from '../jobs/run-whole-job.js';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import {
  EXPORT_JOB_KIND,
  type ExportJobResult,
  exportFileName,
  exportJobKind,
  exportPaths,
} from './export-job.js';
import { seedExportableVersion } from './export-test-project.js';

eachDialect('the export job', (context) => {
  let f: ProjectFixture;
  let versionId: string;
  let exportsRoot: string;

  beforeAll(async () => {
    // No worker: the test runs the job itself, and interrupts it.
    f = await createProjectFixture(context.database, { imports: { worker: false } });
    ({ versionId } = await seedExportableVersion(f));
    exportsRoot = await mkdtemp(join(tmpdir(), 'voxelhub-exports-'));
  });
  afterAll(async () => {
    await f.close();
    await rm(exportsRoot, { recursive: true, force: true });
  });

  const ctx = () => ({ db: f.database.db, blobs: f.blobs });
  const queue = async (format: string) => {
    const id = randomUUID();
    await f.database.db
      .insertInto('jobs')
      .values({
        id,
        kind: EXPORT_JOB_KIND,
        project_id: f.projectId,
        payload: JSON.stringify({ versionId, format }),
        created_at: new Date().toISOString(),
      })
      .execute();
    return id;
  };
  const jobRow = (id: string) =>
    f.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('stops when interrupted, queued again, and re-runs cleanly over what a crash left', async () => {
    const kind = exportJobKind({ exportsRoot });
    const jobId = await queue('nifti');
    const paths = exportPaths(exportsRoot, jobId);
    const stop = new AbortController();
    const seen: [number, number][] = [];
    const first = await runWholeJob(ctx(), jobId, kind, {
      signal: stop.signal,
      onProgress: (done, total) => {
        seen.push([done, total]);
        stop.abort();
      },
    });
    expect(first).toBe('interrupted');
    expect(seen.length).toBeGreaterThan(0);
    expect((await jobRow(jobId)).state).toBe('queued');
    await expect(stat(paths.staging)).rejects.toThrow();
    await expect(stat(paths.archive)).rejects.toThrow();

    // A crash in the middle leaves a half-written staging folder and archive behind.
    await mkdir(join(paths.staging, '7', 'half'), { recursive: true });
    await writeFile(join(paths.staging, '7', 'half', 'stale.txt'), 'from the attempt that died');
    await writeFile(exportPaths(exportsRoot, jobId, 7).partial, 'not a zip');
    await writeFile(paths.archive, 'not a zip either');

    const progress: [number, number][] = [];
    expect(
      await runWholeJob(ctx(), jobId, kind, { onProgress: (done, total) => progress.push([done, total]) }),
    ).toBe('done');
    const row = await jobRow(jobId);
    expect(row.state).toBe('done');
    expect(row.attempts).toBe(2);
    expect(row.progress_done).toBe(row.progress_total);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    const result = JSON.parse(row.result ?? '{}') as ExportJobResult;
    expect(result.archiveKey).toBe(`${jobId}.zip`);
    expect(result.summary.format).toBe('nifti');
    expect((await stat(paths.archive)).size).toBe(result.size);
    // Nothing of either attempt is left but the archive.
    await expect(stat(paths.staging)).rejects.toThrow();
    expect((await readdir(exportsRoot)).filter((n) => n.startsWith(jobId))).toEqual([`${jobId}.zip`]);
  });

  it('fails the job, with the reason, when the version is gone', async () => {
    const id = randomUUID();
    await f.database.db
      .insertInto('jobs')
      .values({
        id,
        kind: EXPORT_JOB_KIND,
        project_id: f.projectId,
        payload: JSON.stringify({ versionId: randomUUID(), format: 'coco' }),
        created_at: new Date().toISOString(),
      })
      .execute();
    await expect(runWholeJob(ctx(), id, exportJobKind({ exportsRoot }))).rejects.toThrow(
      /not in this project/,
    );
    const row = await jobRow(id);
    expect(row.state).toBe('failed');
    expect(row.error).toMatch(/not in this project/);
  });

  it('names archives <project>-<version>-<format>.zip, with nothing unsafe in them', () => {
    expect(exportFileName('Chest CT', 'v1.2', 'nnunet')).toBe('Chest_CT-v1.2-nnunet.zip');
    expect(exportFileName('../../etc', 'a/b', 'coco')).toBe('_.._etc-a_b-coco.zip');
    expect(exportFileName('Ärzte', ' ', 'tables')).toBe('_rzte-unnamed-tables.zip');
  });
});
