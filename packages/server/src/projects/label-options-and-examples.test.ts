import { randomUUID } from 'node:crypto';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

const FINDING = {
  kind: 'single',
  options: [
    { id: 'normal', name: 'Normal' },
    { id: 'benign', name: 'Benign' },
  ],
} as const;

/** A 5 × 7 colour JPEG from jpeg-js, an encoder independent of the decoder the server checks with. */
function jpegBytes(): Buffer {
  const [width, height] = [5, 7];
  const rgba = Buffer.alloc(width * height * 4, 200);
  return Buffer.from(jpeg.encode({ data: rgba, width, height }, 90).data);
}

eachDialect('label classification options and example images', (ctx) => {
  let f: ProjectFixture;
  const labels = () => `/api/projects/${f.projectId}/labels`;
  const newLabel = async (payload: Record<string, unknown>) =>
    f.as('manager', { method: 'POST', url: labels(), payload: { colour: '#336699', ...payload } });

  beforeAll(async () => {
    f = await createProjectFixture(ctx.database);
  });
  afterAll(() => f.close());

  describe('classification', () => {
    it('keeps a classification label’s kind and options, and gives other labels null', async () => {
      const made = await newLabel({
        name: `Finding ${randomUUID()}`,
        type: 'classification',
        classification: FINDING,
      });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ classification: FINDING, examples: [] });
      const box = await newLabel({ name: `Box ${randomUUID()}`, type: 'box' });
      expect(box.json().classification).toBeNull();
      const listed = (await f.as('viewer', { method: 'GET', url: labels() })).json().labels;
      expect(listed.find((l: { id: string }) => l.id === made.json().id).classification).toEqual(FINDING);
      const project = (await f.as('viewer', { method: 'GET', url: `/api/projects/${f.projectId}` })).json();
      expect(project.labels.find((l: { id: string }) => l.id === box.json().id).classification).toBeNull();
    });

    it('refuses a classification label without options, with bad options, or options on another type', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ type: 'classification' }, 'body.classification', /needs classification/],
        [
          { type: 'classification', classification: { kind: 'single', options: [] } },
          'body.classification.options',
          /1 to 100 options/,
        ],
        [
          {
            type: 'classification',
            classification: { kind: 'multiple', options: [FINDING.options[0], FINDING.options[0]] },
          },
          'body.classification.options.1.id',
          /used twice/,
        ],
        [
          { type: 'classification', classification: { kind: 'text', options: [FINDING.options[0]] } },
          'body.classification.options',
          /free-text/,
        ],
        [
          {
            type: 'classification',
            classification: { kind: 'single', options: [{ id: 'has space', name: 'X' }] },
          },
          'body.classification.options.0.id',
          /letters, digits/,
        ],
        [{ type: 'box', classification: FINDING }, 'body.classification', /has no classification/],
      ];
      for (const [payload, path, message] of cases) {
        const res = await newLabel({ name: `Bad ${randomUUID()}`, ...payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        const detail = res.json().error.details.find((d: { path: string }) => d.path === path);
        expect(detail?.message, res.body).toMatch(message);
      }
      const tooMany = Array.from({ length: 101 }, (_, i) => ({ id: `o${i}`, name: `Option ${i}` }));
      const res = await newLabel({
        name: `Many ${randomUUID()}`,
        type: 'classification',
        classification: { kind: 'single', options: tooMany },
      });
      expect(res.statusCode).toBe(400);
    });

    it('checks the labels of a new project the same way', async () => {
      const res = await f.as('viewer', {
        method: 'POST',
        url: '/api/projects',
        payload: {
          name: `p-${randomUUID()}`,
          labels: [
            { name: 'Ok', type: 'classification', colour: '#000000', classification: FINDING },
            { name: 'Missing', type: 'classification', colour: '#000000' },
          ],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('body.labels.1.classification');
      const good = await f.as('viewer', {
        method: 'POST',
        url: '/api/projects',
        payload: {
          name: `p-${randomUUID()}`,
          labels: [
            {
              name: 'Quality',
              type: 'classification',
              colour: '#000000',
              classification: { kind: 'text', options: [] },
            },
            { name: 'Liver', type: 'mask', colour: '#000000' },
          ],
        },
      });
      expect(good.statusCode, good.body).toBe(201);
      expect(good.json().labels.map((l: { classification: unknown }) => l.classification)).toEqual([
        { kind: 'text', options: [] },
        null,
      ]);
    });

    it('changes options with PATCH, drops them when the type changes, and asks for them when it becomes one', async () => {
      const id = (
        await newLabel({ name: `Q ${randomUUID()}`, type: 'classification', classification: FINDING })
      ).json().id;
      const url = `${labels()}/${id}`;
      const renamed = {
        kind: 'multiple',
        options: [{ id: 'normal', name: 'No finding' }, FINDING.options[1]],
      };
      const patched = await f.as('owner', { method: 'PATCH', url, payload: { classification: renamed } });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json().classification).toEqual(renamed);
      // Another field alone leaves the options as they are.
      const recoloured = await f.as('owner', { method: 'PATCH', url, payload: { colour: '#ffffff' } });
      expect(recoloured.json().classification).toEqual(renamed);
      const cleared = await f.as('owner', { method: 'PATCH', url, payload: { classification: null } });
      expect(cleared.statusCode).toBe(400);
      expect(cleared.json().error.details[0].path).toBe('body.classification');
      const retyped = await f.as('owner', { method: 'PATCH', url, payload: { type: 'point' } });
      expect(retyped.json()).toMatchObject({ type: 'point', classification: null });
      const back = await f.as('owner', { method: 'PATCH', url, payload: { type: 'classification' } });
      expect(back.statusCode).toBe(400);
      expect(back.json().error.message).toMatch(/needs classification/);
      const withOptions = await f.as('owner', {
        method: 'PATCH',
        url,
        payload: { type: 'classification', classification: FINDING },
      });
      expect(withOptions.json()).toMatchObject({ type: 'classification', classification: FINDING });
      const onPoint = await f.as('owner', {
        method: 'PATCH',
        url: `${labels()}/${(await newLabel({ name: `P ${randomUUID()}`, type: 'point' })).json().id}`,
        payload: { classification: FINDING },
      });
      expect(onPoint.statusCode).toBe(400);
    });
  });

  describe('example images', () => {
    let labelId: string;
    const examples = () => `${labels()}/${labelId}/examples`;
    const upload = (bytes: Uint8Array, type: string, query = '') =>
      f.as('manager', {
        method: 'POST',
        url: `${examples()}${query}`,
        headers: { 'content-type': type },
        payload: Buffer.from(bytes),
      });

    beforeAll(async () => {
      labelId = (await newLabel({ name: `Lesion ${randomUUID()}`, type: 'box' })).json().id;
    });

    it('stores a PNG and a JPEG, measures them, lists them on the label and serves their bytes', async () => {
      const png = pngBytes(8, 6, 3);
      const first = await upload(png, 'image/png', '?caption=%20A%20typical%20lesion%20');
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toEqual({
        id: expect.any(String),
        caption: 'A typical lesion',
        mediaType: 'image/png',
        width: 8,
        height: 6,
      });
      const second = await upload(jpegBytes(), 'image/jpeg; charset=binary');
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json()).toMatchObject({ caption: '', mediaType: 'image/jpeg', width: 5, height: 7 });

      const label = (await f.as('annotator', { method: 'GET', url: labels() }))
        .json()
        .labels.find((l: { id: string }) => l.id === labelId);
      expect(label.examples.map((e: { id: string }) => e.id).sort()).toEqual(
        [first.json().id, second.json().id].sort(),
      );
      const file = await f.as('viewer', { method: 'GET', url: `${examples()}/${first.json().id}` });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(file.rawPayload.equals(Buffer.from(png))).toBe(true);
      const jpg = await f.as('viewer', { method: 'GET', url: `${examples()}/${second.json().id}` });
      expect(jpg.headers['content-type']).toBe('image/jpeg');
      expect(jpg.rawPayload.equals(jpegBytes())).toBe(true);

      const audit = await ctx.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', labelId)
        .execute();
      expect(audit.map((a) => a.action)).toContain('label.example.add');
    });

    it('refuses bytes that are not the PNG or JPEG they claim to be', async () => {
      const text = new TextEncoder().encode('not really a picture');
      const fake = await upload(text, 'image/png');
      expect(fake.statusCode).toBe(400);
      expect(fake.json().error.message).toMatch(/not a PNG or JPEG/);
      const swapped = await upload(jpegBytes(), 'image/png');
      expect(swapped.json().error.message).toBe('the bytes are a JPEG, but Content-Type says image/png');
      const cut = await upload(pngBytes(8, 6).slice(0, 40), 'image/png');
      expect(cut.statusCode).toBe(400);
      expect(cut.json().error.message).toMatch(/^the PNG can't be read/);
      const gif = await upload(new TextEncoder().encode('GIF89a'), 'image/gif');
      expect(gif.statusCode).toBe(400);
      expect(gif.json().error.message).toMatch(/Content-Type image\/png or image\/jpeg \(got image\/gif\)/);
      const json = await f.as('manager', { method: 'POST', url: examples(), payload: { image: 'x' } });
      expect(json.statusCode).toBe(400);
      const caption = await upload(pngBytes(2, 2), 'image/png', `?caption=${'x'.repeat(501)}`);
      expect(caption.json().error.details[0].path).toBe('querystring.caption');
    });

    it('refuses more than 10 MB, and more than 12 examples per label', async () => {
      const huge = new Uint8Array(10 * 1024 * 1024 + 1);
      huge.set(pngBytes(2, 2));
      const big = await upload(huge, 'image/png');
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');

      const full = (await newLabel({ name: `Full ${randomUUID()}`, type: 'point' })).json().id;
      const add = (seed: number) =>
        f.as('owner', {
          method: 'POST',
          url: `${labels()}/${full}/examples`,
          headers: { 'content-type': 'image/png' },
          payload: Buffer.from(pngBytes(3, 3, seed)),
        });
      for (let i = 0; i < 12; i++) expect((await add(i)).statusCode).toBe(201);
      const thirteenth = await add(12);
      expect(thirteenth.statusCode).toBe(409);
      expect(thirteenth.json().error.message).toMatch(/12 examples/);
    });

    it('deletes an example; it is gone from the label and its address, and other labels can’t reach it', async () => {
      const made = (await upload(pngBytes(4, 4, 9), 'image/png')).json();
      const other = (await newLabel({ name: `Other ${randomUUID()}`, type: 'box' })).json().id;
      const wrongLabel = await f.as('viewer', {
        method: 'GET',
        url: `${labels()}/${other}/examples/${made.id}`,
      });
      expect(wrongLabel.statusCode).toBe(404);
      const gone = await f.as('owner', { method: 'DELETE', url: `${examples()}/${made.id}` });
      expect(gone.statusCode).toBe(204);
      expect((await f.as('owner', { method: 'GET', url: `${examples()}/${made.id}` })).statusCode).toBe(404);
      const label = (await f.as('owner', { method: 'GET', url: labels() }))
        .json()
        .labels.find((l: { id: string }) => l.id === labelId);
      expect(label.examples.map((e: { id: string }) => e.id)).not.toContain(made.id);
      // Deleting the label takes its examples with it.
      await f.as('owner', { method: 'DELETE', url: `${labels()}/${labelId}` });
      const left = await ctx.database.db
        .selectFrom('label_examples')
        .select('id')
        .where('label_id', '=', labelId)
        .execute();
      expect(left).toEqual([]);
    });
  });
});
