import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, call, startOrthanc, startServerProcess } from '@voxelhub/server/testing';

/** A server to STOW into: where each pass goes, and a check of what the pass left behind. */
export interface StowTarget {
  readonly tool: string;
  /** The STOW URL and headers for the next pass (ours: a new project), set up outside the timing. */
  nextPass(): Promise<{ url: string; headers: Record<string, string> }>;
  /** Throws unless the pass just sent left exactly `instances` new instances on the server. */
  checkPass(instances: number): Promise<void>;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = 'benchmark-admin-password';

/**
 * `voxelhub serve` on SQLite in a new data folder. The folder is under the OS temp folder, as Orthanc's
 * is (test-support/orthanc.ts), so both write to the same file system.
 */
export async function startOurTarget(): Promise<StowTarget> {
  const dataDir = await mkdtemp(join(tmpdir(), 'voxelhub-stow-bench-'));
  const server = await startServerProcess({ dataDir, adminPassword: ADMIN_PASSWORD }).catch(
    async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
  let projectId = '';
  let passes = 0;
  const stop = async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const token = await adminToken(server.url, ADMIN_PASSWORD);
    return {
      tool: 'voxelhub serve (SQLite)',
      async nextPass() {
        const made = await call(server.url, token, 'POST', '/api/projects', {
          name: `STOW benchmark ${++passes}`,
          // Orthanc stores the files as they come; de-identifying on import is other work.
          requireDeidentification: false,
        });
        if (made.status !== 201 && made.status !== 200)
          throw new Error(`project creation answered ${made.status}: ${JSON.stringify(made.body)}`);
        projectId = made.body.id as string;
        return {
          url: `${server.url}/dicomweb/projects/${projectId}/studies`,
          headers: { authorization: `Bearer ${token}` },
        };
      },
      async checkPass(instances) {
        const images = await call(server.url, token, 'GET', `/api/projects/${projectId}/images?limit=1`);
        if (images.status !== 200 || images.body.total !== instances)
          throw new Error(`the project holds ${images.body?.total} images, expected ${instances}`);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A throwaway Orthanc with its DICOMweb plugin; each pass adds to the same store. */
export async function startOrthancTarget(): Promise<StowTarget> {
  const orthanc = await startOrthanc();
  try {
    const system = (await (await fetch(`${orthanc.url}/system`)).json()) as { Version?: string };
    let expected = await countInstances(orthanc.url);
    return {
      tool: `Orthanc ${system.Version ?? ''} + DICOMweb plugin`.replace('  ', ' '),
      async nextPass() {
        return { url: `${orthanc.dicomWebUrl}/studies`, headers: {} };
      },
      async checkPass(instances) {
        expected += instances;
        const count = await countInstances(orthanc.url);
        if (count !== expected) throw new Error(`Orthanc holds ${count} instances, expected ${expected}`);
      },
      stop: () => orthanc.stop(),
    };
  } catch (error) {
    await orthanc.stop();
    throw error;
  }
}

async function countInstances(url: string): Promise<number> {
  const response = await fetch(`${url}/statistics`);
  if (!response.ok) throw new Error(`Orthanc /statistics answered ${response.status}`);
  return ((await response.json()) as { CountInstances: number }).CountInstances;
}
