import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANATOMICAL_NII, CT_SERIES_DIR, CT_SMALL, MR_SMALL } from '../import/import-test-files.js';
import { adminToken, call, landmark, type ServerProcess, startServerProcess } from '../testing.js';

/**
 * The "done when", as a script would do it against `voxelhub serve`: with an API token, create a
 * project, import the shared test data through the upload API, list it over QIDO-RS, save annotations.
 */

const PASSWORD = 'walkthrough-admin-password';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function seriesFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('a script with an API token', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxelhub-walkthrough-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a project, imports the shared test data, lists it over QIDO-RS and saves annotations', async () => {
    server = await startServerProcess({ dataDir, adminPassword: PASSWORD });
    const { url } = server;
    const token = await adminToken(url, PASSWORD);

    const project = await call(url, token, 'POST', '/api/projects', {
      name: 'Walkthrough',
      labels: [{ name: 'Carina', type: 'point', colour: '#22aa88' }],
    });
    expect(project.status).toBe(201);
    const projectId: string = project.body.id;
    const labelId: string = project.body.labels[0].id;

    const files = [...seriesFiles(CT_SERIES_DIR), CT_SMALL, MR_SMALL, ANATOMICAL_NII];
    const form = new FormData();
    for (const file of files) form.append('files', new Blob([readFileSync(file)]), file.split('/').pop());
    const upload = await fetch(`${url}/api/projects/${projectId}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(upload.status).toBe(202);
    const { jobId } = (await upload.json()) as { jobId: string };
    let job = await call(url, token, 'GET', `/api/projects/${projectId}/jobs/${jobId}`);
    while (job.body.state === 'queued' || job.body.state === 'running') {
      await sleep(100);
      job = await call(url, token, 'GET', `/api/projects/${projectId}/jobs/${jobId}`);
    }
    expect(job.body.state).toBe('done');
    expect(job.body.counts.failed, JSON.stringify(job.body.failures)).toBe(0);
    expect(job.body.counts.imported).toBe(files.length);

    const qido = await fetch(`${url}/dicomweb/projects/${projectId}/studies?includefield=StudyDescription`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/dicom+json' },
    });
    expect(qido.status).toBe(200);
    const studies = (await qido.json()) as Record<string, { Value?: unknown[] }>[];
    // The Philips CT series and the two pydicom files: three studies (the NIfTI is not DICOM).
    const studyUids = studies.map((s) => s['0020000D']?.Value?.[0]);
    expect(new Set(studyUids).size).toBe(studies.length);
    expect(studies.length).toBe(3);
    const instances = studies.reduce((n, s) => n + Number(s['00201208']?.Value?.[0] ?? 0), 0);
    expect(instances).toBe(files.length - 1);

    const images = await call(url, token, 'GET', `/api/projects/${projectId}/images?format=nifti`);
    const imageId: string = images.body.images[0].id;
    const created = await call(url, token, 'POST', `/api/projects/${projectId}/annotations`, {
      labelId,
      imageId,
      payload: landmark(labelId, imageId, 40, 50),
    });
    expect(created.status).toBe(201);
    const saved = await call(
      url,
      token,
      'PUT',
      `/api/projects/${projectId}/annotations/${created.body.annotation.id}`,
      {
        baseRevision: 1,
        payload: landmark(labelId, imageId, 41, 50),
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.annotation.revision).toBe(2);
  }, 120_000);
});
