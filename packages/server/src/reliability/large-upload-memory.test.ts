import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { generateDemoDataset } from '@voxelhub/core/demo';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { adminToken, call, type ServerProcess, startServerProcess } from '../test-support/server-process.js';

/**
 * A 2 GiB upload (a zip of CT slices, as a study is usually sent) streams through the server: its peak
 * resident memory while receiving, staging and importing it stays far below the upload's size.
 */

const PASSWORD = 'memory-test-admin-password';
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
/** Distinct 724 × 724 slices (1 MiB of pixels each), repeated under new names until 2 GiB. */
const DISTINCT = 16;
/** Peak memory may grow by this much over the idle server's: one entry in flight, buffers, caches. */
const ALLOWED_GROWTH = 300 * MIB;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process's peak resident set (VmHWM), in bytes. */
function peakRss(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kb) * 1024;
}

describe('a 2 GiB upload', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxelhub-big-upload-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.kill9();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the server’s memory flat', async () => {
    const options = { dataDir, adminPassword: PASSWORD, env: { VOXELHUB_MAX_UPLOAD_MB: '3072' } };
    // The first start generates the demo project, which takes memory of its own: measure a second start.
    server = await startServerProcess(options);
    await server.stop();
    server = await startServerProcess(options);
    const pid = server.child.pid ?? 0;
    const token = await adminToken(server.url, PASSWORD);
    const project = await call(server.url, token, 'POST', '/api/projects', { name: 'Big upload' });
    const idlePeak = peakRss(pid);

    const slices = generateDemoDataset({ seed: 11, ctSize: { columns: 724, rows: 724, slices: DISTINCT } })
      .files.filter((f) => f.name.startsWith('ct/'))
      .map((f) => Buffer.from(f.bytes));
    const entries = Math.ceil((2 * GIB) / (slices[0]?.length ?? 1));
    const zip = new yazl.ZipFile();
    for (let i = 0; i < entries; i++)
      zip.addBuffer(slices[i % DISTINCT] as Buffer, `study/IM${String(i).padStart(5, '0')}.dcm`, {
        compress: false,
      });
    zip.end();
    const boundary = `voxelhub-${randomUUID()}`;
    async function* multipart() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="study.zip"\r\nContent-Type: application/zip\r\n\r\n`,
      );
      let sent = 0;
      for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) {
        sent += chunk.length;
        yield chunk;
      }
      expect(sent).toBeGreaterThan(2 * GIB);
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const upload = await fetch(`${server.url}/api/projects/${project.body.id}/imports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: Readable.toWeb(Readable.from(multipart())) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(upload.status, await upload.clone().text()).toBe(202);
    const { jobId } = (await upload.json()) as { jobId: string };

    let job = await call(server.url, token, 'GET', `/api/projects/${project.body.id}/jobs/${jobId}`);
    while (job.body.state === 'queued' || job.body.state === 'running') {
      await sleep(250);
      job = await call(server.url, token, 'GET', `/api/projects/${project.body.id}/jobs/${jobId}`);
    }
    expect(job.body.state).toBe('done');
    expect(job.body.counts).toMatchObject({ imported: DISTINCT, duplicates: entries - DISTINCT, failed: 0 });

    const growth = peakRss(pid) - idlePeak;
    console.info(`note: a 2 GiB upload raised the server's peak RSS by ${(growth / MIB).toFixed(0)} MiB`);
    expect(growth, `peak RSS grew by ${(growth / MIB).toFixed(0)} MiB for a 2 GiB upload`).toBeLessThan(
      ALLOWED_GROWTH,
    );
  }, 600_000);
});
