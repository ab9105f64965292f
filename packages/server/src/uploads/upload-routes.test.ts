import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CT_SMALL, MR_SMALL, pngBytes, RTPLAN_TRUNCATED } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import {
  CT2N_DIR,
  CT5N_DIR,
  filesIn,
  STANDARD_NII_GZ,
  stagedLeftAfterJobs,
  type UploadPart,
  upload,
  waitForJob,
  zipBytes,
} from './upload-test-support.js';

const MAX_UPLOAD = 4 * 1024 * 1024;

eachDialect('POST /api/projects/:projectId/imports', (context) => {
  let fixture: ProjectFixture;
  let batch: UploadPart[];
  beforeAll(async () => {
    fixture = await createProjectFixture(context.database, {
      maxUploadBytes: MAX_UPLOAD,
      imports: { worker: { pollMs: 50 } },
    });
    const part = async (path: string, name = basename(path)) => ({ name, bytes: await readFile(path) });
    const series = await Promise.all(
      (await filesIn(CT5N_DIR)).map(async (path) => ({
        path: `CT5N/${basename(path)}`,
        bytes: await readFile(path),
      })),
    );
    const archive = await zipBytes([
      { path: 'CT5N/' },
      ...series,
      { path: 'CT5N/readme.txt', bytes: Buffer.from('not an image\n') },
      { path: '__MACOSX/CT5N/._2062', bytes: Buffer.from('resource fork') },
    ]);
    batch = [
      await part(CT_SMALL),
      await part(MR_SMALL),
      ...(await Promise.all((await filesIn(CT2N_DIR)).map((path) => part(path)))),
      await part(STANDARD_NII_GZ),
      { name: 'slice.png', bytes: pngBytes(16, 8) },
      { name: 'series.zip', bytes: archive },
    ];
  });
  afterAll(() => fixture?.close());

  const images = async () =>
    (
      await context.database.db
        .selectFrom('images')
        .select('id')
        .where('project_id', '=', fixture.projectId)
        .execute()
    ).length;

  it('stages DICOM, NIfTI, PNG and a ZIP of a series, imports them in a job, and removes the staged files', async () => {
    const response = await upload(fixture, batch);
    expect(response.statusCode).toBe(202);
    const { jobId, statusUrl, eventsUrl } = response.json();
    expect(statusUrl).toBe(`/api/projects/${fixture.projectId}/jobs/${jobId}`);
    expect(eventsUrl).toBe(`${statusUrl}/events`);
    const job = await waitForJob(fixture, jobId);
    // 2 single DICOM + 2 of CT2N + NIfTI + PNG + 5 slices in the archive; its folder, text file and __MACOSX skipped.
    expect(job).toMatchObject({
      kind: 'import.upload',
      state: 'done',
      progress: { done: 14, total: 14 },
      counts: { imported: 11, duplicates: 0, failed: 0, skipped: 3, pending: 0 },
      failures: [],
    });
    expect(job.skippedItems.map((item: { name: string }) => item.name).sort()).toEqual([
      'series.zip#CT5N/',
      'series.zip#CT5N/readme.txt',
      'series.zip#__MACOSX/CT5N/._2062',
    ]);
    expect(await images()).toBe(11);
    const formats = await context.database.db
      .selectFrom('images')
      .select('format')
      .where('project_id', '=', fixture.projectId)
      .execute();
    expect(formats.map((row) => row.format).sort()).toEqual([...Array(9).fill('dicom'), 'nifti', 'png']);
    expect(await stagedLeftAfterJobs(fixture)).toEqual([]);
  });

  it('reports a re-upload as duplicates and adds no rows', async () => {
    const { jobId } = (await upload(fixture, batch)).json();
    const job = await waitForJob(fixture, jobId);
    expect(job.counts).toEqual({ imported: 0, duplicates: 11, failed: 0, skipped: 3, pending: 0 });
    expect(await images()).toBe(11);
  });

  it('names each bad file of a batch with its reason while the good ones import', async () => {
    const response = await upload(fixture, [
      { name: 'plan.dcm', bytes: await readFile(RTPLAN_TRUNCATED) },
      { name: 'notes.txt', bytes: Buffer.from('just text\n') },
      { name: 'other.png', bytes: pngBytes(4, 4, 7) },
      { name: 'broken.zip', bytes: Buffer.from('PK\u0003\u0004 and then nothing of a zip') },
    ]);
    const job = await waitForJob(fixture, response.json().jobId);
    expect(job.counts).toMatchObject({ imported: 1, failed: 3 });
    const failures = Object.fromEntries(
      job.failures.map((f: { name: string; code: string }) => [f.name, f.code]),
    );
    expect(failures).toEqual({
      'plan.dcm': 'TRUNCATED',
      'notes.txt': 'UNSUPPORTED_FORMAT',
      'broken.zip': 'ARCHIVE',
    });
    const plan = job.failures.find((f: { name: string }) => f.name === 'plan.dcm');
    expect(plan.reason).toMatch(/^plan\.dcm: /);
    expect(job.failures.find((f: { name: string }) => f.name === 'broken.zip').reason).toContain(
      'not a readable ZIP archive',
    );
  });

  it('refuses an upload over VOXELHUB_MAX_UPLOAD_MB with 413 and keeps none of it', async () => {
    const response = await upload(fixture, [
      { name: 'a.dcm', bytes: await readFile(CT_SMALL) },
      { name: 'big.bin', bytes: Buffer.alloc(MAX_UPLOAD, 1) },
    ]);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(response.json().error.message).toContain(`${MAX_UPLOAD} bytes`);
    expect(await stagedLeftAfterJobs(fixture)).toEqual([]);
  });

  it('refuses a ZIP that would inflate past the limits (a zip bomb) and names why', async () => {
    const bomb = await zipBytes([{ path: 'zeros.dcm', bytes: Buffer.alloc(MAX_UPLOAD + 1) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const response = await upload(fixture, [{ name: 'bomb.zip', bytes: bomb }]);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toBe(
      `bomb.zip: zeros.dcm would inflate to ${MAX_UPLOAD + 1} bytes, more than the ${MAX_UPLOAD} bytes allowed (a zip bomb?)`,
    );
    expect(await stagedLeftAfterJobs(fixture)).toEqual([]);
  });

  it('does not trust the sizes a ZIP declares: an entry inflating past its header fails', async () => {
    const honest = await zipBytes([{ path: 'zeros.dcm', bytes: Buffer.alloc(MAX_UPLOAD + 1) }]);
    const liar = declareSize(honest, 1000);
    const response = await upload(fixture, [{ name: 'liar.zip', bytes: liar }]);
    expect(response.statusCode).toBe(202);
    const job = await waitForJob(fixture, response.json().jobId);
    expect(job.failures).toEqual([
      { name: 'liar.zip#zeros.dcm', code: 'ARCHIVE', reason: expect.stringContaining('liar.zip: zeros.dcm') },
    ]);
    expect(await stagedLeftAfterJobs(fixture)).toEqual([]);
  });

  it('checks the permission before reading the upload', async () => {
    const files = [{ name: 'ct.dcm', bytes: await readFile(CT_SMALL) }];
    for (const role of ['annotator', 'reviewer', 'viewer'] as const)
      expect((await upload(fixture, files, role)).statusCode, role).toBe(403);
    expect((await upload(fixture, files, 'outsider')).statusCode).toBe(404);
    expect((await upload(fixture, files, 'anonymous')).statusCode).toBe(401);
    expect(await stagedLeftAfterJobs(fixture)).toEqual([]);
  });

  it('wants multipart/form-data with at least one file', async () => {
    const url = `/api/projects/${fixture.projectId}/imports`;
    const json = await fixture.as('manager', { method: 'POST', url, payload: { files: [] } });
    expect(json.statusCode).toBe(400);
    const empty = await fixture.as('manager', {
      method: 'POST',
      url,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('no files');
  });
});

/** The ZIP with its one entry's uncompressed size rewritten, in its local and central headers. */
function declareSize(zip: Buffer, size: number): Buffer {
  const copy = Buffer.from(zip);
  const local = copy.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  copy.writeUInt32LE(size, local + 22);
  const central = copy.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  copy.writeUInt32LE(size, central + 24);
  return copy;
}
