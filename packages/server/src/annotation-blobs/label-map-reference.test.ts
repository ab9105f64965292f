import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationsUrl, insertTypedLabel } from '../annotations/annotation-test-data.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertDicomImage } from '../storage/test-rows.js';
import {
  bearer,
  type Caller,
  createProjectFixture,
  type ProjectFixture,
} from '../test-support/project-fixture.js';
import {
  blobsUrl,
  insertSeriesInstances,
  insertVolumeImage,
  labelMapNifti,
  labelMapPayload,
  uploadAs,
} from './label-map-test-data.js';

/** Annotation writes that name a label-map blob: it must be uploaded here, visible, and on the grid. */
eachDialect('labelMap segmentations and their blobs', (context) => {
  let f: ProjectFixture;
  let maskLabel: string;
  let volumeId: string;
  let series: { seriesId: string; imageIds: string[] };
  let asB: (options: InjectOptions) => ReturnType<ProjectFixture['as']>;

  async function upload(caller: Caller, dims: [number, number, number]): Promise<string> {
    const res = await uploadAs(f, caller, labelMapNifti(dims));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().blobKey;
  }

  function create(
    caller: Caller,
    target: { imageId: string } | { seriesId: string },
    imageId: string,
    blobKey: string,
  ) {
    return f.as(caller, {
      method: 'POST',
      url: annotationsUrl(f),
      payload: { labelId: maskLabel, ...target, payload: labelMapPayload(maskLabel, imageId, blobKey) },
    });
  }

  function expectRefused(res: Awaited<ReturnType<typeof create>>, why: string) {
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      { path: 'body.payload.data.blobKey', message: expect.stringContaining(why) },
    ]);
  }

  beforeAll(async () => {
    f = await createProjectFixture(context.database);
    const db = f.database.db;
    maskLabel = await insertTypedLabel(db, f.projectId, 'mask');
    volumeId = await insertVolumeImage(db, f.projectId, [10, 8, 6]);
    // A DICOM series of 5 instances of 12 × 9 (the fixture's first instance has no stored geometry).
    const first = await insertDicomImage(db, f.projectId);
    await db
      .updateTable('images')
      .set({ geometry: JSON.stringify({ columns: 12, rows: 9, frames: 1 }) })
      .where('id', '=', first.imageId)
      .execute();
    const more = await insertSeriesInstances(db, f.projectId, first.seriesId, 4, 12, 9);
    series = { seriesId: first.seriesId, imageIds: [first.imageId, ...more] };
    const b = await f.addMember('annotator');
    asB = (options) => f.app.inject({ ...options, headers: { ...options.headers, ...bearer(b.token) } });
  });
  afterAll(() => f.close());

  it('accepts a label map uploaded to the project, on the image’s grid', async () => {
    const key = await upload('annotator', [10, 8, 6]);
    const res = await create('annotator', { imageId: volumeId }, volumeId, key);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().annotation.payload.data).toMatchObject({ representation: 'labelMap', blobKey: key });
  });

  it('refuses a key never uploaded here, and one that is not a blob key at all', async () => {
    expectRefused(await create('annotator', { imageId: volumeId }, volumeId, 'd'.repeat(64)), 'no label map');
    expectRefused(
      await create('annotator', { imageId: volumeId }, volumeId, '../../etc/passwd'),
      'no label map',
    );
    // Stored in the blob store (as another project's upload would be) but not recorded for this project.
    const { key } = await f.blobs.put(labelMapNifti([10, 8, 6], { dataType: 'int16' }));
    expectRefused(await create('annotator', { imageId: volumeId }, volumeId, key), 'no label map');
  });

  it('refuses a label map on another grid, naming the axes', async () => {
    const key = await upload('annotator', [10, 8, 7]);
    expectRefused(
      await create('annotator', { imageId: volumeId }, volumeId, key),
      'z (slices) is 7, the image has 6',
    );
  });

  it('on a DICOM series: slices are the series’ images, in-plane the instances’ columns × rows', async () => {
    const target = { seriesId: series.seriesId };
    const imageId = series.imageIds[2]!;
    const good = await upload('annotator', [12, 9, 5]);
    expect((await create('annotator', target, imageId, good)).statusCode).toBe(201);
    expectRefused(
      await create('annotator', target, imageId, await upload('annotator', [12, 9, 4])),
      'z (slices) is 4',
    );
    expectRefused(
      await create('annotator', target, imageId, await upload('annotator', [9, 12, 5])),
      'x (columns) is 9',
    );
  });

  it('checks updates and restores as well as creates', async () => {
    const first = await upload('manager', [10, 8, 6]);
    const created = await create('manager', { imageId: volumeId }, volumeId, first);
    const id = created.json().annotation.id;
    const wrong = await f.as('manager', {
      method: 'PUT',
      url: annotationsUrl(f, `/${id}`),
      payload: { baseRevision: 1, payload: labelMapPayload(maskLabel, volumeId, 'd'.repeat(64)) },
    });
    expectRefused(wrong, 'no label map');
    const second = (await uploadAs(f, 'manager', labelMapNifti([10, 8, 6], { dataType: 'uint16' }))).json()
      .blobKey as string;
    expect(second).not.toBe(first);
    const right = await f.as('manager', {
      method: 'PUT',
      url: annotationsUrl(f, `/${id}`),
      payload: { baseRevision: 1, payload: labelMapPayload(maskLabel, volumeId, second) },
    });
    expect(right.statusCode, right.body).toBe(200);
  });

  describe('blind reading', () => {
    it('does not let annotator B attach (and so read) annotator A’s label map', async () => {
      const key = await upload('annotator', [10, 8, 6]);
      const res = await asB({
        method: 'POST',
        url: annotationsUrl(f),
        payload: {
          labelId: maskLabel,
          imageId: volumeId,
          payload: labelMapPayload(maskLabel, volumeId, key),
        },
      });
      expectRefused(res, 'no label map');
      expect((await asB({ method: 'GET', url: blobsUrl(f, key) })).statusCode).toBe(404);
    });

    it('lets A read a reviewer’s label map once it corrects A’s annotation (visibility follows the creator)', async () => {
      const mine = await upload('annotator', [10, 8, 6]);
      const created = await create('annotator', { imageId: volumeId }, volumeId, mine);
      const id = created.json().annotation.id;
      const nifti = labelMapNifti([10, 8, 6], { dataType: 'uint16' });
      const corrected = (await uploadAs(f, 'reviewer', nifti)).json().blobKey;
      expect((await f.as('annotator', { method: 'GET', url: blobsUrl(f, corrected) })).statusCode).toBe(404);
      const edit = await f.as('reviewer', {
        method: 'PUT',
        url: annotationsUrl(f, `/${id}`),
        payload: { baseRevision: 1, payload: labelMapPayload(maskLabel, volumeId, corrected) },
      });
      expect(edit.statusCode, edit.body).toBe(200);
      const read = await f.as('annotator', { method: 'GET', url: blobsUrl(f, corrected) });
      expect(read.statusCode).toBe(200);
      expect(new Uint8Array(read.rawPayload)).toEqual(nifti);
      // B still may not.
      expect((await asB({ method: 'GET', url: blobsUrl(f, corrected) })).statusCode).toBe(404);
    });
  });
});
