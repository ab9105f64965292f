import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { insertDicomImage } from '../storage/test-rows.js';
import { landmark } from '../test-support/landmark-payload.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { call } from '../test-support/server-process.js';

/**
 * 200 clients, each with its own account (and, through fetch's unlimited pool, its own connection), save annotations at once against the server
 * listening on a real port: every save must be answered 2xx and every acknowledged revision must be in
 * the database afterwards. Then 25 of them race on one annotation, retrying on 409 as the web app does:
 * no save may be lost or overwrite another.
 */

const CLIENTS = 200;
const SAVES_PER_CLIENT = 5;
const RACERS = 25;

eachDialect('200 concurrent annotation clients', (ctx) => {
  let f: ProjectFixture;
  let url: string;
  let imageId: string;
  let labelId: string;
  let tokens: string[];

  beforeAll(async () => {
    f = await createProjectFixture(ctx.database);
    url = await f.app.listen({ port: 0, host: '127.0.0.1' });
    imageId = (await insertDicomImage(ctx.database.db, f.projectId)).imageId;
    labelId = randomUUID();
    await ctx.database.db
      .insertInto('labels')
      .values({ id: labelId, project_id: f.projectId, name: 'Landmark', type: 'point', colour: '#ff8800' })
      .execute();
    tokens = [];
    for (let i = 0; i < CLIENTS; i++) tokens.push((await f.addMember('annotator')).token);
  }, 120_000);
  afterAll(() => f?.close());

  it('answers every save and loses none', async () => {
    const base = `/api/projects/${f.projectId}/annotations`;
    const failures: string[] = [];
    const acknowledged = await Promise.all(
      tokens.map(async (token, client) => {
        const created = await call(url, token, 'POST', base, {
          labelId,
          imageId,
          payload: landmark(labelId, imageId, client, 0),
        });
        if (created.status !== 201) {
          failures.push(`client ${client} create: ${created.status} ${JSON.stringify(created.body)}`);
          return undefined;
        }
        const id: string = created.body.annotation.id;
        let revision: number = created.body.annotation.revision;
        for (let save = 1; save <= SAVES_PER_CLIENT; save++) {
          const res = await call(url, token, 'PUT', `${base}/${id}`, {
            baseRevision: revision,
            payload: landmark(labelId, imageId, client, save),
          });
          if (res.status !== 200) {
            failures.push(`client ${client} save ${save}: ${res.status} ${JSON.stringify(res.body)}`);
            return undefined;
          }
          revision = res.body.annotation.revision;
        }
        return { id, revision, client };
      }),
    );
    expect(failures).toEqual([]);

    // Every acknowledged revision is stored, in an unbroken chain, with the payload that was sent.
    const db = ctx.database.db;
    for (const ack of acknowledged) {
      if (!ack) throw new Error('unreachable: failures are asserted empty');
      const revisions = await db
        .selectFrom('annotation_revisions')
        .select(['revision', 'base_revision', 'payload'])
        .where('annotation_id', '=', ack.id)
        .orderBy('revision')
        .execute();
      expect(revisions.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(revisions.map((r) => r.base_revision)).toEqual([null, 1, 2, 3, 4, 5]);
      const last = JSON.parse(revisions.at(-1)?.payload ?? '{}');
      expect(last.data.point.index).toEqual([ack.client, SAVES_PER_CLIENT, 0]);
      expect(ack.revision).toBe(1 + SAVES_PER_CLIENT);
    }
  }, 180_000);

  it('lets racing editors of one annotation each land exactly one revision, retrying on 409', async () => {
    const base = `/api/projects/${f.projectId}/annotations`;
    const owner = f.users.owner.token;
    const created = await call(url, owner, 'POST', base, {
      labelId,
      imageId,
      payload: landmark(labelId, imageId, 0, 0),
    });
    expect(created.status).toBe(201);
    const id: string = created.body.annotation.id;
    let conflicts = 0;
    const unexpected: string[] = [];
    // Reviewers may edit anyone's annotation; each racer is a reviewer of its own.
    const racers = await Promise.all(Array.from({ length: RACERS }, () => f.addMember('reviewer')));
    await Promise.all(
      racers.map(async (racer, n) => {
        for (;;) {
          const head = await call(url, racer.token, 'GET', `${base}/${id}`);
          const res = await call(url, racer.token, 'PUT', `${base}/${id}`, {
            baseRevision: head.body.annotation.revision,
            payload: landmark(labelId, imageId, 1000 + n, 0),
          });
          if (res.status === 200) return;
          if (res.status === 409) {
            conflicts += 1;
            // The 409 carries the current head, so a client can show it and merge.
            expect(res.body.error.details.current.revision).toBeGreaterThan(head.body.annotation.revision);
            continue;
          }
          unexpected.push(`${res.status} ${JSON.stringify(res.body)}`);
          return;
        }
      }),
    );
    expect(unexpected).toEqual([]);
    const history = (await call(url, owner, 'GET', `${base}/${id}/revisions`)).body.revisions as {
      revision: number;
      payload: { data: { point: { index: number[] } } };
    }[];
    expect(history.map((r) => r.revision)).toEqual(Array.from({ length: RACERS + 1 }, (_, i) => i + 1));
    const landed = history.slice(1).map((r) => r.payload.data.point.index[0]);
    expect(new Set(landed)).toEqual(new Set(Array.from({ length: RACERS }, (_, n) => 1000 + n)));
    expect(conflicts).toBeGreaterThan(0);
  }, 180_000);
});
