import { join } from 'node:path';
import { LayoutError } from '@voxelhub/core/export';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { openBatchLog } from './batch-log.js';
import {
  annotationsOf,
  imageOfFile,
  importFolder,
  newProject,
  removeTempFolders,
  storedVoxels,
  tempFolder,
} from './dataset-import-test-project.js';
import { testLabelMap, writeMsdFolder, writeNnunetFolder } from './dataset-test-folders.js';

eachDialect('dataset import: segmentation folders', (context) => {
  let f: ProjectFixture;
  beforeAll(async () => {
    f = await createProjectFixture(context.database, { imports: { worker: false } });
  });
  afterAll(async () => {
    await f.close();
    removeTempFolders();
  });

  it('imports a Decathlon task: images, labels, and each label map voxel for voxel', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeMsdFolder(root);
    const steps: [number, number][] = [];
    const report = await importFolder(f, access, root, { onProgress: (d, t) => steps.push([d, t]) });
    expect(report.layout.kind).toBe('msd');
    expect(report.labels.created).toEqual([
      { name: 'liver', type: 'mask' },
      { name: 'tumour', type: 'mask' },
    ]);
    expect(report.images).toMatchObject({ imported: 3, duplicates: 0, failed: [] });
    expect(report.annotations.total).toBe(2);
    expect(report.annotations.skipped).toEqual([]);
    // 3 images then 2 label batches, ending at the total.
    expect(steps.at(-1)).toEqual([5, 5]);

    const stored = await annotationsOf(f, access.projectId);
    expect(stored).toHaveLength(2);
    for (const i of [0, 1]) {
      const imageId = await imageOfFile(
        f,
        access.projectId,
        join(root, `Task09_Test/imagesTr/case_${i}.nii.gz`),
      );
      const on = stored.find((a) => a.imageId === imageId);
      expect(on, `case_${i}`).toBeDefined();
      expect(Array.from(await storedVoxels(f, on!.payload))).toEqual(Array.from(testLabelMap(i)));
      const segments =
        on!.payload.type === 'segmentation' && on!.payload.data.representation === 'labelMap'
          ? on!.payload.data.segments.map((s) => [s.index, s.name])
          : [];
      expect(segments).toEqual([
        [1, 'liver'],
        [2, 'tumour'],
      ]);
    }
    // The test case's image is there, with nothing on it.
    const testImage = await imageOfFile(
      f,
      access.projectId,
      join(root, 'Task09_Test/imagesTs/case_2.nii.gz'),
    );
    expect(testImage).toBeDefined();
    expect(stored.some((a) => a.imageId === testImage)).toBe(false);
  });

  it('imports an nnU-Net v2 folder: every channel an image, the label on the first channel', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeNnunetFolder(root);
    const report = await importFolder(f, access, root);
    expect(report.layout.kind).toBe('nnunet');
    expect(report.images).toMatchObject({ imported: 6, failed: [] });
    expect(report.labels.created.map((l) => l.name)).toEqual(['organ', 'lesion']);
    expect(report.annotations.total).toBe(2);
    const stored = await annotationsOf(f, access.projectId);
    for (const i of [0, 1]) {
      const channel0 = await imageOfFile(
        f,
        access.projectId,
        join(root, `Dataset004_Test/imagesTr/pat_${i}_0000.nii.gz`),
      );
      const on = stored.find((a) => a.imageId === channel0);
      expect(Array.from(await storedVoxels(f, on!.payload))).toEqual(Array.from(testLabelMap(10 + i)));
    }
  });

  it('refuses a case without its label before writing anything, naming the file', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeMsdFolder(root, { dropLabel: true });
    const error = await importFolder(f, access, root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayoutError);
    expect((error as LayoutError).file).toBe('Task09_Test/labelsTr/case_1.nii.gz');
    const images = await f.database.db
      .selectFrom('images')
      .select('id')
      .where('project_id', '=', access.projectId)
      .execute();
    const labels = await f.database.db
      .selectFrom('labels')
      .select('id')
      .where('project_id', '=', access.projectId)
      .execute();
    expect(images).toEqual([]);
    expect(labels).toEqual([]);
  });

  it('passes over the label batches an interrupted run of the job wrote', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeMsdFolder(root);
    const logPath = join(tempFolder(), 'batches');
    await importFolder(f, access, root, { batchLog: await openBatchLog(logPath) });
    // The job starts again from scratch: images come back as duplicates, label maps are not made twice.
    const again = await importFolder(f, access, root, { batchLog: await openBatchLog(logPath) });
    expect(again.images).toMatchObject({ imported: 0, duplicates: 3 });
    expect(again.annotations.total).toBe(0);
    expect(again.annotations.skipped.map((s) => s.reason)).toEqual([
      'imported by an earlier, interrupted run of this job',
      'imported by an earlier, interrupted run of this job',
    ]);
    expect(await annotationsOf(f, access.projectId)).toHaveLength(2);
  });

  it('imports the same folder again as duplicates, labels already there', async () => {
    const access = await newProject(f);
    const root = tempFolder();
    writeMsdFolder(root);
    await importFolder(f, access, root);
    const again = await importFolder(f, access, root);
    expect(again.images).toMatchObject({ imported: 0, duplicates: 3 });
    expect(again.labels).toEqual({ created: [], existing: ['liver', 'tumour'] });
  });
});
