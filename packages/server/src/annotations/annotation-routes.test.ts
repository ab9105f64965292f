import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import {
  annotationsUrl,
  boxPayload,
  createLandmark,
  errorOf,
  insertTypedLabel,
  landmarkPayload,
  maskPayload,
  seedImaging,
} from './annotation-test-data.js';

eachDialect('annotation routes', (context) => {
  let fixture: ProjectFixture;
  let seed: Awaited<ReturnType<typeof seedImaging>>;

  beforeAll(async () => {
    fixture = await createProjectFixture(context.database);
    seed = await seedImaging(fixture);
  });
  afterAll(() => fixture.close());

  const put = (id: string, body: Record<string, unknown>, caller: 'annotator' | 'manager' = 'annotator') =>
    fixture.as(caller, { method: 'PUT', url: annotationsUrl(fixture, `/${id}`), payload: body });

  it('creates revision 1 and reads it back as the head', async () => {
    const created = await createLandmark(fixture, 'annotator', seed);
    expect(created).toMatchObject({
      projectId: fixture.projectId,
      labelId: seed.pointLabel,
      imageId: seed.imageId,
      seriesId: null,
      taskId: null,
      createdBy: fixture.users.annotator.id,
      authorId: fixture.users.annotator.id,
      revision: 1,
      baseRevision: null,
      deleted: false,
      schemaVersion: 2,
      payload: landmarkPayload(seed.pointLabel, seed.imageId),
    });
    const res = await fixture.as('annotator', {
      method: 'GET',
      url: annotationsUrl(fixture, `/${created.id}`),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().annotation).toEqual(created);
  });

  it('makes a create with a client-chosen id idempotent, and refuses that id to anyone else', async () => {
    const id = randomUUID();
    const body = {
      id,
      labelId: seed.pointLabel,
      imageId: seed.imageId,
      payload: landmarkPayload(seed.pointLabel, seed.imageId),
    };
    const send = (caller: 'annotator' | 'reviewer') =>
      fixture.as(caller, { method: 'POST', url: annotationsUrl(fixture), payload: body });
    // Sent twice at once, then again later (an answer lost on the way): one annotation, revision 1.
    const answers = await Promise.all([send('annotator'), send('annotator'), send('annotator')]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().annotation.id))).toEqual(new Set([id]));
    expect((await send('annotator')).json().annotation).toMatchObject({ id, revision: 1 });
    const rows = await context.database.db
      .selectFrom('annotation_revisions')
      .select('revision')
      .where('annotation_id', '=', id)
      .execute();
    expect(rows).toEqual([{ revision: 1 }]);
    const other = await send('reviewer');
    expect(other.statusCode).toBe(409);
    expect(errorOf(other).message).toMatch(/is taken/);
  });

  it('annotates a series with a payload on one of its images', async () => {
    const res = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture),
      payload: {
        labelId: seed.pointLabel,
        seriesId: seed.seriesId,
        payload: landmarkPayload(seed.pointLabel, seed.imageId),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().annotation).toMatchObject({ seriesId: seed.seriesId, imageId: null });
  });

  it('saves on the head, answers a stale save with 409 and the current head, and keeps the history', async () => {
    const created = await createLandmark(fixture, 'annotator', seed);
    const moved = landmarkPayload(seed.pointLabel, seed.imageId, 11, 21);
    const saved = await put(created.id, { baseRevision: 1, payload: moved });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().annotation).toMatchObject({ revision: 2, baseRevision: 1, payload: moved });

    const stale = await put(created.id, {
      baseRevision: 1,
      payload: landmarkPayload(seed.pointLabel, seed.imageId, 5, 5),
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect(errorOf(stale).details).toEqual({ current: saved.json().annotation });

    // A manager corrects the reader's work on the head.
    const corrected = await put(
      created.id,
      { baseRevision: 2, payload: landmarkPayload(seed.pointLabel, seed.imageId, 12, 22) },
      'manager',
    );
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().annotation).toMatchObject({
      revision: 3,
      createdBy: fixture.users.annotator.id,
      authorId: fixture.users.manager.id,
    });

    const history = await fixture.as('annotator', {
      method: 'GET',
      url: annotationsUrl(fixture, `/${created.id}/revisions`),
    });
    expect(history.statusCode).toBe(200);
    const revisions = history.json().revisions as {
      revision: number;
      baseRevision: number | null;
      authorId: string;
      deleted: boolean;
      payload: { data: unknown };
    }[];
    expect(revisions.map((r) => [r.revision, r.baseRevision, r.authorId, r.deleted])).toEqual([
      [1, null, fixture.users.annotator.id, false],
      [2, 1, fixture.users.annotator.id, false],
      [3, 2, fixture.users.manager.id, false],
    ]);
    expect(revisions[1]!.payload).toEqual(moved);
  });

  it('deletes with a tombstone revision, hides it from lists unless asked, and restores it', async () => {
    const created = await createLandmark(fixture, 'annotator', seed);
    const url = annotationsUrl(fixture, `/${created.id}`);
    const stale = await fixture.as('annotator', { method: 'DELETE', url: `${url}?baseRevision=2` });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).details).toMatchObject({ current: { revision: 1, deleted: false } });

    const deleted = await fixture.as('annotator', { method: 'DELETE', url: `${url}?baseRevision=1` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const head = (await fixture.as('annotator', { method: 'GET', url })).json().annotation;
    expect(head).toMatchObject({
      revision: 2,
      deleted: true,
      payload: landmarkPayload(seed.pointLabel, seed.imageId),
    });

    const listed = async (query: string) =>
      (
        (await fixture.as('annotator', { method: 'GET', url: annotationsUrl(fixture, query) })).json()
          .annotations as { id: string }[]
      ).map((a) => a.id);
    expect(await listed(`?imageId=${seed.imageId}`)).not.toContain(created.id);
    expect(await listed(`?imageId=${seed.imageId}&includeDeleted=true`)).toContain(created.id);

    const again = await fixture.as('annotator', { method: 'DELETE', url: `${url}?baseRevision=2` });
    expect(again.statusCode).toBe(409);
    const edit = await put(created.id, {
      baseRevision: 2,
      payload: landmarkPayload(seed.pointLabel, seed.imageId),
    });
    expect(edit.statusCode).toBe(409);
    expect(errorOf(edit).message).toContain('deleted');

    const staleRestore = await fixture.as('annotator', {
      method: 'POST',
      url: `${url}/restore`,
      payload: { revision: 1, baseRevision: 1 },
    });
    expect(staleRestore.statusCode).toBe(409);
    const restored = await fixture.as('annotator', {
      method: 'POST',
      url: `${url}/restore`,
      payload: { revision: 1, baseRevision: 2 },
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().annotation).toMatchObject({
      revision: 3,
      baseRevision: 2,
      deleted: false,
      payload: landmarkPayload(seed.pointLabel, seed.imageId),
    });
    expect(await listed(`?imageId=${seed.imageId}`)).toContain(created.id);

    const missing = await fixture.as('annotator', {
      method: 'POST',
      url: `${url}/restore`,
      payload: { revision: 9, baseRevision: 3 },
    });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details).toEqual([expect.objectContaining({ path: 'body.revision' })]);
  });

  it('restores an old payload with its old label, and audits every change', async () => {
    const created = await createLandmark(fixture, 'annotator', seed);
    const otherPoint = await insertTypedLabel(context.database.db, fixture.projectId, 'point');
    const relabelled = await put(created.id, {
      baseRevision: 1,
      labelId: otherPoint,
      payload: landmarkPayload(otherPoint, seed.imageId),
    });
    expect(relabelled.statusCode, relabelled.body).toBe(200);
    expect(relabelled.json().annotation.labelId).toBe(otherPoint);
    const restored = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture, `/${created.id}/restore`),
      payload: { revision: 1, baseRevision: 2 },
    });
    expect(restored.json().annotation.labelId).toBe(seed.pointLabel);
    await fixture.as('annotator', {
      method: 'DELETE',
      url: annotationsUrl(fixture, `/${created.id}?baseRevision=3`),
    });

    const audit = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'details'])
      .where('target_id', '=', created.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'annotation.create',
      'annotation.update',
      'annotation.restore',
      'annotation.delete',
    ]);
    expect(audit.every((a) => a.user_id === fixture.users.annotator.id)).toBe(true);
    expect(JSON.parse(audit[2]!.details)).toMatchObject({
      revision: 3,
      baseRevision: 2,
      restoredRevision: 1,
    });
  });

  it('refuses a payload whose type does not answer its label', async () => {
    const res = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture),
      payload: {
        labelId: seed.maskLabel,
        imageId: seed.imageId,
        payload: boxPayload(seed.maskLabel, seed.imageId),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    expect(errorOf(res).details).toEqual([expect.objectContaining({ path: 'body.payload.type' })]);
    expect(errorOf(res).message).toContain('segmentation');

    const created = await createLandmark(fixture, 'annotator', seed);
    const relabel = await put(created.id, {
      baseRevision: 1,
      labelId: seed.boxLabel,
      payload: landmarkPayload(seed.boxLabel, seed.imageId),
    });
    expect(relabel.statusCode).toBe(400);
    expect(errorOf(relabel).details).toEqual([expect.objectContaining({ path: 'body.payload.type' })]);
  });

  it('names the failing path of an invalid payload', async () => {
    const bad = landmarkPayload(seed.pointLabel, seed.imageId);
    bad.data.point.index = [1, 2] as unknown as number[];
    const res = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture),
      payload: { labelId: seed.pointLabel, imageId: seed.imageId, payload: bad },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    expect((errorOf(res).details as { path: string }[]).map((d) => d.path)).toContain(
      'body.payload.data.point.index',
    );

    const unknown = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture),
      payload: { labelId: seed.pointLabel, imageId: seed.imageId, payload: { ...bad, type: 'scribble' } },
    });
    expect(errorOf(unknown).details).toEqual([
      expect.objectContaining({ path: 'body.payload.type', code: 'UNKNOWN_TYPE' }),
    ]);
  });

  it('refuses references outside the project and payloads that disagree with the row', async () => {
    const elsewhere = await createProjectFixture(context.database);
    const foreign = await seedImaging(elsewhere);
    try {
      const cases: [Record<string, unknown>, string][] = [
        [
          {
            labelId: foreign.pointLabel,
            imageId: seed.imageId,
            payload: landmarkPayload(foreign.pointLabel, seed.imageId),
          },
          'body.labelId',
        ],
        [
          {
            labelId: seed.pointLabel,
            imageId: foreign.imageId,
            payload: landmarkPayload(seed.pointLabel, foreign.imageId),
          },
          'body.imageId',
        ],
        [
          {
            labelId: seed.pointLabel,
            seriesId: foreign.seriesId,
            payload: landmarkPayload(seed.pointLabel, seed.imageId),
          },
          'body.seriesId',
        ],
        [
          {
            labelId: seed.pointLabel,
            imageId: seed.imageId,
            payload: landmarkPayload(seed.boxLabel, seed.imageId),
          },
          'body.payload.labelId',
        ],
        [
          {
            labelId: seed.pointLabel,
            imageId: seed.imageId,
            payload: landmarkPayload(seed.pointLabel, foreign.imageId),
          },
          'body.payload.imageRef.imageId',
        ],
        [
          {
            labelId: seed.pointLabel,
            imageId: seed.imageId,
            taskId: crypto.randomUUID(),
            payload: landmarkPayload(seed.pointLabel, seed.imageId),
          },
          'body.taskId',
        ],
      ];
      for (const [body, path] of cases) {
        const res = await fixture.as('annotator', {
          method: 'POST',
          url: annotationsUrl(fixture),
          payload: body,
        });
        expect(res.statusCode, path).toBe(400);
        expect(errorOf(res).details, path).toEqual([expect.objectContaining({ path })]);
      }
      const both = await fixture.as('annotator', {
        method: 'POST',
        url: annotationsUrl(fixture),
        payload: {
          labelId: seed.pointLabel,
          imageId: seed.imageId,
          seriesId: seed.seriesId,
          payload: landmarkPayload(seed.pointLabel, seed.imageId),
        },
      });
      expect(both.statusCode).toBe(400);
    } finally {
      await elsewhere.close();
    }
  });

  it('upgrades a payload sent at an older schema version, with the geometry the import stored', async () => {
    const niftiId = crypto.randomUUID();
    await context.database.db
      .insertInto('images')
      .values({
        id: niftiId,
        project_id: fixture.projectId,
        content_hash: crypto.randomUUID(),
        blob_key: 'b'.repeat(64),
        format: 'nifti',
        geometry: JSON.stringify({
          dims: [64, 64, 10],
          spacing: [0.5, 0.5, 2],
          origin: [-10, 0, 5],
          direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
        }),
      })
      .execute();
    // Version 1 stored the index only; version 2 adds the patient position.
    const v1 = (imageId: string) => ({
      schemaVersion: 1,
      type: 'landmark',
      labelId: seed.pointLabel,
      imageRef: { imageId, sliceIndex: 3 },
      data: { name: 'carina', point: [4, 6, 3] },
    });
    const res = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture),
      payload: { labelId: seed.pointLabel, imageId: niftiId, payload: v1(niftiId) },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().annotation).toMatchObject({
      schemaVersion: 2,
      payload: {
        schemaVersion: 2,
        data: { name: 'carina', point: { index: [4, 6, 3], patient: [-8, 3, 11] } },
      },
    });
    const stored = await context.database.db
      .selectFrom('annotation_revisions')
      .select(['schema_version', 'payload'])
      .where('annotation_id', '=', res.json().annotation.id)
      .executeTakeFirstOrThrow();
    expect(stored.schema_version).toBe(2);
    expect(JSON.parse(stored.payload).data.point.patient).toEqual([-8, 3, 11]);

    // A DICOM instance stores only its plane: the upgrade is refused, saying why.
    const dicom = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture),
      payload: { labelId: seed.pointLabel, imageId: seed.imageId, payload: v1(seed.imageId) },
    });
    expect(dicom.statusCode).toBe(400);
    expect(errorOf(dicom).details).toEqual([
      expect.objectContaining({ path: 'body.payload.data.point', code: 'MIGRATION_FAILED' }),
    ]);
  });

  it('accepts a mask payload larger than the default 1 MB body limit', async () => {
    // 800 × 800 pixels in runs of one: 640,000 runs, about 1.3 MB of JSON.
    const mask = maskPayload(seed.maskLabel, seed.imageId, 800, 800);
    const body = { labelId: seed.maskLabel, imageId: seed.imageId, payload: mask };
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    const res = await fixture.as('annotator', {
      method: 'POST',
      url: annotationsUrl(fixture),
      payload: body,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().annotation.payload.data.mask.runs).toHaveLength(640_000);
  });

  it('filters the list by image, label and author', async () => {
    const seed2 = await seedImaging(fixture);
    const a = await createLandmark(fixture, 'annotator', seed2);
    const b = await createLandmark(fixture, 'reviewer', seed2);
    const ids = async (query: string) =>
      (
        (await fixture.as('manager', { method: 'GET', url: annotationsUrl(fixture, query) })).json()
          .annotations as { id: string }[]
      ).map((x) => x.id);
    expect(await ids(`?imageId=${seed2.imageId}`)).toEqual([a.id, b.id]);
    expect(await ids(`?labelId=${seed2.pointLabel}&authorId=${fixture.users.reviewer.id}`)).toEqual([b.id]);
    expect(await ids(`?labelId=${seed2.boxLabel}`)).toEqual([]);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await fixture.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/projects/{projectId}/annotations',
        '/api/projects/{projectId}/annotations/{annotationId}',
        '/api/projects/{projectId}/annotations/{annotationId}/revisions',
        '/api/projects/{projectId}/annotations/{annotationId}/restore',
        '/api/projects/{projectId}/tasks',
        '/api/projects/{projectId}/tasks/next',
        '/api/projects/{projectId}/reviews',
      ]),
    );
  });
});

describe('annotation routes without a database', () => {
  it('are not registered', async () => {
    const { buildApp } = await import('../app/build-app.js');
    const app = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/api/projects/x/annotations' });
    expect(res.statusCode).toBe(404);
    await app.close();
  });
});
