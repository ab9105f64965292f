import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { ZipFile } from 'yazl';
import { TESTDATA } from '../import/import-test-files.js';
import type { Caller, ProjectFixture } from '../test-support/project-fixture.js';

/** Test support for uploads: multipart bodies, ZIP archives built in memory, and waiting for a job. */

export const CT5N_DIR = join(TESTDATA, 'pydicom/dicomdirtests/98892001/CT5N');
export const CT2N_DIR = join(TESTDATA, 'pydicom/dicomdirtests/98892001/CT2N');
export const STANDARD_NII_GZ = join(TESTDATA, 'nibabel/standard.nii.gz');

export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort().map((name) => join(dir, name));
}

export interface UploadPart {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A multipart/form-data body with one file part per file, as a browser's FormData sends it. */
export function multipartBody(files: readonly UploadPart[]): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----voxelhub${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface ZipPart {
  readonly path: string;
  /** Absent: a folder entry. */
  readonly bytes?: Uint8Array;
}

/** A ZIP archive (deflated) of the entries, built with yazl. */
export async function zipBytes(entries: readonly ZipPart[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.bytes) zip.addBuffer(Buffer.from(entry.bytes), entry.path);
    else zip.addEmptyDirectory(entry.path);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function upload(
  fixture: ProjectFixture,
  files: readonly UploadPart[],
  caller: Caller = 'manager',
): Promise<LightMyRequestResponse> {
  return fixture.as(caller, {
    method: 'POST',
    url: `/api/projects/${fixture.projectId}/imports`,
    ...multipartBody(files),
  });
}

/** Polls the job until it is done or failed (the worker runs it in the background). */
export async function waitForJob(fixture: ProjectFixture, jobId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fixture.as('manager', {
      method: 'GET',
      url: `/api/projects/${fixture.projectId}/jobs/${jobId}`,
    });
    const job = response.json();
    if (job.state === 'done' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What is left in the staging folder (nothing once every job ended). */
export async function stagedLeft(fixture: ProjectFixture): Promise<string[]> {
  return readdir(fixture.stagingRoot).catch(() => []);
}

/**
 * What is left in the staging folder once the worker has tidied up: it removes a job's files just after
 * marking the job done, so a test that saw 'done' may look a moment too early.
 */
export async function stagedLeftAfterJobs(fixture: ProjectFixture, timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await stagedLeft(fixture);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
