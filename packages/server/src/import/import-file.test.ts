import { readFileSync } from 'node:fs';
import { readNifti } from '@voxelhub/core';
import { readDicomHeaderSync } from '@voxelhub/core/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../blobs/index.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertProject } from '../storage/test-rows.js';
import { type ImportContext, importFile } from './import-file.js';
import {
  ANATOMICAL_NII,
  CT_SMALL,
  ctSeriesFiles,
  MR_SMALL,
  pngBytes,
  RTPLAN,
  RTPLAN_TRUNCATED,
  STRUCTURED_REPORT,
  tempDir,
} from './import-test-files.js';

const read = (path: string) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) });

eachDialect('importFile', (context) => {
  let ctx: ImportContext;
  beforeAll(async () => {
    ctx = { db: context.database.db, blobs: await LocalBlobStore.open(tempDir()) };
  });

  async function rowCounts(projectId: string) {
    const count = async (table: 'subjects' | 'studies' | 'series' | 'images') => {
      const row = await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('project_id', '=', projectId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      subjects: await count('subjects'),
      studies: await count('studies'),
      series: await count('series'),
      images: await count('images'),
    };
  }

  async function blobCount(): Promise<number> {
    let n = 0;
    for await (const _ of ctx.blobs.keys()) n++;
    return n;
  }

  it('imports a CT series as one subject, study and series per UID, each file stored as its blob', async () => {
    const projectId = await insertProject(ctx.db);
    const files = await ctSeriesFiles();
    expect(files).toHaveLength(28);
    const outcomes = [];
    for (const path of files) outcomes.push(await importFile(ctx, projectId, read(path)));
    expect(outcomes.map((o) => o.status)).toEqual(files.map(() => 'imported'));

    const headers = files.map((path) => readDicomHeaderSync(path));
    const distinct = (values: (string | undefined)[]) => new Set(values).size;
    expect(await rowCounts(projectId)).toEqual({
      subjects: distinct(headers.map((h) => h.patientId)),
      studies: distinct(headers.map((h) => h.studyInstanceUID)),
      series: distinct(headers.map((h) => h.seriesInstanceUID)),
      images: 28,
    });
    const first = await ctx.db
      .selectFrom('images')
      .innerJoin('series', 'series.id', 'images.series_id')
      .selectAll('images')
      .select(['series.modality', 'series.series_instance_uid'])
      .where('images.id', '=', outcomes[0]!.imageId!)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      format: 'dicom',
      sop_instance_uid: headers[0]!.sopInstanceUID,
      series_instance_uid: headers[0]!.seriesInstanceUID,
      modality: 'CT',
    });
    expect(JSON.parse(first.geometry)).toMatchObject({
      rows: headers[0]!.rows,
      columns: headers[0]!.columns,
    });
    expect(await ctx.blobs.getBytes(first.blob_key)).toEqual(read(files[0]!).bytes);
  });

  it('records NIfTI and PNG files alone, keyed by content, with their geometry', async () => {
    const projectId = await insertProject(ctx.db);
    const nifti = await importFile(ctx, projectId, read(ANATOMICAL_NII));
    const png = await importFile(ctx, projectId, { name: 'slice.png', bytes: pngBytes(5, 3) });
    expect([nifti.status, png.status]).toEqual(['imported', 'imported']);
    const rows = await ctx.db
      .selectFrom('images')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('format')
      .execute();
    expect(rows.map((r) => [r.format, r.series_id, r.sop_instance_uid])).toEqual([
      ['nifti', null, null],
      ['png', null, null],
    ]);
    const volume = readNifti(read(ANATOMICAL_NII).bytes);
    expect(JSON.parse(rows[0]!.geometry)).toMatchObject({
      dims: [...volume.dims],
      spacing: [...volume.spacing],
      origin: [...volume.origin],
      direction: [...volume.direction],
    });
    expect(JSON.parse(rows[1]!.geometry)).toMatchObject({ dims: [5, 3, 1], samplesPerPixel: 1 });
    expect(rows[0]!.content_hash).toBe(rows[0]!.blob_key);
    expect(await rowCounts(projectId)).toMatchObject({ subjects: 0, studies: 0, series: 0, images: 2 });
  });

  it('reports a re-import, a renamed copy or the same SOP Instance UID as duplicate, adding nothing', async () => {
    const projectId = await insertProject(ctx.db);
    const ct = read(CT_SMALL);
    const first = await importFile(ctx, projectId, ct);
    const rowsBefore = await rowCounts(projectId);
    const blobsBefore = await blobCount();

    // Same SOP Instance UID, different bytes (the last pixel changed): the instance is already here.
    const altered = ct.bytes.slice();
    const last = altered.length - 1;
    altered[last] = altered[last]! ^ 0xff;
    const again = [
      await importFile(ctx, projectId, ct),
      await importFile(ctx, projectId, { name: '/elsewhere/copy-of-ct.dcm', bytes: ct.bytes }),
      await importFile(ctx, projectId, { name: 'altered.dcm', bytes: altered }),
    ];
    expect(again).toEqual(again.map(() => ({ status: 'duplicate', imageId: first.imageId })));
    expect(await rowCounts(projectId)).toEqual(rowsBefore);
    expect(await blobCount()).toBe(blobsBefore);

    // Another project is another namespace: the same file is new there.
    const other = await insertProject(ctx.db);
    expect((await importFile(ctx, other, ct)).status).toBe('imported');
  });

  describe('concurrent imports of one file', () => {
    for (const [kind, path] of [
      ['DICOM', MR_SMALL],
      ['NIfTI', ANATOMICAL_NII],
    ] as const) {
      it(`give one 'imported' and the rest 'duplicate' (${kind})`, async () => {
        const projectId = await insertProject(ctx.db);
        const file = read(path);
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, i) => importFile(ctx, projectId, { ...file, name: `${i}-${path}` })),
        );
        const statuses = outcomes.map((o) => o.status).sort();
        expect(statuses).toEqual(['duplicate', ...Array(8).fill('duplicate'), 'imported'].sort());
        expect(new Set(outcomes.map((o) => o.imageId)).size).toBe(1);
        const dicom = kind === 'DICOM' ? 1 : 0;
        expect(await rowCounts(projectId)).toEqual({
          subjects: dicom,
          studies: dicom,
          series: dicom,
          images: 1,
        });
      });
    }
  });

  it('fails bad files with the reader code and a reason naming the file, and still imports good ones', async () => {
    const projectId = await insertProject(ctx.db);
    const outcomes = [
      await importFile(ctx, projectId, read(RTPLAN_TRUNCATED)),
      await importFile(ctx, projectId, {
        name: 'notes.txt',
        bytes: new TextEncoder().encode('not an image\n'),
      }),
      await importFile(ctx, projectId, read(RTPLAN)),
      await importFile(ctx, projectId, read(STRUCTURED_REPORT)),
      await importFile(ctx, projectId, { name: 'broken.png', bytes: pngBytes(4, 4).subarray(0, 40) }),
      await importFile(ctx, projectId, read(CT_SMALL)),
    ];
    expect(outcomes.map((o) => [o.status, o.code])).toEqual([
      ['failed', 'TRUNCATED'],
      ['failed', 'UNSUPPORTED_FORMAT'],
      ['failed', 'NO_PIXEL_DATA'],
      ['failed', 'NO_PIXEL_DATA'],
      ['failed', expect.any(String)],
      ['imported', undefined],
    ]);
    expect(outcomes[0]!.reason).toContain(RTPLAN_TRUNCATED);
    expect(outcomes[1]!.reason).toContain('notes.txt');
    expect(outcomes[2]!.reason).toMatch(/RTPLAN.*no Pixel Data/);
    expect(outcomes[4]!.reason).toContain('broken.png');
    expect(await rowCounts(projectId)).toEqual({ subjects: 1, studies: 1, series: 1, images: 1 });
  });

  it('throws PROJECT_NOT_FOUND for a project that does not exist (a caller error, not a bad file)', async () => {
    await expect(importFile(ctx, crypto.randomUUID(), read(MR_SMALL))).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
  });
});
