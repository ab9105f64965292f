import { generateDemoDataset } from '@voxelhub/core/demo';
import { describe, expect, it } from 'vitest';
import { DIALECTS, postgresSkipped } from '../storage/test-databases.js';
import { adminToken, call, type ServerProcess, startServerProcess } from '../test-support/server-process.js';
import { crashStorage } from './crash-storage.js';

/**
 * kill -9 in the middle of an import job: after a restart the job resumes where it stopped (the dead
 * worker's lease is recognised at once) and finishes with every file imported exactly once, and the
 * database passes its integrity checks.
 */

const PASSWORD = 'crash-test-admin-password';
const SLICES = 300;
/** Kill once this many files are done, long before the end. */
const KILL_AFTER = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && postgresSkipped())(
    `kill -9 during an import (${dialect})`,
    () => {
      const storage = crashStorage(dialect, PASSWORD);
      let server: ServerProcess | undefined;

      it('resumes the job after a restart and imports every file once', async () => {
        const options = await storage.options();
        server = await startServerProcess(options);
        storage.track(server);
        const token = await adminToken(server.url, PASSWORD);
        const project = await call(server.url, token, 'POST', '/api/projects', { name: 'Crash import' });
        expect(project.status).toBe(201);
        const projectId: string = project.body.id;

        // A CT of 300 slices the project has never seen (a seed other than the demo's).
        const slices = generateDemoDataset({
          seed: 7,
          ctSize: { columns: 96, rows: 96, slices: SLICES },
        }).files.filter((f) => f.name.startsWith('ct/'));
        expect(slices).toHaveLength(SLICES);
        const form = new FormData();
        for (const slice of slices)
          form.append('files', new Blob([slice.bytes]), slice.name.replace('/', '-'));
        const upload = await fetch(`${server.url}/api/projects/${projectId}/imports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
        expect(upload.status, await upload.clone().text()).toBe(202);
        const { jobId } = (await upload.json()) as { jobId: string };
        const jobPath = `/api/projects/${projectId}/jobs/${jobId}`;

        let doneAtKill = 0;
        for (;;) {
          const job = await call(server.url, token, 'GET', jobPath);
          doneAtKill = job.body.progress.done;
          if (doneAtKill >= KILL_AFTER) break;
          await sleep(10);
        }
        await server.kill9();
        expect(doneAtKill).toBeLessThan(SLICES);

        server = await startServerProcess(options);
        storage.track(server);
        let job = await call(server.url, token, 'GET', jobPath);
        for (
          let waited = 0;
          job.body.state !== 'done' && job.body.state !== 'failed' && waited < 120_000;
          waited += 100
        ) {
          await sleep(100);
          job = await call(server.url, token, 'GET', jobPath);
        }
        expect(job.body.state).toBe('done');
        expect(job.body.counts.failed).toBe(0);
        expect(job.body.counts.imported + job.body.counts.duplicates).toBe(SLICES);
        const images = await call(server.url, token, 'GET', `/api/projects/${projectId}/images?limit=1000`);
        expect(images.body.total).toBe(SLICES);
        const uids = new Set(images.body.images.map((i: { sopInstanceUid: string }) => i.sopInstanceUid));
        expect(uids.size).toBe(SLICES);

        expect(await server.stop()).toBe(0);
        server = undefined;
        storage.track(undefined);
        expect(await storage.integrityProblems()).toEqual([]);
      }, 240_000);
    },
  );
}
