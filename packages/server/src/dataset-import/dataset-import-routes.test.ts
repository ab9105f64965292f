import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { type Caller, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { stagedLeftAfterJobs, waitForJob } from '../uploads/upload-test-support.js';
import { annotationsOf, removeTempFolders, storedVoxels, tempFolder } from './dataset-import-test-project.js';
import { testLabelMap, writeMsdFolder } from './dataset-test-folders.js';
import { relativeUploadPath } from './relative-upload-path.js';
import { openDatasetFolder } from './staged-folder.js';

/** A multipart body as a browser sends a chosen folder: fields first, then each file named by its path. */
function folderBody(
  files: readonly { path: string; bytes: Uint8Array }[],
  fields: Record<string, string> = {},
) {
  const boundary = `----voxelhub${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of files)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.path}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function folderFiles(root: string) {
  const folder = await openDatasetFolder(root);
  return folder.paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(join(root, path))) }));
}

eachDialect('dataset import routes', (context) => {
  let f: ProjectFixture;
  const send = (
    files: readonly { path: string; bytes: Uint8Array }[],
    fields?: Record<string, string>,
    caller: Caller = 'manager',
  ) =>
    f.as(caller, {
      method: 'POST',
      url: `/api/projects/${f.projectId}/dataset-imports`,
      ...folderBody(files, fields),
    });

  beforeAll(async () => {
    f = await createProjectFixture(context.database, { imports: { worker: { pollMs: 50 } } });
  });
  afterAll(async () => {
    await f.close();
    removeTempFolders();
  });

  it('imports a Decathlon folder sent as files with relative paths, as a job with progress and a report', async () => {
    const root = tempFolder();
    writeMsdFolder(root);
    const res = await send(await folderFiles(root), { layout: 'auto' });
    expect(res.statusCode, res.body).toBe(202);
    const accepted = res.json();
    expect(accepted.layout).toEqual({
      kind: 'msd',
      summary: expect.stringContaining('2 training cases, 1 test'),
    });
    expect(accepted.statusUrl).toBe(`/api/projects/${f.projectId}/jobs/${accepted.jobId}`);
    const job = await waitForJob(f, accepted.jobId);
    expect(job).toMatchObject({ kind: 'dataset-import', state: 'done', progress: { done: 5, total: 5 } });

    const view = await f.as('manager', { method: 'GET', url: accepted.reportUrl });
    expect(view.statusCode, view.body).toBe(200);
    const { report } = view.json();
    expect(report.images).toMatchObject({ imported: 3, duplicates: 0, failed: [] });
    expect(report.annotations).toMatchObject({ total: 2, skipped: [] });
    const stored = await annotationsOf(f, f.projectId);
    const maps = await Promise.all(stored.map(async (a) => Array.from(await storedVoxels(f, a.payload))));
    expect(maps).toEqual(expect.arrayContaining([Array.from(testLabelMap(0)), Array.from(testLabelMap(1))]));
    expect(await stagedLeftAfterJobs(f)).toEqual([]);
  });

  it.each([
    ['../escape.png', "'..'"],
    ['/etc/passwd', 'absolute'],
    ['folder\\\\image.png', 'backslash'],
    ['a/./b.png', "'.'"],
    ['a//b.png', 'empty'],
    ['C:/data/a.png', 'absolute'],
  ])('refuses the path %s, naming it, and keeps nothing', async (path, why) => {
    const res = await send([
      { path: 'ok/a.png', bytes: new Uint8Array([1]) },
      { path, bytes: new Uint8Array([2]) },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain(why);
    expect(res.json().error.message).toContain('file path');
    expect(await stagedLeftAfterJobs(f)).toEqual([]);
  });

  it('refuses a broken layout before importing anything, naming the file', async () => {
    const root = tempFolder();
    writeMsdFolder(root, { dropLabel: true });
    const before = await f.database.db
      .selectFrom('images')
      .select('id')
      .where('project_id', '=', f.projectId)
      .execute();
    const res = await send(await folderFiles(root));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain('Task09_Test/labelsTr/case_1.nii.gz');
    const after = await f.database.db
      .selectFrom('images')
      .select('id')
      .where('project_id', '=', f.projectId)
      .execute();
    expect(after).toHaveLength(before.length);
    expect(await stagedLeftAfterJobs(f)).toEqual([]);
  });

  it('refuses a layout that is not the folder’s, and an unknown one', async () => {
    const root = tempFolder();
    writeMsdFolder(root);
    const files = await folderFiles(root);
    const coco = await send(files, { layout: 'coco' });
    expect(coco.statusCode).toBe(400);
    expect(coco.json().error.message).toContain("layout 'coco' was asked for");
    const unknown = await send(files, { layout: 'pascal-voc' });
    expect(unknown.statusCode).toBe(400);
    expect(await stagedLeftAfterJobs(f)).toEqual([]);
  });

  it('is for those who may import images', async () => {
    const res = await send([{ path: 'a.png', bytes: new Uint8Array([1]) }], {}, 'annotator');
    expect(res.statusCode).toBe(403);
  });
});

describe('relativeUploadPath', () => {
  it('keeps a relative path and refuses NUL and control characters', () => {
    expect(relativeUploadPath('Task03_Liver/imagesTr/liver_0.nii.gz')).toBe(
      'Task03_Liver/imagesTr/liver_0.nii.gz',
    );
    expect(() => relativeUploadPath('a\u0000.png')).toThrow(/NUL/);
    expect(() => relativeUploadPath('')).toThrow(/empty/);
  });
});
