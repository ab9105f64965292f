import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertTypedLabel, landmarkPayload } from '../annotations/annotation-test-data.js';
import { CONSENSUS_USER_ID } from '../storage/migrations/0010-quality.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertDicomImage } from '../storage/test-rows.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

interface Version {
  id: string;
  name: string;
  contentHash: string;
  counts: { cases: number; subjects: number; annotations: number; splits: Record<string, number> };
}

eachDialect('dataset versions', (context) => {
  let f: ProjectFixture;
  let pointLabel: string;
  const images: string[] = [];
  const annotations: string[] = [];
  const url = (rest: string) => `/api/projects/${f.projectId}${rest}`;

  async function freeze(name: string, source: string, extra: Record<string, unknown> = {}) {
    const res = await f.as('manager', {
      method: 'POST',
      url: url('/versions'),
      payload: { name, source, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().version as Version;
  }

  const review = (annotationId: string, annotationRevision: number, decision: string) =>
    f.as('reviewer', {
      method: 'POST',
      url: url('/reviews'),
      payload: { annotationId, annotationRevision, decision },
    });

  beforeAll(async () => {
    f = await createProjectFixture(context.database);
    pointLabel = await insertTypedLabel(f.database.db, f.projectId, 'point');
    // Four images, each of its own subject; a landmark on each; three approved, one rejected.
    for (let i = 0; i < 4; i++) {
      const { imageId } = await insertDicomImage(f.database.db, f.projectId);
      images.push(imageId);
      const res = await f.as('annotator', {
        method: 'POST',
        url: url('/annotations'),
        payload: { labelId: pointLabel, imageId, payload: landmarkPayload(pointLabel, imageId, i, i) },
      });
      expect(res.statusCode, res.body).toBe(201);
      annotations.push(res.json().annotation.id);
      expect((await review(annotations[i]!, 1, i < 3 ? 'approved' : 'rejected')).statusCode).toBe(201);
    }
  });
  afterAll(() => f.close());

  it('freezes the approved annotations with subject-level splits, named and hashed', async () => {
    const v1 = await freeze('v1', 'approved', {
      splits: { seed: 7, train: 0.34, validation: 0.33, test: 0.33 },
    });
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.counts).toMatchObject({
      cases: 3,
      subjects: 3,
      annotations: 3,
      splits: { train: 1, validation: 1, test: 1 },
    });
    const all = await freeze('everything', 'all');
    expect(all.counts).toMatchObject({ cases: 4, annotations: 4 });
    // The same content under another name hashes the same; a name is taken once.
    const again = await freeze('v1-again', 'approved', {
      splits: { seed: 7, train: 0.34, validation: 0.33, test: 0.33 },
    });
    expect(again.contentHash).toBe(v1.contentHash);
    const taken = await f.as('manager', {
      method: 'POST',
      url: url('/versions'),
      payload: { name: 'v1', source: 'approved' },
    });
    expect(taken.statusCode).toBe(409);
    // Another seed may split otherwise, and is other content.
    const reseeded = await freeze('v1-seed-8', 'approved', {
      splits: { seed: 8, train: 0.34, validation: 0.33, test: 0.33 },
    });
    expect(reseeded.contentHash).not.toBe(v1.contentHash);
  });

  it('serves the manifest whose SHA-256 is the content hash', async () => {
    const [latest] = (await f.as('reviewer', { method: 'GET', url: url('/versions') })).json()
      .versions as Version[];
    const res = await f.as('reviewer', { method: 'GET', url: url(`/versions/${latest!.id}/manifest`) });
    expect(res.statusCode).toBe(200);
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(latest!.contentHash);
    expect(res.headers['x-content-hash']).toBe(latest!.contentHash);
    const manifest = res.json();
    expect(manifest).toMatchObject({ schema: 1, source: 'approved', splits: { seed: 8 } });
    expect(manifest.cases.map((c: { caseName: string }) => c.caseName)).toEqual([
      'case_0001',
      'case_0002',
      'case_0003',
    ]);
    expect(new Set(manifest.cases.map((c: { subjectId: string }) => c.subjectId)).size).toBe(3);
  });

  it('diffs two versions: an edit that loses its approval, then its approval again', async () => {
    const list = (await f.as('manager', { method: 'GET', url: url('/versions') })).json()
      .versions as Version[];
    const v1 = list.find((v) => v.name === 'v1')!;
    const edited = await f.as('annotator', {
      method: 'PUT',
      url: url(`/annotations/${annotations[0]}`),
      payload: { baseRevision: 1, payload: landmarkPayload(pointLabel, images[0]!, 9, 9) },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const v2 = await freeze('v2', 'approved', {
      splits: { seed: 7, train: 0.34, validation: 0.33, test: 0.33 },
    });
    expect(v2.counts.annotations).toBe(2);
    const d12 = (
      await f.as('manager', { method: 'GET', url: url(`/versions/${v1.id}/diff/${v2.id}`) })
    ).json();
    expect(d12).toMatchObject({ from: 'v1', to: 'v2' });
    expect(d12.annotations).toEqual({ added: [], removed: [annotations[0]], changed: [] });
    expect(d12.cases.removed).toEqual([images[0]]);
    expect(d12.labels).toEqual({ added: [], removed: [], changed: [] });
    expect((await review(annotations[0]!, 2, 'approved')).statusCode).toBe(201);
    const v3 = await freeze('v3', 'approved', {
      splits: { seed: 7, train: 0.34, validation: 0.33, test: 0.33 },
    });
    const d13 = (
      await f.as('manager', { method: 'GET', url: url(`/versions/${v1.id}/diff/${v3.id}`) })
    ).json();
    expect(d13.annotations).toEqual({ added: [], removed: [], changed: [annotations[0]] });
    expect(d13.cases).toEqual({ added: [], removed: [], changed: [] });
  });

  it('freezes an accepted consensus and leaves a proposed one out', async () => {
    const db = f.database.db;
    const item = randomUUID();
    await db
      .insertInto('quality_items')
      .values({ id: item, project_id: f.projectId, image_id: images[3]!, status: 'resolved' })
      .execute();
    for (const status of ['accepted', 'superseded'] as const) {
      const set = randomUUID();
      await db
        .insertInto('consensus_sets')
        .values({ id: set, project_id: f.projectId, item_id: item, status, method: 'automatic' })
        .execute();
      const id = randomUUID();
      await db
        .insertInto('annotations')
        .values({
          id,
          project_id: f.projectId,
          image_id: images[3]!,
          label_id: pointLabel,
          created_by: CONSENSUS_USER_ID,
          head_revision: 1,
          consensus_id: set,
        })
        .execute();
      await db
        .insertInto('annotation_revisions')
        .values({
          annotation_id: id,
          revision: 1,
          author_id: CONSENSUS_USER_ID,
          schema_version: 2,
          payload: JSON.stringify(landmarkPayload(pointLabel, images[3]!, 5, 5)),
        })
        .execute();
    }
    const v = await freeze('consensus-1', 'consensus');
    expect(v.counts).toMatchObject({ cases: 1, annotations: 1 });
  });

  it('keeps versions immutable and away from annotators', async () => {
    await expect(
      f.database.db.updateTable('dataset_versions').set({ name: 'renamed' }).execute(),
    ).rejects.toThrow(/append-only/);
    expect((await f.as('annotator', { method: 'GET', url: url('/versions') })).statusCode).toBe(403);
    expect(
      (await f.as('reviewer', { method: 'POST', url: url('/versions'), payload: { name: 'x' } })).statusCode,
    ).toBe(403);
    const bad = await f.as('manager', { method: 'POST', url: url('/versions'), payload: { name: 'a/b' } });
    expect(bad.statusCode).toBe(400);
    const sum = await f.as('manager', {
      method: 'POST',
      url: url('/versions'),
      payload: { name: 'bad-splits', splits: { train: 0.5, validation: 0.5, test: 0.5 } },
    });
    expect(sum.statusCode).toBe(400);
  });
});
