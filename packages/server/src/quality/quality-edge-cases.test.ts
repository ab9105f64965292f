import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTypedLabel } from '../annotations/annotation-test-data.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertDicomImage } from '../storage/test-rows.js';
import { bearer, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

/** What the workflow test leaves out: one reader per item, readers who skip, thresholds, lone images. */

interface Item {
  id: string;
  status: string;
  imageId: string | null;
  seriesId: string | null;
  readers: { userId: string; taskId: string }[];
  agreement: { labelId: string; value: number | null; passed: boolean; note?: string }[] | null;
  consensusId: string | null;
}

eachDialect('quality edge cases', (context) => {
  let f: ProjectFixture;
  let tokens: Map<string, string>;
  let pointLabel: string;
  let maskLabel: string;
  const url = (rest: string) => `/api/projects/${f.projectId}${rest}`;
  const asUser = (userId: string, options: InjectOptions) =>
    f.app.inject({ ...options, headers: bearer(tokens.get(userId)!) });

  async function createItem(target: { imageId: string } | { seriesId: string }): Promise<Item> {
    const res = await f.as('manager', { method: 'POST', url: url('/items'), payload: { items: [target] } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().items[0];
  }

  async function settled(itemId: string): Promise<Item> {
    for (let i = 0; i < 400; i++) {
      const item = (await f.as('reviewer', { method: 'GET', url: url(`/items/${itemId}`) })).json()
        .item as Item;
      if (item.status !== 'reading' && item.status !== 'computing') return item;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`item ${itemId} never settled`);
  }

  async function landmarkBy(userId: string, imageId: string, at: number[] = [1, 1, 0]) {
    const payload = {
      schemaVersion: 2,
      type: 'landmark',
      labelId: pointLabel,
      imageRef: { imageId, sliceIndex: 0 },
      data: { name: 'carina', point: { index: at, patient: at } },
    };
    const res = await asUser(userId, {
      method: 'POST',
      url: url('/annotations'),
      payload: { labelId: pointLabel, imageId, payload },
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  const move = (userId: string, taskId: string, status: string) =>
    asUser(userId, { method: 'PATCH', url: url(`/tasks/${taskId}`), payload: { status } });

  beforeAll(async () => {
    f = await createProjectFixture(context.database, {
      settings: { readersPerItem: 1 },
      imports: { worker: { pollMs: 20 } },
    });
    const second = await f.addMember('annotator');
    const third = await f.addMember('annotator');
    tokens = new Map([
      [f.users.annotator.id, f.users.annotator.token],
      [second.id, second.token],
      [third.id, third.token],
    ]);
    pointLabel = await insertTypedLabel(f.database.db, f.projectId, 'point');
    maskLabel = await insertTypedLabel(f.database.db, f.projectId, 'mask');
  });
  afterAll(() => f.close());

  it('agrees an item read by one reader, with nothing to compare and no consensus', async () => {
    const { imageId } = await insertDicomImage(f.database.db, f.projectId);
    const item = await createItem({ imageId });
    expect(item.readers).toHaveLength(1);
    const reader = item.readers[0]!;
    await landmarkBy(reader.userId, imageId);
    expect((await move(reader.userId, reader.taskId, 'done')).statusCode).toBe(200);
    const done = await settled(item.id);
    expect(done.status).toBe('agreed');
    expect(done.agreement).toEqual([
      expect.objectContaining({
        labelId: pointLabel,
        value: null,
        passed: true,
        note: 'read by one reader: nothing to compare',
      }),
    ]);
    expect(done.consensusId).toBeNull();
  });

  it('sends an item to review when all but one of its readers skipped it', async () => {
    const set = await f.as('owner', {
      method: 'PATCH',
      url: url(''),
      payload: { settings: { readersPerItem: 3 } },
    });
    expect(set.statusCode, set.body).toBe(200);
    const { imageId } = await insertDicomImage(f.database.db, f.projectId);
    const item = await createItem({ imageId });
    const [first, ...rest] = item.readers;
    await landmarkBy(first!.userId, imageId);
    expect((await move(first!.userId, first!.taskId, 'done')).statusCode).toBe(200);
    for (const r of rest) expect((await move(r.userId, r.taskId, 'skipped')).statusCode).toBe(200);
    const done = await settled(item.id);
    expect(done.status).toBe('disputed');
    expect(done.agreement![0]).toMatchObject({
      passed: false,
      note: 'only 1 of 3 readers finished (the others skipped)',
    });
  });

  it('reads a series of one image as that image', async () => {
    const { imageId, seriesId } = await insertDicomImage(f.database.db, f.projectId);
    const item = await createItem({ seriesId });
    expect(item).toMatchObject({ imageId, seriesId: null });
    const other = await insertDicomImage(f.database.db, f.projectId);
    const again = await f.as('manager', {
      method: 'POST',
      url: url('/items'),
      payload: { items: [{ imageId: other.imageId }, { imageId }, { seriesId }] },
    });
    expect(again.statusCode).toBe(409);
    // Both repeats are named, and nothing of the batch was created.
    expect(again.json().error.details.existing).toEqual([
      { index: 1, imageId, seriesId: null, itemId: item.id },
      { index: 2, imageId, seriesId: null, itemId: item.id },
    ]);
    const found = await f.as('reviewer', { method: 'GET', url: url(`/items?imageId=${imageId}`) });
    expect(found.json()).toMatchObject({ total: 1, items: [{ id: item.id }] });
    const none = await f.as('reviewer', { method: 'GET', url: url(`/items?imageId=${other.imageId}`) });
    expect(none.json().total).toBe(0);
  });

  it('records a consensus the reviewer edited in the viewer as reviewer-edited when accepted', async () => {
    const { imageId } = await insertDicomImage(f.database.db, f.projectId);
    const item = await createItem({ imageId });
    // Two readers at the origin, one 10 mm away: pair distances 0, 10, 10, mean 6.7 mm > 5 mm: disputed.
    const [r1, r2, r3] = item.readers as [Item['readers'][0], Item['readers'][0], Item['readers'][0]];
    await landmarkBy(r1.userId, imageId, [0, 0, 0]);
    await landmarkBy(r2.userId, imageId, [10, 0, 0]);
    await landmarkBy(r3.userId, imageId, [0, 0, 0]);
    for (const r of [r1, r2, r3]) expect((await move(r.userId, r.taskId, 'done')).statusCode).toBe(200);
    expect((await settled(item.id)).status).toBe('disputed');
    const detail = (await f.as('reviewer', { method: 'GET', url: url(`/items/${item.id}`) })).json();
    expect(detail.consensus).toMatchObject({ status: 'proposed', method: 'automatic' });
    // The mean position of the three: (10/3, 0, 0).
    const [mean] = detail.consensusAnnotations;
    expect(mean.payload.data.point.patient[0]).toBeCloseTo(10 / 3, 12);
    // The reviewer moves it to where it belongs, as the viewer saves an edit.
    const moved = {
      ...mean.payload,
      data: { ...mean.payload.data, point: { index: [0, 0, 0], patient: [0, 0, 0] } },
    };
    const edit = await f.as('reviewer', {
      method: 'PUT',
      url: url(`/annotations/${mean.id}`),
      payload: { baseRevision: 1, payload: moved },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // Blind annotators never see the consensus, even by its id.
    expect((await asUser(r1.userId, { method: 'GET', url: url(`/annotations/${mean.id}`) })).statusCode).toBe(
      404,
    );
    const accepted = await f.as('reviewer', {
      method: 'POST',
      url: url(`/items/${item.id}/decision`),
      payload: { action: 'accept-consensus', comment: 'carina moved onto the bifurcation' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().item.status).toBe('resolved');
    expect(accepted.json().consensus).toMatchObject({
      status: 'accepted',
      method: 'reviewer-edited',
      acceptedBy: f.users.reviewer.id,
    });
    const after = (await f.as('reviewer', { method: 'GET', url: url(`/items/${item.id}`) })).json();
    expect(after.consensusAnnotations[0].payload.data.point.patient).toEqual([0, 0, 0]);
  });

  it('remakes a disputed mask consensus with majority vote on request', async () => {
    const { imageId } = await insertDicomImage(f.database.db, f.projectId);
    const geometry = { columns: 4, rows: 1, frames: null, pixelSpacing: [1, 1] };
    await f.database.db
      .updateTable('images')
      .set({ geometry: JSON.stringify(geometry) })
      .where('id', '=', imageId)
      .execute();
    const item = await createItem({ imageId });
    // 4×1 masks: 1100, 1000, 0011: Dice 2/3, 0, 0 → disputed.
    const masks = [
      [0, 2, 2],
      [0, 1, 3],
      [2, 2],
    ];
    for (const [i, r] of item.readers.entries()) {
      const payload = {
        schemaVersion: 1,
        type: 'segmentation',
        labelId: maskLabel,
        imageRef: { imageId, sliceIndex: 0 },
        data: {
          representation: 'rle',
          mask: { width: 4, height: 1, runs: masks[i] },
          segment: { index: 1, labelId: maskLabel, name: 'm', colour: '#ff0000', locked: false },
        },
      };
      const res = await asUser(r.userId, {
        method: 'POST',
        url: url('/annotations'),
        payload: { labelId: maskLabel, imageId, payload },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect((await move(r.userId, r.taskId, 'done')).statusCode).toBe(200);
    }
    expect((await settled(item.id)).status).toBe('disputed');
    const first = (await f.as('reviewer', { method: 'GET', url: url(`/items/${item.id}`) })).json().consensus;
    expect(first.labels.find((l: { labelId: string }) => l.labelId === maskLabel).method).toBe('staple');
    const remade = await f.as('reviewer', {
      method: 'POST',
      url: url(`/items/${item.id}/consensus`),
      payload: { method: 'majority-vote' },
    });
    expect(remade.statusCode, remade.body).toBe(200);
    const label = remade.json().consensus.labels.find((l: { labelId: string }) => l.labelId === maskLabel);
    expect(label.method).toBe('majority-vote');
    expect(remade.json().consensus.id).not.toBe(first.id);
    // Pixel 0 has two votes of three: the only pixel of the vote.
    const png = await f.as('reviewer', {
      method: 'GET',
      url: url(`/items/${item.id}/masks/${maskLabel}.png?source=consensus`),
    });
    expect(png.statusCode).toBe(200);
    const detail = (await f.as('reviewer', { method: 'GET', url: url(`/items/${item.id}`) })).json();
    expect(detail.maskSlices).toContainEqual({ labelId: maskLabel, source: 'consensus', slices: [0] });
    const sets = await f.database.db
      .selectFrom('consensus_sets')
      .select(['id', 'status'])
      .where('item_id', '=', item.id)
      .execute();
    expect(sets.map((x) => x.status).sort()).toEqual(['proposed', 'superseded']);
  });

  describe('per-label thresholds', () => {
    const patch = (thresholds: Record<string, number>) =>
      f.as('manager', { method: 'PATCH', url: url(''), payload: { settings: { quality: { thresholds } } } });

    it('keeps a Dice threshold within 0–1 and a distance in mm', async () => {
      const ok = await patch({ [maskLabel]: 0.9, [pointLabel]: 12 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().settings.quality.thresholds).toEqual({ [maskLabel]: 0.9, [pointLabel]: 12 });
      const tooHigh = await patch({ [maskLabel]: 1.5 });
      expect(tooHigh.statusCode).toBe(400);
      expect(tooHigh.json().error.details).toEqual([
        {
          path: `body.settings.quality.thresholds.${maskLabel}`,
          message: "a mask label's agreement is a fraction from 0 to 1, not 1.5",
        },
      ]);
    });

    it('names a threshold for a label the project does not have', async () => {
      const res = await patch({ 'not-a-label': 0.5 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('no label not-a-label in this project');
    });
  });
});
