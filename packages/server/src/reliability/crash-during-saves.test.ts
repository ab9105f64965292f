import { describe, expect, it } from 'vitest';
import { DIALECTS, postgresSkipped } from '../storage/test-databases.js';
import { landmark } from '../test-support/landmark-payload.js';
import { adminToken, call, type ServerProcess, startServerProcess } from '../test-support/server-process.js';
import { crashStorage } from './crash-storage.js';

/**
 * kill -9 in the middle of a burst of annotation saves: after a restart, every save the server
 * acknowledged (answered 2xx) is there with the payload that was sent, and the database passes its
 * integrity checks. Saves in flight at the kill may or may not have landed; either is fine.
 */

const PASSWORD = 'crash-test-admin-password';
const CLIENTS = 40;
/** Kill once this many saves have been acknowledged, with the clients still saving. */
const KILL_AFTER_ACKS = 400;

interface Ack {
  readonly annotationId: string;
  readonly revision: number;
  readonly x: number;
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && postgresSkipped())(
    `kill -9 during annotation saves (${dialect})`,
    () => {
      const storage = crashStorage(dialect, PASSWORD);
      let server: ServerProcess | undefined;

      it('keeps every acknowledged save', async () => {
        const options = await storage.options();
        server = await startServerProcess(options);
        storage.track(server);
        const token = await adminToken(server.url, PASSWORD);
        const { projectId, imageId, labelId } = await demoTarget(server.url, token);

        const acks: Ack[] = [];
        let killed = false;
        const killing = new Promise<void>((resolve) => {
          const check = setInterval(() => {
            if (acks.length >= KILL_AFTER_ACKS) {
              clearInterval(check);
              killed = true;
              void server?.kill9().then(resolve);
            }
          }, 5);
        });
        const url = server.url;
        const path = `/api/projects/${projectId}/annotations`;
        const clients = Array.from({ length: CLIENTS }, async (_, client) => {
          let annotationId: string | undefined;
          let revision = 0;
          for (let x = 0; !killed; x++) {
            const payload = landmark(labelId, imageId, client, x);
            try {
              const res = annotationId
                ? await call(url, token, 'PUT', `${path}/${annotationId}`, {
                    baseRevision: revision,
                    payload,
                  })
                : await call(url, token, 'POST', path, { labelId, imageId, payload });
              if (res.status !== 200 && res.status !== 201)
                throw new Error(`save answered ${res.status}: ${JSON.stringify(res.body)}`);
              annotationId = res.body.annotation.id as string;
              revision = res.body.annotation.revision as number;
              acks.push({ annotationId, revision, x });
            } catch (error) {
              // Only the kill may interrupt a save.
              if (!killed) throw error;
            }
          }
        });
        await Promise.all([killing, ...clients]);
        expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

        server = await startServerProcess(options);
        storage.track(server);
        const latest = new Map<string, Ack>();
        for (const ack of acks) {
          const seen = latest.get(ack.annotationId);
          if (!seen || seen.revision < ack.revision) latest.set(ack.annotationId, ack);
        }
        const lost: string[] = [];
        for (const ack of acks) {
          const history = await call(server.url, token, 'GET', `${path}/${ack.annotationId}/revisions`);
          const stored = (history.body?.revisions ?? []).find(
            (r: { revision: number }) => r.revision === ack.revision,
          );
          if (stored?.payload?.data?.point?.index?.[1] !== ack.x)
            lost.push(`${ack.annotationId}@${ack.revision}`);
        }
        expect(lost).toEqual([]);
        expect(await server.stop()).toBe(0);
        server = undefined;
        storage.track(undefined);
        expect(await storage.integrityProblems()).toEqual([]);
      }, 240_000);
    },
  );
}

/** The demo project's first image and a point label made for the test. */
async function demoTarget(url: string, token: string) {
  const projects = await call(url, token, 'GET', '/api/projects');
  const demo = projects.body.projects.find((p: { name: string }) => p.name === 'Demo');
  if (!demo) throw new Error(`no Demo project: ${JSON.stringify(projects.body)}`);
  const images = await call(url, token, 'GET', `/api/projects/${demo.id}/images?limit=1`);
  const label = await call(url, token, 'POST', `/api/projects/${demo.id}/labels`, {
    name: 'Crash landmark',
    type: 'point',
    colour: '#ff00ff',
  });
  if (label.status !== 201) throw new Error(`label: ${label.status} ${JSON.stringify(label.body)}`);
  return {
    projectId: demo.id as string,
    imageId: images.body.images[0].id as string,
    labelId: label.body.id as string,
  };
}
