import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { detectImportFormat } from '../annotation-import/import-format.js';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import {
  annotationsOf,
  imageOfFile,
  importFolder,
  newProject,
  removeTempFolders,
  storedVoxels,
  tempFolder,
} from './dataset-import-test-project.js';
import {
  CHEST_ROWS,
  writeChestFolder,
  writeCocoFolder,
  writeDicomFolder,
  writeYoloFolder,
} from './dataset-test-folders.js';

eachDialect('dataset import: tables, COCO and DICOM', (context) => {
  let f: ProjectFixture;
  beforeAll(async () => {
    f = await createProjectFixture(context.database, { imports: { worker: false } });
  });
  afterAll(async () => {
    await f.close();
    removeTempFolders();
  });

  it('imports ChestX-ray14-style PNGs and CSV as classification answers', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeChestFolder(root, { missingImage: '00000009_000.png' });
    const report = await importFolder(f, access, root);
    expect(report.layout.kind).toBe('image-csv');
    expect(report.images).toMatchObject({ imported: 3, failed: [] });
    expect(report.labels.created).toEqual([
      { name: 'Finding Labels', type: 'classification' },
      { name: 'View Position', type: 'classification' },
    ]);
    const labels = await f.database.db
      .selectFrom('labels')
      .select(['id', 'name', 'classification'])
      .where('project_id', '=', access.projectId)
      .execute();
    const findings = JSON.parse(labels.find((l) => l.name === 'Finding Labels')!.classification!);
    expect(findings).toEqual({
      kind: 'multiple',
      options: [
        { id: 'Cardiomegaly', name: 'Cardiomegaly' },
        { id: 'Effusion', name: 'Effusion' },
        { id: 'No_Finding', name: 'No Finding' },
      ],
    });
    expect(JSON.parse(labels.find((l) => l.name === 'View Position')!.classification!).kind).toBe('single');
    // The row naming an image the folder lacks is reported with its row.
    expect(report.annotations.skipped).toEqual([
      { file: 'chest/Data_Entry.csv row 5', reason: 'no image file in the folder is "00000009_000.png"' },
    ]);
    expect(report.annotations.total).toBe(6);

    const stored = await annotationsOf(f, access.projectId);
    const answers: Record<string, unknown> = {};
    for (const [name] of CHEST_ROWS) {
      const imageId = await imageOfFile(f, access.projectId, join(root, 'chest/images', name));
      for (const a of stored.filter((s) => s.imageId === imageId))
        if (a.payload.type === 'classification') answers[`${name} ${a.label}`] = a.payload.data.value;
    }
    expect(answers).toEqual({
      '00000001_000.png Finding Labels': { kind: 'multiple', choices: ['Cardiomegaly', 'Effusion'] },
      '00000001_000.png View Position': { kind: 'single', choice: 'PA' },
      '00000001_001.png Finding Labels': { kind: 'multiple', choices: ['No_Finding'] },
      '00000001_001.png View Position': { kind: 'single', choice: 'AP' },
      '00000002_000.png Finding Labels': { kind: 'multiple', choices: ['Effusion'] },
      '00000002_000.png View Position': { kind: 'single', choice: 'PA' },
    });
  });

  it('imports a COCO file over PNGs as a box and a polygon on their images', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeCocoFolder(root);
    const report = await importFolder(f, access, root);
    expect(report.layout.kind).toBe('coco');
    expect(report.labels.created).toEqual([
      { name: 'nodule', type: 'box' },
      { name: 'vessel', type: 'polygon' },
    ]);
    expect(report.annotations.skipped).toEqual([]);
    expect(report.annotations.created).toEqual([
      { label: 'nodule', type: 'box2d', count: 1 },
      { label: 'vessel', type: 'polygon', count: 1 },
    ]);
    const stored = await annotationsOf(f, access.projectId);
    const a = await imageOfFile(f, access.projectId, join(root, 'coco/images/a.png'));
    const b = await imageOfFile(f, access.projectId, join(root, 'coco/images/b.png'));
    const box = stored.find((s) => s.label === 'nodule')!;
    const polygon = stored.find((s) => s.label === 'vessel')!;
    expect(box.imageId).toBe(a);
    expect(polygon.imageId).toBe(b);
    expect(box.payload.type).toBe('box2d');
    expect(polygon.payload.type).toBe('polygon');
    // COCO counts pixel edges from 0; Voxelhub indexes voxel centres: bbox [2, 3, 10, 8] spans 1.5–11.5.
    expect(box.payload.data).toMatchObject({
      min: { index: [1.5, 2.5, 0] },
      max: { index: [11.5, 10.5, 0] },
    });
    const corners = polygon.payload.type === 'polygon' ? polygon.payload.data.points.map((p) => p.index) : [];
    expect(corners).toEqual([
      [3.5, 3.5, 0],
      [15.5, 3.5, 0],
      [15.5, 13.5, 0],
      [3.5, 13.5, 0],
    ]);
  });

  it('names an image that fails, and passes over its annotations saying why', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeCocoFolder(root);
    const jsonPath = join(root, 'coco/annotations/instances.json');
    const coco = JSON.parse(readFileSync(jsonPath, 'utf8'));
    coco.images.push({ id: 3, file_name: 'c.png', width: 32, height: 24 });
    coco.annotations.push({ id: 3, image_id: 3, category_id: 7, bbox: [1, 1, 4, 4], area: 16, iscrowd: 0 });
    writeFileSync(jsonPath, JSON.stringify(coco));
    writeFileSync(join(root, 'coco/images/c.png'), 'not a PNG');
    const report = await importFolder(f, access, root);
    expect(report.images.imported).toBe(2);
    expect(report.images.failed).toEqual([{ file: 'coco/images/c.png', reason: expect.any(String) }]);
    expect(report.annotations.skipped).toEqual([
      {
        file: 'coco/annotations/instances.json (image 3)',
        reason: expect.stringContaining('its image coco/images/c.png was not imported'),
      },
    ]);
    expect(report.annotations.total).toBe(2);
  });

  it("imports only the images when asked for layout 'images'", async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeCocoFolder(root);
    const report = await importFolder(f, access, root, { layout: 'images' });
    expect(report.layout.kind).toBe('images');
    expect(report.images.imported).toBe(2);
    expect(report.labels.created).toEqual([]);
    expect(report.annotations.total).toBe(0);
    expect(report.ignored).toEqual(['coco/annotations/instances.json']);
  });

  it('imports a YOLO folder: each label file on the image of its name, boxes by class', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeYoloFolder(root);
    const report = await importFolder(f, access, root);
    expect(report.layout.kind).toBe('yolo');
    expect(report.images).toMatchObject({ imported: 2, failed: [] });
    expect(report.annotations.skipped).toEqual([]);
    expect(report.annotations.created).toEqual([
      { label: 'cell', type: 'box2d', count: 2 },
      { label: 'debris', type: 'box2d', count: 1 },
    ]);
    const stored = await annotationsOf(f, access.projectId);
    const a = await imageOfFile(f, access.projectId, join(root, 'yolo/images/train/a.png'));
    const onA = stored.filter((s) => s.imageId === a);
    expect(onA.map((s) => s.label)).toEqual(['cell']);
    expect(onA[0]!.payload.data).toMatchObject({
      min: { index: [14.5, 7.5, 0] },
      max: { index: [24.5, 11.5, 0] },
    });
  });

  it('imports a DICOM folder: the CT as a series, its SEG as a mask, its RTSTRUCT as a label map and contours', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeDicomFolder(root);
    const report = await importFolder(f, access, root);
    expect(report.layout.kind).toBe('dicom');
    expect(report.images).toMatchObject({ imported: 3, failed: [] });
    expect(report.ignored).toEqual(['study/LICENSE']);
    const rtstruct = {
      path: 'structures.dcm',
      bytes: readFileSync(join(root, 'study/RTSTRUCT/structures.dcm')),
    };
    expect(detectImportFormat([rtstruct])).toBe('rtstruct');
    const series = await f.database.db
      .selectFrom('series')
      .select('id')
      .where('project_id', '=', access.projectId)
      .executeTakeFirstOrThrow();
    const stored = await annotationsOf(f, access.projectId);
    expect(stored.every((a) => a.seriesId === series.id)).toBe(true);

    const counts = Object.fromEntries(
      report.annotations.created.map((c) => [`${c.label} ${c.type}`, c.count]),
    );
    expect(counts).toEqual({
      'Liver segmentation': 1,
      'Box segmentation': 1,
      'Box (contour) freehandContour': 3,
      'Spot (contour) freehandContour': 1,
    });
    // The point ROI has no area: reported, not drawn.
    expect(report.annotations.skipped.map((s) => s.file)).toContain(
      'study/RTSTRUCT/structures.dcm (ROI Marker)',
    );

    // The structure set's label map: Box 10,000 voxels on each slice, Spot 100 on the middle one.
    const rt = stored.find((a) => a.label === 'Box' && a.payload.type === 'segmentation')!;
    const voxels = await storedVoxels(f, rt.payload);
    const plane = 512 * 512;
    const perSlice = [0, 1, 2].map((k) => {
      const counted = [0, 0, 0];
      for (let v = k * plane; v < (k + 1) * plane; v++) counted[voxels[v]!]!++;
      return counted.slice(1);
    });
    expect(perSlice).toEqual([
      [10_000, 0],
      [10_000, 100],
      [10_000, 0],
    ]);
    // Column 100, row 120 is the box's first voxel; column 99 is outside it.
    expect(voxels[120 * 512 + 100]).toBe(1);
    expect(voxels[120 * 512 + 99]).toBe(0);

    // The DICOM SEG's liver mask is on the same series.
    const liver = stored.find((a) => a.label === 'Liver')!;
    const liverVoxels = await storedVoxels(f, liver.payload);
    expect(liverVoxels.some((v) => v !== 0)).toBe(true);
  });
});
