import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import {
  bearer,
  CALLERS,
  createProjectFixture,
  type ProjectFixture,
} from '../test-support/project-fixture.js';
import { blobsUrl, labelMapNifti, torsoLabelMap, uploadAs } from './label-map-test-data.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Keys in the fixture's blob store, and whether its temp folder is empty (nothing half-written). */
async function storedKeys(fixture: ProjectFixture): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of fixture.blobs.keys()) keys.push(key);
  expect(await readdir(join(fixture.blobs.root, 'tmp'))).toEqual([]);
  return keys.sort();
}

async function rowCount(fixture: ProjectFixture): Promise<number> {
  const rows = await fixture.database.db.selectFrom('annotation_blobs').select('blob_key').execute();
  return rows.length;
}

eachDialect('label-map blob routes', (context) => {
  describe('upload and read back', () => {
    let f: ProjectFixture;
    beforeAll(async () => {
      f = await createProjectFixture(context.database);
    });
    afterAll(() => f.close());

    it('stores a NIfTI from core’s writer, answers its key, size and grid, and reads it back byte-identical', async () => {
      const nifti = labelMapNifti([10, 8, 6]);
      const res = await uploadAs(f, 'annotator', nifti);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ blobKey: sha256(nifti), size: nifti.length, dims: [10, 8, 6] });
      const read = await f.as('annotator', { method: 'GET', url: blobsUrl(f, sha256(nifti)) });
      expect(read.statusCode).toBe(200);
      expect(read.headers['content-type']).toBe('application/octet-stream');
      expect(read.headers['cache-control']).toContain('immutable');
      expect(read.headers.etag).toBe(`"${sha256(nifti)}"`);
      expect(new Uint8Array(read.rawPayload)).toEqual(nifti);
      const row = await f.database.db
        .selectFrom('annotation_blobs')
        .selectAll()
        .where('blob_key', '=', sha256(nifti))
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        project_id: f.projectId,
        uploaded_by: f.users.annotator.id,
        size: nifti.length,
        dims: '[10,8,6]',
      });
    });

    it('is idempotent: the same bytes again answer the same key and add no row', async () => {
      const nifti = labelMapNifti([4, 4, 4], { dataType: 'int16' });
      const first = await uploadAs(f, 'manager', nifti);
      const rows = await rowCount(f);
      const second = await uploadAs(f, 'manager', nifti);
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(second.json()).toEqual(first.json());
      expect(await rowCount(f)).toBe(rows);
    });

    it('accepts a gzipped upload, keeping the gzipped bytes, and a real label map from NiiVue', async () => {
      const gz = gzipSync(labelMapNifti([12, 12, 5], { dataType: 'uint16' }));
      const res = await uploadAs(f, 'reviewer', gz);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ blobKey: sha256(gz), size: gz.length, dims: [12, 12, 5] });
      const read = await f.as('reviewer', { method: 'GET', url: blobsUrl(f, sha256(gz)) });
      expect(new Uint8Array(read.rawPayload)).toEqual(new Uint8Array(gz));
      const asGzip = await f.as('reviewer', {
        method: 'POST',
        url: blobsUrl(f),
        headers: { 'content-type': 'application/gzip' },
        payload: gz,
      });
      expect(asGzip.statusCode, asGzip.body).toBe(201);
      expect(asGzip.json().blobKey).toBe(sha256(gz));

      const torso = torsoLabelMap();
      const real = await uploadAs(f, 'owner', torso);
      expect(real.statusCode, real.body).toBe(201);
      expect(real.json().dims).toEqual([384, 320, 89]);
      const back = await f.as('owner', { method: 'GET', url: blobsUrl(f, sha256(torso)) });
      expect(new Uint8Array(back.rawPayload)).toEqual(torso);
    });

    it('refuses garbage, truncated and non-label files with 400, storing nothing', async () => {
      const before = await storedKeys(f);
      const rows = await rowCount(f);
      const nifti = labelMapNifti([16, 16, 8]);
      const gz = gzipSync(nifti);
      const cases: Array<[Uint8Array, string]> = [
        [new TextEncoder().encode('<html>not a label map</html>'.repeat(40)), 'sizeof_hdr'],
        [nifti.subarray(0, nifti.length - 100), 'truncated'],
        [gz.subarray(0, gz.length - 20), 'gzip stream is damaged'],
        [labelMapNifti([4, 4, 4], { dataType: 'float32' }), 'float32'],
        [new Uint8Array(0), 'not a usable NIfTI'],
      ];
      for (const [bytes, why] of cases) {
        const res = await uploadAs(f, 'annotator', bytes);
        expect(res.statusCode, why).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect(res.json().error.message).toContain(why);
      }
      expect(await storedKeys(f)).toEqual(before);
      expect(await rowCount(f)).toBe(rows);
    });

    it('takes only NIfTI bytes as octet-stream (or gzip), and validates keys before any lookup', async () => {
      const json = await f.as('annotator', { method: 'POST', url: blobsUrl(f), payload: { x: 1 } });
      expect(json.statusCode).toBe(400);
      for (const key of ['..%2F..%2Fetc%2Fpasswd', 'A'.repeat(64), 'a'.repeat(63)]) {
        const res = await f.as('owner', { method: 'GET', url: blobsUrl(f, key) });
        expect(res.statusCode, key).toBe(400);
      }
      const missing = await f.as('owner', { method: 'GET', url: blobsUrl(f, 'e'.repeat(64)) });
      expect(missing.statusCode).toBe(404);
    });

    it('over a real connection, answers a refused upload with its 400 before reading the rest', async () => {
      const url = await f.app.listen({ port: 0, host: '127.0.0.1' });
      const float = labelMapNifti([4, 4, 4], { dataType: 'float32' });
      const body = Buffer.concat([float, Buffer.alloc(4 * 1024 * 1024)]);
      const answer = await new Promise<{ status?: number; connection?: string; text: string }>(
        (resolve, reject) => {
          const req = request(
            `${url}${blobsUrl(f)}`,
            {
              method: 'POST',
              headers: {
                ...bearer(f.users.owner.token),
                'content-type': 'application/octet-stream',
                'content-length': body.length,
              },
            },
            (res) => {
              let text = '';
              res.on('data', (chunk) => {
                text += chunk;
              });
              res.on('end', () =>
                resolve({ status: res.statusCode, connection: res.headers.connection, text }),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        },
      );
      expect(answer.status).toBe(400);
      expect(answer.connection).toBe('close');
      expect(answer.text).toContain('its voxels are float32');
    });

    it('lists both routes in the OpenAPI document under their tag', async () => {
      const doc = (await f.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      const post = doc.paths['/api/projects/{projectId}/annotation-blobs'].post;
      const get = doc.paths['/api/projects/{projectId}/annotation-blobs/{blobKey}'].get;
      expect(post.tags).toEqual(['annotation-blobs']);
      expect(get.tags).toEqual(['annotation-blobs']);
      expect(Object.keys(post.responses)).toContain('201');
    });
  });

  describe('the upload limit', () => {
    let f: ProjectFixture;
    beforeAll(async () => {
      // The label-map limit is the smaller of 512 MB and the server's upload limit.
      f = await createProjectFixture(context.database, { maxUploadBytes: 20_000 });
    });
    afterAll(() => f.close());

    it('refuses more bytes than the limit with 413 and stores nothing; the limit itself is fine', async () => {
      const big = labelMapNifti([30, 30, 30]);
      expect(big.length).toBeGreaterThan(20_000);
      const res = await uploadAs(f, 'owner', big);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await storedKeys(f)).toEqual([]);
      const small = await uploadAs(f, 'owner', labelMapNifti([20, 20, 20]));
      expect(small.statusCode, small.body).toBe(201);
    });

    it('refuses a gzipped file that expands far past the limit, once its header says so', async () => {
      const bomb = gzipSync(labelMapNifti([200, 200, 50]));
      expect(bomb.length).toBeLessThan(20_000);
      const res = await uploadAs(f, 'owner', bomb);
      expect(res.statusCode).toBe(413);
    });
  });

  describe('who may upload and read', () => {
    for (const reading of ['blind', 'open'] as const) {
      describe(`in a ${reading} project`, () => {
        let f: ProjectFixture;
        let asB: (options: InjectOptions) => ReturnType<ProjectFixture['as']>;
        let aKey: string;
        beforeAll(async () => {
          f = await createProjectFixture(context.database, { settings: { reading } });
          const b = await f.addMember('annotator');
          asB = (options) =>
            f.app.inject({ ...options, headers: { ...options.headers, ...bearer(b.token) } });
          const nifti = labelMapNifti([6, 6, 3]);
          aKey = (await uploadAs(f, 'annotator', nifti)).json().blobKey;
        });
        afterAll(() => f.close());

        it('lets annotators and above upload (annotations.write); viewers 403, outsiders 404', async () => {
          const expected: Record<string, number> = {
            owner: 201,
            manager: 201,
            annotator: 201,
            reviewer: 201,
            viewer: 403,
            outsider: 404,
            admin: 201,
            anonymous: 401,
          };
          for (const caller of CALLERS) {
            const res = await uploadAs(f, caller, labelMapNifti([3, 3, 3]));
            expect(res.statusCode, caller).toBe(expected[caller]);
          }
        });

        it(`lets the uploader, owners, managers, reviewers and viewers read A's blob; annotator B ${reading === 'blind' ? 'gets 404' : 'too'}`, async () => {
          for (const caller of ['annotator', 'owner', 'manager', 'reviewer', 'viewer', 'admin'] as const) {
            const res = await f.as(caller, { method: 'GET', url: blobsUrl(f, aKey) });
            expect(res.statusCode, caller).toBe(200);
          }
          const b = await asB({ method: 'GET', url: blobsUrl(f, aKey) });
          const missing = await asB({ method: 'GET', url: blobsUrl(f, 'f'.repeat(64)) });
          expect(b.statusCode).toBe(reading === 'blind' ? 404 : 200);
          if (reading === 'blind') expect(b.json().error.code).toBe(missing.json().error.code);
          expect((await f.as('outsider', { method: 'GET', url: blobsUrl(f, aKey) })).statusCode).toBe(404);
          expect((await f.as('anonymous', { method: 'GET', url: blobsUrl(f, aKey) })).statusCode).toBe(401);
        });

        it('lets B read the same bytes once B has uploaded them too', async () => {
          const res = await asB({
            method: 'POST',
            url: blobsUrl(f),
            headers: { 'content-type': 'application/octet-stream' },
            payload: Buffer.from(labelMapNifti([6, 6, 3])),
          });
          expect(res.json().blobKey).toBe(aKey);
          expect((await asB({ method: 'GET', url: blobsUrl(f, aKey) })).statusCode).toBe(200);
        });
      });
    }
  });
});
