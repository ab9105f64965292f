import { cocoFiles } from '@voxelhub/core/export';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { zipBytes } from '../uploads/upload-test-support.js';
import { box } from './annotation-import-test-payloads.js';
import {
  annotate,
  createImaging,
  deleteAll,
  exportDataset,
  type Imaging,
  importFile,
  importZip,
  liveAnnotations,
} from './annotation-import-test-support.js';

const csv = (path: string, lines: readonly string[]) => ({
  path,
  bytes: new TextEncoder().encode(`${lines.join('\n')}\n`),
});

eachDialect('annotation imports', (context) => {
  let im: Imaging;
  beforeAll(async () => {
    im = await createImaging(context.database);
  }, 60_000);
  afterAll(() => im.f.close());
  beforeEach(() => deleteAll(im));

  const db = () => im.f.database.db;
  const auditCount = async () =>
    (
      await db()
        .selectFrom('audit_log')
        .select('id')
        .where('project_id', '=', im.f.projectId)
        .where('action', '=', 'annotations.import')
        .execute()
    ).length;
  const landmarks = (rows: readonly string[]) =>
    csv('landmarks.csv', ['case_name,label,name,i,j,k,slice', ...rows]);

  it('reports a case it cannot match, with the file and row, and imports the rest', async () => {
    const res = await importZip(im, [
      landmarks([`${im.nifti.id},apex,tip,1,2,3,3`, 'nobody,Apex,tip,1,2,0,0']),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    // 'apex' matched the label 'Apex' (names match case-insensitively).
    expect(res.json()).toMatchObject({
      format: 'csv',
      createdTotal: 1,
      created: [{ label: 'Apex', type: 'landmark', count: 1 }],
      skipped: [
        { file: 'landmarks.csv row 3', reason: 'no image or series of the project is case "nobody"' },
      ],
    });
    const [made] = await liveAnnotations(im);
    expect(made).toMatchObject({ caseId: im.nifti.id, labelId: im.labels.point });
    expect(await auditCount()).toBeGreaterThan(0);
  });

  it('writes nothing on a dry run, but reports what it would create', async () => {
    const audits = await auditCount();
    const res = await importFile(
      im,
      { name: 'points.csv', bytes: landmarks([`${im.png.id},Apex,tip,1,2,0,0`]).bytes },
      { dryRun: 'true' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, createdTotal: 1 });
    expect(await liveAnnotations(im)).toEqual([]);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a file it cannot read, naming it, and writes nothing of the other files', async () => {
    const res = await importZip(im, [
      landmarks([`${im.png.id},Apex,tip,1,2,0,0`]),
      csv('measurements.csv', [
        'case_name,label,kind,value,type,points',
        `${im.png.id},Size,length,x,length,[]`,
      ]),
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/^cannot import measurements\.csv row 1, column "unit"/);
    expect(await liveAnnotations(im)).toEqual([]);
    const broken = await importFile(im, {
      name: `${im.nifti.id}.nii.gz`,
      bytes: new Uint8Array([0x1f, 0x8b, 1, 2, 3]),
    });
    expect(broken.statusCode, broken.body).toBe(400);
    expect(broken.json().error.message).toContain(`${im.nifti.id}.nii.gz`);
  });

  it('refuses an archive entry that would unpack outside it (zip slip)', async () => {
    // yazl will not write "../", so the entry's name is patched in the archive's bytes (CRCs don't cover it).
    const zip = await zipBytes([landmarks([`${im.png.id},Apex,tip,1,2,0,0`]), csv('xx/evil.csv', ['a'])]);
    const patched = Buffer.from(zip.toString('latin1').replaceAll('xx/evil.csv', '../evil.csv'), 'latin1');
    const res = await importFile(im, { name: 'slip.zip', bytes: patched });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/slip\.zip.*outside the archive|\.\.\/evil\.csv/);
    expect(await liveAnnotations(im)).toEqual([]);
  });

  it('makes a missing label for a manager and reports it for an annotator', async () => {
    const lesion = { name: 'Lesion', type: 'box', colour: '#123456' } as const;
    await annotate(im, im.png, box(im, im.png, 0));
    const { dataset } = await exportDataset(im, 'ids');
    // The same box under a label the project lacks.
    const renamed = {
      ...dataset,
      labels: dataset.labels.map((l) => (l.type === 'box' ? { ...l, ...lesion } : l)),
    };
    const files = cocoFiles(renamed);
    await deleteAll(im);
    const zip = { name: 'coco.zip', bytes: await zipBytes(files) };
    const annotator = await importFile(im, zip, {}, 'annotator');
    expect(annotator.statusCode, annotator.body).toBe(201);
    expect(annotator.json()).toMatchObject({ createdTotal: 0, newLabels: [] });
    expect(annotator.json().skipped[0].reason).toMatch(/no label "Lesion".*labels\.manage/);
    const manager = await importFile(im, zip, { format: 'coco' });
    expect(manager.statusCode, manager.body).toBe(201);
    expect(manager.json()).toMatchObject({ createdTotal: 1, newLabels: [{ name: 'Lesion', type: 'box' }] });
    const label = await db()
      .selectFrom('labels')
      .selectAll()
      .where('id', '=', manager.json().newLabels[0].id)
      .executeTakeFirstOrThrow();
    expect(label).toMatchObject({ name: 'Lesion', type: 'box', project_id: im.f.projectId });
    expect((await liveAnnotations(im))[0]!.labelId).toBe(label.id);
  });

  it('makes a missing landmark label a table names, for a manager', async () => {
    const res = await importZip(im, [landmarks([`${im.png.id},Carina,tip,1,2,0,0`])]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ createdTotal: 1, newLabels: [{ name: 'Carina', type: 'point' }] });
    const [made] = await liveAnnotations(im);
    expect(made!.labelId).toBe(res.json().newLabels[0].id);
    expect(made!.payload).toMatchObject({ type: 'landmark', labelId: made!.labelId, data: { name: 'tip' } });
  });

  it('refuses a label map that does not overlap its case, saying why', async () => {
    const g = im.nifti.geometry!;
    const far = { ...g, origin: [g.origin[0] + 1000, g.origin[1], g.origin[2]] as [number, number, number] };
    const voxels = new Uint8Array(g.dims[0] * g.dims[1] * g.dims[2]).fill(1);
    const nii = labelMapToNifti({ dims: g.dims, voxels }, far);
    const res = await importFile(im, { name: `${im.nifti.id}.nii`, bytes: nii });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().createdTotal).toBe(0);
    expect(res.json().skipped[0]).toMatchObject({ file: `${im.nifti.id}.nii` });
    expect(res.json().skipped[0].reason).toMatch(/does not overlap image/);
  });

  it('is for members who may annotate, and names the formats it knows', async () => {
    const file = { name: 'points.csv', bytes: landmarks([`${im.png.id},Apex,tip,1,2,0,0`]).bytes };
    expect((await importFile(im, file, {}, 'viewer')).statusCode).toBe(403);
    const bad = await importFile(im, file, { format: 'dicom-rt' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('not one of auto, coco');
    const unknown = await importFile(im, { name: 'notes.txt', bytes: new TextEncoder().encode('hello') });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('cannot tell the format of notes.txt');
  });
});
