import { createHash, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleSeries, type ImageGeometry, readDicomSeg } from '@voxelhub/core';
import {
  cocoDatasetSchema,
  datasetFromCoco,
  datasetFromMsd,
  datasetFromNnunet,
  datasetFromYolo,
  type ExportImage,
  type ExportLabel,
  nnunetDatasetJsonSchema,
  readAnnotationsJson,
  readMeasurementReport,
  resolveByFileName,
} from '@voxelhub/core/export';
import { readDicomHeaderSync } from '@voxelhub/core/node';
import { labelMapOntoGrid } from '@voxelhub/core/segmentation';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import type { VersionManifest } from '../versions/version-manifest.js';
import type { ExportFormat } from './export-formats.js';
import { dciodvfyErrors, filesUnder, nibabelPairs } from './export-test-files.js';
import {
  CT_DIR,
  type ExportTestProject,
  PNG_SIZE,
  seedExportTestProject,
} from './version-export-test-data.js';
import { type ExportProgress, type ExportSummary, writeVersionExport } from './write-version-export.js';

eachDialect('writing a version export', (context) => {
  let f: ProjectFixture;
  let p: ExportTestProject;
  let manifest: VersionManifest;
  let manifestBytes: Buffer;
  let root: string;
  const caseOf = (id: string) => manifest.cases.find((c) => c.id === id)!.caseName;
  const labelsOf = () => manifest.labels as readonly ExportLabel[];
  const classOf = (labelId: string) => manifest.labels.find((l) => l.id === labelId)!.classIndex;

  async function run(
    format: ExportFormat,
    versionId = p.versionId,
    channelName?: string,
  ): Promise<{ dir: string; summary: ExportSummary; progress: ExportProgress[] }> {
    const dir = await mkdtemp(join(root, `${format}-`));
    const progress: ExportProgress[] = [];
    const summary = await writeVersionExport({
      db: f.database.db,
      blobs: f.blobs,
      projectId: f.projectId,
      versionId,
      format,
      outputDir: dir,
      onProgress: (step) => progress.push(step),
      ...(channelName ? { channelName } : {}),
    });
    return { dir, summary, progress };
  }

  /** The cases' images as the test knows them independently: the CT assembled from its files. */
  function exportImages(): ExportImage[] {
    const geometryOf = (id: string): ImageGeometry =>
      id === p.seriesId ? p.ctLabelMap.geometry : id === p.niftiId ? p.niftiLabelMap.geometry : pngGeometry;
    const pngGeometry: ImageGeometry = {
      dims: [PNG_SIZE[0], PNG_SIZE[1], 1],
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
    return manifest.cases.map((c) => ({
      id: c.id,
      subjectId: c.subjectId,
      caseName: c.caseName,
      format: c.format as ExportImage['format'],
      modality: c.modality,
      geometry: geometryOf(c.id),
      split: c.split,
    }));
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'voxelhub-export-test-'));
    f = await createProjectFixture(context.database, { imports: { worker: false } });
    p = await seedExportTestProject(f);
    const res = await f.as('manager', {
      method: 'GET',
      url: `/api/projects/${f.projectId}/versions/${p.versionId}/manifest`,
    });
    manifestBytes = res.rawPayload;
    manifest = res.json();
  }, 60_000);
  afterAll(async () => {
    await f.close();
    await rm(root, { recursive: true, force: true });
  });

  it('writes nnU-Net: dataset.json, and images and labels nibabel reads on identical affines', async () => {
    const { dir, summary, progress } = await run('nnunet');
    expect(progress.map((s) => s.step)).toEqual([...manifest.cases.map((c) => c.caseName), 'dataset files']);
    expect(progress.at(-1)).toEqual({ done: 4, total: 4, step: 'dataset files' });
    const files = await filesUnder(dir);
    const folder = 'Dataset500_export_test_v1';
    const json = nnunetDatasetJsonSchema.parse(
      JSON.parse(await readFile(join(dir, folder, 'dataset.json'), 'utf8')),
    );
    const [lesionValue, liverValue] = classOf(p.labels.lesion) < classOf(p.labels.liver) ? [1, 2] : [2, 1];
    expect(json).toMatchObject({
      name: 'export_test_v1',
      channel_names: { '0': 'image' },
      labels: { background: 0, Lesion: lesionValue, Liver: liverValue },
      numTraining: 3,
      file_ending: '.nii.gz',
    });
    expect(summary).toMatchObject({ format: 'nnunet', cases: 3, files: files.length });
    expect(summary.bytes).toBe(files.reduce((n, file) => n + file.bytes.length, 0));
    // Landmarks, lengths, boxes and classifications are not label maps.
    const skippedIds = new Set(summary.skipped.map((s) => s.annotationId));
    for (const key of ['ctLandmark', 'ctLength', 'ctBox', 'pngBox', 'pngFinding'])
      expect(skippedIds).toContain(p.annotations[key]);

    const pairs = manifest.cases.map(
      (c) =>
        [
          join(dir, folder, 'imagesTr', `${c.caseName}_0000.nii.gz`),
          join(dir, folder, 'labelsTr', `${c.caseName}.nii.gz`),
        ] as const,
    );
    const read = nibabelPairs(pairs);
    for (const [, label] of pairs) expect(read[label]).toMatchObject({ sameAffine: true, sameShape: true });
    const ct = read[join(dir, folder, 'labelsTr', `${caseOf(p.seriesId)}.nii.gz`)]!;
    const count = (voxels: Uint8Array, v: number) => voxels.filter((x) => x === v).length;
    expect(ct.counts[String(liverValue)]).toBe(count(p.ctLabelMap.voxels, 1));
    expect(ct.counts[String(lesionValue)]).toBe(count(p.ctLabelMap.voxels, 2));

    // The NIfTI's liver (rows 0–9 of slice 0) and its striped lesion (rows 4–7, 12–15, …) overlap on rows
    // 4–7: the label of higher class index keeps those voxels, and the other annotation says it lost them.
    const lesionWins = classOf(p.labels.lesion) > classOf(p.labels.liver);
    const nx = p.niftiLabelMap.geometry.dims[0];
    const nifti = read[join(dir, folder, 'labelsTr', `${caseOf(p.niftiId)}.nii.gz`)]!;
    expect(nifti.counts[String(liverValue)]).toBe(lesionWins ? 6 * nx : 10 * nx);
    const loser = lesionWins ? p.annotations.niftiMask : p.annotations.niftiLesion;
    expect(summary.skipped.find((s) => s.annotationId === loser)?.reason).toMatch(`${4 * nx} of its voxels`);

    // Core's reader takes the folder back: three training cases, the CT's label map voxel for voxel.
    const back = datasetFromNnunet(files);
    expect(back.cases.map((c) => c.caseName).sort()).toEqual(manifest.cases.map((c) => c.caseName).sort());
    const ctBack = back.cases.find((c) => c.caseName === caseOf(p.seriesId))!;
    const expected = p.ctLabelMap.voxels.map((v) => (v === 1 ? liverValue : v === 2 ? lesionValue : 0));
    expect(Array.from(ctBack.labelMap!.voxels)).toEqual(Array.from(expected));
  });

  it('writes the Decathlon layout core reads back', async () => {
    const { dir } = await run('msd');
    const back = datasetFromMsd(await filesUnder(dir));
    expect(back.cases).toHaveLength(3);
    expect(back.labels.map((l) => l.name).sort()).toEqual(['Lesion', 'Liver']);
  });

  it('writes NIfTI images and label maps on the same affine, with labels.json', async () => {
    const { dir } = await run('nifti');
    const pairs = manifest.cases.map(
      (c) =>
        [join(dir, 'images', `${c.caseName}.nii.gz`), join(dir, 'labels', `${c.caseName}.nii.gz`)] as const,
    );
    const read = nibabelPairs(pairs);
    for (const [, label] of pairs) expect(read[label]).toMatchObject({ sameAffine: true, sameShape: true });
    const ct = read[join(dir, 'labels', `${caseOf(p.seriesId)}.nii.gz`)]!;
    expect(ct.counts[String(classOf(p.labels.lesion))]).toBe(9);
    const classes = JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8'));
    expect(classes).toEqual({
      '0': 'background',
      [classOf(p.labels.liver)]: 'Liver',
      [classOf(p.labels.lesion)]: 'Lesion',
    });
  });

  it('writes COCO: a valid instances file, a PNG per plane, and the same boxes back', async () => {
    const { dir, summary } = await run('coco');
    const json = cocoDatasetSchema.parse(
      JSON.parse(await readFile(join(dir, 'annotations/instances_train.json'), 'utf8')),
    );
    expect(json.images).toHaveLength(5 + p.niftiLabelMap.geometry.dims[2] + 1);
    for (const image of json.images) {
      const png = decode(await readFile(join(dir, 'images', image.file_name)));
      expect([png.width, png.height, png.channels, png.depth]).toEqual([image.width, image.height, 1, 8]);
    }
    const back = datasetFromCoco(json, {
      resolveImage: resolveByFileName(exportImages()),
      labels: labelsOf(),
    });
    expect(back.skipped).toEqual([]);
    const boxes = back.annotations.filter((a) => a.payload.type === 'box2d');
    for (const key of ['ctBox', 'pngBox']) {
      const original = manifest.annotations.find((a) => a.id === p.annotations[key])!;
      const caseId = original.caseId;
      const found = boxes.find((b) => b.imageId === caseId);
      expect(found?.payload.imageRef.sliceIndex ?? 0).toBe(original.payload.imageRef.sliceIndex ?? 0);
      if (found?.payload.type !== 'box2d' || original.payload.type !== 'box2d') throw new Error('not a box');
      expect(found.payload.data.min.index).toEqual(original.payload.data.min.index);
      expect(found.payload.data.max.index).toEqual(original.payload.data.max.index);
    }
    // The CT label map: liver on slices 1–3 and the lesion on slice 2, as masks of their pixels.
    const ctMasks = back.annotations.filter(
      (a) => a.imageId === p.seriesId && a.payload.type === 'segmentation',
    );
    expect(ctMasks).toHaveLength(4);
    expect(summary.skipped.map((s) => s.annotationId).sort()).toEqual(
      [p.annotations.ctLandmark, p.annotations.ctLength, p.annotations.pngFinding].sort(),
    );
  });

  it('writes YOLO detection and segmentation with a PNG per label file', async () => {
    for (const format of ['yolo-detection', 'yolo-segmentation'] as const) {
      const { dir } = await run(format);
      const files = await filesUnder(dir);
      const labelFiles = files.filter((file) => file.path.startsWith('labels/train/'));
      const imageFiles = files.filter((file) => file.path.startsWith('images/train/'));
      expect(labelFiles).toHaveLength(5 + p.niftiLabelMap.geometry.dims[2] + 1);
      expect(imageFiles.map((file) => file.path.replace(/^images|\.png$/g, ''))).toEqual(
        labelFiles.map((file) => file.path.replace(/^labels|\.txt$/g, '')),
      );
      const back = datasetFromYolo(files, exportImages(), { labels: labelsOf() });
      // The CT's liver on slices 1–3 and lesion on slice 2 (traced from the label map), and its box.
      const onCt = back.annotations.filter((a) => a.imageId === p.seriesId);
      expect(onCt).toHaveLength(5);
      expect(
        onCt.filter((a) => a.labelId === p.labels.lesion).map((a) => a.payload.imageRef.sliceIndex),
      ).toEqual([2]);
    }
  });

  it('writes a DICOM SEG of the CT that dciodvfy accepts and core reads back voxel for voxel', async () => {
    const { dir, summary } = await run('dicom-seg');
    const path = join(dir, 'seg', `${caseOf(p.seriesId)}.dcm`);
    expect(await dciodvfyErrors(path)).toEqual([]);
    const seg = await readDicomSeg(new Uint8Array(await readFile(path)), { name: path });
    const numberOf = (name: string) => seg.segments.find((s) => s.label === name)!.number;
    const expected = p.ctLabelMap.voxels.map((v) =>
      v === 1 ? numberOf('Liver') : v === 2 ? numberOf('Lesion') : 0,
    );
    // The SEG's grid spans the slices it has frames for; laid onto the CT's grid it is the label map drawn.
    const onCt = labelMapOntoGrid(
      { dims: seg.dims, voxels: seg.labelMap },
      seg.geometry,
      p.ctLabelMap.geometry,
    );
    expect(Array.from(onCt.voxels)).toEqual(Array.from(expected));
    expect(seg.dims).toEqual([16, 16, 3]);
    // Only the CT is DICOM: the NIfTI's masks are listed with why.
    const notDicom = summary.skipped.filter((s) => /not DICOM/.test(s.reason)).map((s) => s.annotationId);
    expect(notDicom.sort()).toEqual([p.annotations.niftiMask, p.annotations.niftiLesion].sort());
    expect(readdirSync(join(dir, 'seg'))).toEqual([`${caseOf(p.seriesId)}.dcm`]);
  });

  it('writes a DICOM SR of the CT measurements that core reads back', async () => {
    const { dir } = await run('dicom-sr');
    const path = join(dir, 'sr', `${caseOf(p.seriesId)}.dcm`);
    expect(await dciodvfyErrors(path)).toEqual([]);
    const [plan] = assembleSeries(readdirSync(CT_DIR).map((name) => readDicomHeaderSync(join(CT_DIR, name))));
    const sliceOf = new Map(plan!.frames.map((frame, k) => [frame.header.sopInstanceUID, k]));
    const report = readMeasurementReport(new Uint8Array(await readFile(path)), {
      labels: labelsOf(),
      imageOf: (ref) => {
        const k = sliceOf.get(ref.sopInstanceUid);
        return k === undefined ? undefined : { imageId: p.seriesId, sliceIndex: k, geometry: plan!.geometry };
      },
    });
    expect(report.unread).toEqual([]);
    for (const key of ['ctLandmark', 'ctLength']) {
      const original = manifest.annotations.find((a) => a.id === p.annotations[key])!;
      const found = report.annotations.find((a) => a.payload.type === original.payload.type)!;
      expect(found.labelId).toBe(original.labelId);
      expect(found.payload.imageRef.sliceIndex).toBe(original.payload.imageRef.sliceIndex);
      const points = (payload: typeof original.payload) =>
        payload.type === 'landmark'
          ? [payload.data.point.index]
          : payload.type === 'length'
            ? payload.data.points.map((q) => q.index)
            : [];
      const got = points(found.payload).flat();
      points(original.payload)
        .flat()
        .forEach((v, i) => expect(got[i]).toBeCloseTo(v, 3));
    }
  });

  it('writes the tables, whose annotations.json gives the version back, and the manifest and card', async () => {
    const { dir } = await run('tables');
    const back = readAnnotationsJson({
      path: 'annotations.json',
      bytes: new Uint8Array(await readFile(join(dir, 'annotations.json'))),
    });
    expect(back.annotations.map((a) => a.id).sort()).toEqual(manifest.annotations.map((a) => a.id).sort());
    for (const original of manifest.annotations) {
      const found = back.annotations.find((a) => a.id === original.id)!;
      expect(found.imageId).toBe(original.caseId);
      expect(found.payload).toEqual({
        ...original.payload,
        imageRef: { ...original.payload.imageRef, imageId: original.caseId },
      });
    }
    for (const name of ['labels.csv', 'landmarks.csv', 'measurements.csv'])
      expect((await readFile(join(dir, name), 'utf8')).length).toBeGreaterThan(0);
    const written = await readFile(join(dir, 'manifest.json'));
    expect(written.equals(manifestBytes)).toBe(true);
    const hash = createHash('sha256').update(written).digest('hex');
    const card = await readFile(join(dir, 'dataset-card.md'), 'utf8');
    expect(card).toContain('export test v1');
    expect(card).toContain(hash);
    // The annotator made every annotation, on all three cases; the project does not de-identify.
    expect(card).toMatch(/\| Test User \| 3 \|/);
    expect(card).toContain('this dataset was NOT de-identified');
    expect(await readFile(join(dir, 'dataset-card.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  it("writes the project's license and citation into the card, and forgets them when set to null", async () => {
    const patch = (dataset: unknown) =>
      f.as('owner', {
        method: 'PATCH',
        url: `/api/projects/${f.projectId}`,
        payload: { settings: { dataset } },
      });
    const set = await patch({
      license: { name: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
      citation: 'Doe J, et al. A tiny CT set. Journal of Tests 2026;1:1.',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings.dataset.license.name).toBe('CC BY-NC 4.0');
    // A measured multi-reader item (as the agreement job stores it): the card reports the label's agreement.
    const agreement = {
      labels: [
        {
          labelId: p.labels.liver,
          labelName: 'liver',
          labelType: 'mask',
          metric: 'dice',
          higherIsBetter: true,
          value: 0.75,
          threshold: 0.8,
          passed: false,
          pairs: [],
          perReader: [],
        },
      ],
      error: null,
    };
    await f.database.db
      .insertInto('quality_items')
      .values({
        id: randomUUID(),
        project_id: f.projectId,
        image_id: p.niftiId,
        status: 'disputed',
        agreement: JSON.stringify(agreement),
        computed_at: new Date().toISOString(),
      })
      .execute();
    const card = await readFile(join((await run('tables')).dir, 'dataset-card.md'), 'utf8');
    expect(card).toContain('CC BY-NC 4.0\n\n<https://creativecommons.org/licenses/by-nc/4.0/>');
    expect(card).toContain('| Liver | Dice | 0.750 | 1 | ≥ 0.8 | 1 | — |');
    expect(card).toContain('Doe J, et al. A tiny CT set. Journal of Tests 2026;1:1.');
    expect((await patch({ license: 'CC0' })).statusCode).toBe(400);
    expect((await patch({ license: null, citation: null })).statusCode).toBe(200);
    const plain = await readFile(join((await run('tables')).dir, 'dataset-card.md'), 'utf8');
    expect(plain).toContain('Not specified by the project');
    expect(plain).not.toContain('A tiny CT set');
  });

  it('names the input channel as asked (nnU-Net normalises "CT" by HU), in nnU-Net and the Decathlon', async () => {
    const nnunet = await run('nnunet', p.versionId, 'CT');
    const json = JSON.parse(
      await readFile(join(nnunet.dir, 'Dataset500_export_test_v1/dataset.json'), 'utf8'),
    );
    expect(json.channel_names).toEqual({ '0': 'CT' });
    const msd = await run('msd', p.versionId, 'CT');
    const task = JSON.parse(await readFile(join(msd.dir, 'Task100_export-test-v1/dataset.json'), 'utf8'));
    expect(task.modality).toEqual({ '0': 'CT' });
  });

  it('puts test cases in imagesTs without labels, and lists them in dataset.json', async () => {
    const res = await f.as('manager', {
      method: 'POST',
      url: `/api/projects/${f.projectId}/versions`,
      payload: { name: 'all test', source: 'all', splits: { seed: 1, train: 0, validation: 0, test: 1 } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const versionId = res.json().version.id as string;
    const nnunet = await run('nnunet', versionId);
    const files = (await filesUnder(nnunet.dir)).map((file) => file.path);
    expect(files.filter((path) => /\/(imagesTr|labelsTr)\//.test(path))).toEqual([]);
    expect(files.filter((path) => path.includes('/imagesTs/'))).toHaveLength(3);
    const json = JSON.parse(await readFile(join(nnunet.dir, 'Dataset500_all_test/dataset.json'), 'utf8'));
    expect(json.numTraining).toBe(0);
    expect(nnunet.summary.skipped.find((s) => s.annotationId === p.annotations.ctMask)?.reason).toMatch(
      /test case has no label file/,
    );
    const msd = await run('msd', versionId);
    const back = datasetFromMsd(await filesUnder(msd.dir));
    expect(back.cases.map((c) => c.split)).toEqual(['test', 'test', 'test']);
  });

  describe('failures', () => {
    it('answers NOT_FOUND for a version not in the project', async () => {
      await expect(
        writeVersionExport({
          db: f.database.db,
          blobs: f.blobs,
          projectId: f.projectId,
          versionId: '00000000-0000-4000-8000-000000000000',
          format: 'tables',
          outputDir: root,
        }),
      ).rejects.toMatchObject({ name: 'ApiError', code: 'NOT_FOUND' });
    });

    it('names the case whose image can no longer be read', async () => {
      const row = await f.database.db
        .selectFrom('images')
        .select('blob_key')
        .where('id', '=', p.pngId)
        .executeTakeFirstOrThrow();
      await f.blobs.delete(row.blob_key);
      await expect(run('coco')).rejects.toThrow(
        new RegExp(`^${caseOf(p.pngId)}: its image could not be read`),
      );
    });
  });
});
