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

  async function landmarkBy(userId: string, imageId: string) {
    const payload = {
      schemaVersion: 2,
      type: 'landmark',
      labelId: pointLabel,
      imageRef: { imageId, sliceIndex: 0 },
      data: { name: 'carina', point: { index: [1, 1, 0], patient: [1, 1, 0] } },
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
    const again = await f.as('manager', {
      method: 'POST',
      url: url('/items'),
      payload: { items: [{ imageId }] },
    });
    expect(again.statusCode).toBe(409);
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
