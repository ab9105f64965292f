import { staple } from '@voxelhub/core';
import { encodeBinaryRle } from '@voxelhub/core/annotation';
import { decode as decodePng } from 'fast-png';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertTypedLabel } from '../annotations/annotation-test-data.js';
import { CONSENSUS_USER_ID } from '../storage/migrations/0010-quality.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertDicomImage } from '../storage/test-rows.js';
import { bearer, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

/**
 * The "done when": a project with three readers per item produces, with nobody running a
 * script, agreement per label and annotator, a review queue of the disputed items and a consensus with
 * provenance. Three annotators read two 16×16 images: on the first they nearly agree, on the second
 * they don't. Everything goes through the HTTP API; the job worker computes agreement in the background.
 */

const W = 16;
const H = 16;
const SPACING = 0.5;

/** An inline mask of a w×h rectangle at (x, y) on the 16×16 slice. */
function rectMask(labelId: string, imageId: string, x: number, y: number, w: number, h: number) {
  const pixels = new Uint8Array(W * H);
  for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) pixels[j * W + i] = 1;
  return {
    schemaVersion: 1,
    type: 'segmentation',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: {
      representation: 'rle',
      mask: encodeBinaryRle(pixels, W, H),
      segment: { index: 1, labelId, name: 'lesion', colour: '#ff0000', locked: false },
    },
  };
}

function square(x: number, y: number): Uint8Array {
  const pixels = new Uint8Array(W * H);
  for (let j = y; j < y + 8; j++) for (let i = x; i < x + 8; i++) pixels[j * W + i] = 1;
  return pixels;
}

const point = (i: number, j: number) => ({ index: [i, j, 0], patient: [i * SPACING, j * SPACING, 0] });

function box(labelId: string, imageId: string, x0: number, y0: number, x1: number, y1: number) {
  return {
    schemaVersion: 1,
    type: 'box2d',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: { min: point(x0, y0), max: point(x1, y1) },
  };
}

function landmark(labelId: string, imageId: string, i: number, j: number) {
  return {
    schemaVersion: 2,
    type: 'landmark',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: { name: 'carina', point: point(i, j) },
  };
}

function finding(labelId: string, imageId: string, choice: string) {
  return {
    schemaVersion: 1,
    type: 'classification',
    labelId,
    imageRef: { imageId },
    data: { level: 'image', value: { kind: 'single', choice } },
  };
}

interface Item {
  id: string;
  status: string;
  imageId: string;
  readers: { userId: string; taskId: string; taskStatus: string }[];
  agreement:
    | {
        labelId: string;
        metric: string;
        value: number | null;
        passed: boolean;
        pairs: unknown[];
        perReader: { userId: string; value: number | null }[];
      }[]
    | null;
  consensusId: string | null;
}

eachDialect('multi-reader quality: agreement, review queue and consensus', (context) => {
  let f: ProjectFixture;
  let tokens: Map<string, string>;
  const images: string[] = [];
  const labels = { mask: '', box: '', point: '', finding: '' };
  let items: Item[] = [];
  const url = (rest: string) => `/api/projects/${f.projectId}${rest}`;
  const asUser = (userId: string, options: InjectOptions) =>
    f.app.inject({ ...options, headers: bearer(tokens.get(userId)!) });

  async function waitFor(itemId: string, settled: (status: string) => boolean): Promise<Item> {
    for (let i = 0; i < 400; i++) {
      const res = await f.as('reviewer', { method: 'GET', url: url(`/items/${itemId}`) });
      const item = res.json().item as Item;
      if (settled(item.status)) return item;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`item ${itemId} never settled`);
  }

  async function read(userId: string, imageId: string, payloads: Record<string, unknown>[]) {
    for (const payload of payloads) {
      const res = await asUser(userId, {
        method: 'POST',
        url: url('/annotations'),
        payload: { labelId: payload.labelId, imageId, payload },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }

  async function finish(userId: string, itemId: string) {
    const item = items.find((i) => i.id === itemId)!;
    const task = item.readers.find((r) => r.userId === userId)!;
    const res = await asUser(userId, {
      method: 'PATCH',
      url: url(`/tasks/${task.taskId}`),
      payload: { status: 'done' },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  beforeAll(async () => {
    f = await createProjectFixture(context.database, {
      settings: { readersPerItem: 3, reading: 'blind', assignment: 'round-robin' },
      imports: { worker: { pollMs: 20 } },
    });
    const second = await f.addMember('annotator');
    const third = await f.addMember('annotator');
    tokens = new Map([
      [f.users.annotator.id, f.users.annotator.token],
      [second.id, second.token],
      [third.id, third.token],
    ]);
    const db = f.database.db;
    for (let i = 0; i < 2; i++) {
      const { imageId } = await insertDicomImage(db, f.projectId);
      // As the import records a DICOM instance: its pixel grid and plane.
      const geometry = {
        columns: W,
        rows: H,
        frames: null,
        pixelSpacing: [SPACING, SPACING],
        position: [0, 0, 0],
        orientation: [
          [1, 0, 0],
          [0, 1, 0],
        ],
      };
      await db
        .updateTable('images')
        .set({ geometry: JSON.stringify(geometry) })
        .where('id', '=', imageId)
        .execute();
      images.push(imageId);
    }
    labels.mask = await insertTypedLabel(db, f.projectId, 'mask');
    labels.box = await insertTypedLabel(db, f.projectId, 'box');
    labels.point = await insertTypedLabel(db, f.projectId, 'point');
    const made = await f.as('manager', {
      method: 'POST',
      url: url('/labels'),
      payload: {
        name: 'Finding',
        type: 'classification',
        colour: '#336699',
        classification: {
          kind: 'single',
          options: ['normal', 'benign', 'malignant'].map((id) => ({ id, name: id })),
        },
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    labels.finding = made.json().id;
  });
  afterAll(() => f.close());

  it('creates each item with three different annotators, dealt round-robin', async () => {
    const res = await f.as('manager', {
      method: 'POST',
      url: url('/items'),
      payload: { items: images.map((imageId) => ({ imageId })) },
    });
    expect(res.statusCode, res.body).toBe(201);
    items = res.json().items;
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.status).toBe('reading');
      expect(new Set(item.readers.map((r) => r.userId))).toEqual(new Set(tokens.keys()));
    }
    const again = await f.as('manager', {
      method: 'POST',
      url: url('/items'),
      payload: { items: [{ imageId: images[0] }] },
    });
    expect(again.statusCode).toBe(409);
    const annotator = await f.as('annotator', {
      method: 'POST',
      url: url('/items'),
      payload: { items: [{ imageId: images[0] }] },
    });
    expect(annotator.statusCode).toBe(403);
  });

  it('computes agreement in the background once the third reader is done, not before', async () => {
    const [a, b, c] = [...tokens.keys()] as [string, string, string];
    const [close, far] = [items[0]!.id, items[1]!.id];
    // Item 1: masks of 8×8 shifted by one pixel, boxes 1 px apart, landmarks within 0.5 mm, same finding.
    // Item 2: three disjoint masks, one reader with no box, landmarks 5 mm apart, three different findings.
    // Per reader and item: mask [x, y, size], box [x0, y0, x1, y1] or none, landmark [i, j], finding.
    type Reading = [string, number, [number, number, number], number[] | null, [number, number], string];
    const readings: Reading[] = [
      [a, 0, [4, 4, 8], [2, 2, 10, 10], [8, 8], 'benign'],
      [b, 0, [5, 4, 8], [3, 2, 11, 10], [9, 8], 'benign'],
      [c, 0, [4, 5, 8], [2, 3, 10, 11], [8, 9], 'benign'],
      [a, 1, [0, 0, 4], [0, 0, 4, 4], [0, 0], 'normal'],
      [b, 1, [10, 10, 4], [0, 0, 4, 4], [10, 0], 'benign'],
      [c, 1, [0, 10, 4], null, [0, 10], 'malignant'],
    ];
    for (const [reader, n, [mx, my, size], b0, [li, lj], answer] of readings) {
      const image = images[n]!;
      await read(reader, image, [
        rectMask(labels.mask, image, mx, my, size, size),
        ...(b0 ? [box(labels.box, image, b0[0]!, b0[1]!, b0[2]!, b0[3]!)] : []),
        landmark(labels.point, image, li, lj),
        finding(labels.finding, image, answer),
      ]);
    }
    for (const itemId of [close, far]) {
      await finish(a, itemId);
      await finish(b, itemId);
    }
    await new Promise((r) => setTimeout(r, 100));
    const pending = await f.as('reviewer', { method: 'GET', url: url(`/items/${close}`) });
    expect(pending.json().item.status).toBe('reading');
    for (const itemId of [close, far]) await finish(c, itemId);
    const agreed = await waitFor(close, (s) => s !== 'reading' && s !== 'computing');
    const disputed = await waitFor(far, (s) => s !== 'reading' && s !== 'computing');
    expect(agreed.status).toBe('agreed');
    expect(disputed.status).toBe('disputed');

    const byLabel = (item: Item, labelId: string) => item.agreement!.find((l) => l.labelId === labelId)!;
    // Two 8×8 squares shifted by one pixel share 7×8 = 56 of 64 pixels: Dice 56/64. The diagonal pair
    // (one shifted in x, the other in y) shares 7×7 = 49: Dice 49/64. Mean over the pairs: 161/192 ≥ 0.8.
    expect(byLabel(agreed, labels.mask).value).toBeCloseTo(161 / 192, 12);
    expect(byLabel(agreed, labels.mask).pairs).toHaveLength(3);
    // Boxes 8×8 shifted 1 px: IoU 56/72 (x) or 49/79 (diagonal), both ≥ 0.5: all match, F1 1.
    expect(byLabel(agreed, labels.box).value).toBe(1);
    // Landmarks: 0.5, 0.5 and 0.5·√2 mm apart.
    expect(byLabel(agreed, labels.point).value).toBeCloseTo((1 + Math.SQRT2 / 2) / 3, 12);
    expect(byLabel(agreed, labels.finding).value).toBe(1);
    expect(byLabel(disputed, labels.mask).value).toBe(0);
    expect(byLabel(disputed, labels.mask).passed).toBe(false);
    // Two readers' boxes match (F1 1), the third has none: F1 0 against each. Mean 1/3.
    expect(byLabel(disputed, labels.box).value).toBeCloseTo(1 / 3, 12);
    expect(byLabel(disputed, labels.finding).value).toBeCloseTo(1 / 3, 12);
  });

  it('accepts the consensus of an agreed item automatically, with its provenance', async () => {
    const res = await f.as('reviewer', { method: 'GET', url: url(`/items/${items[0]!.id}`) });
    expect(res.statusCode, res.body).toBe(200);
    const { consensus, consensusAnnotations, annotations, maskSlices, item } = res.json();
    expect(item).toMatchObject({ format: 'dicom', dims: [W, H, 1] });
    expect(maskSlices).toHaveLength(4);
    expect(maskSlices).toContainEqual({ labelId: labels.mask, source: 'consensus', slices: [0] });
    expect(consensus.status).toBe('accepted');
    expect(consensus.method).toBe('automatic');
    expect(consensus.inputs).toHaveLength(12);
    const methods = Object.fromEntries(
      consensus.labels.map((l: { labelId: string; method: string }) => [l.labelId, l.method]),
    );
    expect(methods).toEqual({
      [labels.mask]: 'staple',
      [labels.box]: 'weighted-box-fusion',
      [labels.point]: 'mean-position',
      [labels.finding]: 'majority-label',
    });
    const stapleLabel = consensus.labels.find((l: { method: string }) => l.method === 'staple');
    expect(stapleLabel.readers).toHaveLength(3);
    for (const r of stapleLabel.readers) {
      expect(r.sensitivity).toBeGreaterThan(0.7);
      expect(r.specificity).toBeGreaterThan(0.9);
    }
    expect(annotations).toHaveLength(3);
    expect(consensusAnnotations.every((a: { createdBy: string }) => a.createdBy === CONSENSUS_USER_ID)).toBe(
      true,
    );
    const fused = consensusAnnotations.find((a: { payload: { type: string } }) => a.payload.type === 'box2d');
    // The mean of (2,2)-(10,10), (3,2)-(11,10) and (2,3)-(10,11).
    expect(fused.payload.data.min.index).toEqual([7 / 3, 7 / 3, 0]);
    expect(fused.payload.data.min.patient[0]).toBeCloseTo((7 / 3) * SPACING, 12);
    const mean = consensusAnnotations.find(
      (a: { payload: { type: string } }) => a.payload.type === 'landmark',
    );
    expect(mean.payload.data.point.patient[0]).toBeCloseTo((25 / 3) * SPACING, 12);
    const label = consensusAnnotations.find(
      (a: { payload: { type: string } }) => a.payload.type === 'classification',
    );
    expect(label.payload.data.value.choice).toBe('benign');
    // The consensus mask: each pixel marked by at least two of the three squares.
    const png = await f.as('reviewer', {
      method: 'GET',
      url: url(`/items/${items[0]!.id}/masks/${labels.mask}.png?source=consensus&slice=0`),
    });
    expect(png.statusCode, png.body).toBe(200);
    const mask = decodePng(new Uint8Array(png.rawPayload)).data;
    // It is the STAPLE estimate of the three squares as stored: every pixel two readers marked (A∩B ∪ A∩C,
    // 56 + 56 − 49 = 63 pixels) and nothing no reader marked. STAPLE, unlike a vote, may add a pixel only
    // one reader marked when that reader is estimated the most reliable (here A's corner (4, 4)).
    const squares = [square(4, 4), square(5, 4), square(4, 5)];
    const expected = staple(squares).consensus;
    let votes2 = 0;
    for (let i = 0; i < W * H; i++) {
      const votes = squares.reduce((n, s) => n + s[i]!, 0);
      if (votes >= 2) votes2++;
      if (votes >= 2) expect(mask[i], `pixel ${i}`).toBe(255);
      if (votes === 0) expect(mask[i], `pixel ${i}`).toBe(0);
      expect(mask[i], `pixel ${i}`).toBe(expected[i]! * 255);
    }
    expect(votes2).toBe(63);
  });

  it('hides the queue and the consensus from blind annotators', async () => {
    expect((await f.as('annotator', { method: 'GET', url: url('/items') })).statusCode).toBe(403);
    expect((await f.as('annotator', { method: 'GET', url: url('/quality') })).statusCode).toBe(403);
    const mine = await f.as('annotator', { method: 'GET', url: url(`/annotations?imageId=${images[0]}`) });
    const authors = new Set(mine.json().annotations.map((a: { createdBy: string }) => a.createdBy));
    expect([...authors]).toEqual([f.users.annotator.id]);
  });

  it('puts the disputed item in the review queue, worst first, with a proposed consensus', async () => {
    const res = await f.as('reviewer', { method: 'GET', url: url('/items?status=disputed') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].id).toBe(items[1]!.id);
    const detail = (await f.as('reviewer', { method: 'GET', url: url(`/items/${items[1]!.id}`) })).json();
    expect(detail.consensus.status).toBe('proposed');
    const finding = detail.consensus.labels.find((l: { labelId: string }) => l.labelId === labels.finding);
    expect(finding.needsAdjudication).toBe(true);
  });

  it('reports agreement per label, per annotator and over time', async () => {
    const res = await f.as('manager', { method: 'GET', url: url('/quality') });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.summary).toMatchObject({ items: 2, agreed: 1, disputed: 1 });
    const mask = report.perLabel.find((l: { labelId: string }) => l.labelId === labels.mask);
    expect(mask).toMatchObject({ metric: 'dice', n: 2, belowThreshold: 1 });
    expect(mask.mean).toBeCloseTo(161 / 384, 12);
    const findingRow = report.perLabel.find((l: { labelId: string }) => l.labelId === labels.finding);
    // Two items, three readers each: all agree on one, all differ on the other. Fleiss' kappa by hand:
    // P̄ = (1 + 0)/2 = 0.5; category shares 1/6, 4/6, 1/6 → P̄e = (1 + 16 + 1)/36 = 0.5; κ = 0.
    expect(findingRow.fleissKappa).toBeCloseTo(0, 12);
    expect(report.perAnnotator).toHaveLength(3);
    for (const a of report.perAnnotator) expect(a).toMatchObject({ itemsDone: 2, itemsAssigned: 2 });
    expect(report.overTime).toHaveLength(1);
    expect(report.worstItems[0].id).toBe(items[1]!.id);
  });

  it('sends an item back with a comment, then resolves it by accepting one reader', async () => {
    const itemId = items[1]!.id;
    const [a, b, c] = [...tokens.keys()] as [string, string, string];
    const noComment = await f.as('reviewer', {
      method: 'POST',
      url: url(`/items/${itemId}/decision`),
      payload: { action: 'send-back', comment: ' ' },
    });
    expect(noComment.statusCode).toBe(400);
    const back = await f.as('reviewer', {
      method: 'POST',
      url: url(`/items/${itemId}/decision`),
      payload: { action: 'send-back', comment: 'Outline the whole lesion', readerIds: [c] },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().item.status).toBe('sent_back');
    const reopened = back.json().item.readers.find((r: { userId: string }) => r.userId === c);
    expect(reopened.taskStatus).toBe('in_progress');
    const reviews = await asUser(c, { method: 'GET', url: url(`/reviews`) });
    expect(
      reviews.json().reviews.some((r: { comment: string }) => r.comment === 'Outline the whole lesion'),
    ).toBe(true);
    await finish(c, itemId);
    const again = await waitFor(itemId, (s) => s === 'disputed' || s === 'agreed');
    expect(again.status).toBe('disputed');
    const accept = await f.as('reviewer', {
      method: 'POST',
      url: url(`/items/${itemId}/decision`),
      payload: { action: 'accept-reader', readerId: b, comment: 'B is right' },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json().item.status).toBe('resolved');
    expect(accept.json().consensus).toMatchObject({ status: 'accepted', method: 'reader-accepted' });
    expect(accept.json().consensus.inputs.every((i: { readerId: string }) => i.readerId === b)).toBe(true);
    const twice = await f.as('reviewer', {
      method: 'POST',
      url: url(`/items/${itemId}/decision`),
      payload: { action: 'accept-consensus' },
    });
    expect(twice.statusCode).toBe(409);
    const log = await f.as('manager', { method: 'GET', url: url('/audit?action=quality.') });
    expect(log.statusCode, log.body).toBe(200);
    const audit = log.json().entries as { action: string; details: Record<string, unknown> }[];
    expect((await f.as('reviewer', { method: 'GET', url: url('/audit') })).statusCode).toBe(403);
    const actions = audit.map((row) => row.action);
    for (const action of [
      'quality.item.create',
      'quality.agreement.computed',
      'quality.consensus.create',
      'quality.decision.send-back',
      'quality.decision.accept-reader',
    ])
      expect(actions, action).toContain(action);
    const sent = audit.find((row) => row.action === 'quality.decision.send-back')!;
    expect(sent.details).toMatchObject({ comment: 'Outline the whole lesion', readers: [c] });
    expect(a).not.toBe(b);
  });
});
