import {
  cocoFiles,
  type ExportFile,
  msdFiles,
  newDicomUid,
  nnunetFiles,
  sliceInstances,
  writeAnnotationsJson,
  writeDicomSeg,
  writeLabelsCsv,
  writeLabelsWideCsv,
  writeLandmarksCsv,
  writeMeasurementReport,
  writeMeasurementsCsv,
  yoloDetectionFiles,
  yoloSegmentationFiles,
} from '@voxelhub/core/export';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import {
  box,
  finding,
  inlineMask,
  landmark,
  length,
  note,
  polygon,
} from './annotation-import-test-payloads.js';
import {
  annotate,
  annotateLabelMap,
  blockLabelMap,
  composedLabelMap,
  createImaging,
  deleteAll,
  expectSameAnnotations,
  exportDataset,
  type Imaging,
  importFile,
  importZip,
  liveAnnotations,
  type StoredAnnotation,
} from './annotation-import-test-support.js';

/**
 * Export → import gives the same annotations, per format: annotations made through the API, written by
 * core's writers (case names = case ids, or case_NNNN with a manifest.json), deleted, imported back.
 */
eachDialect('annotation import round trips', (context) => {
  let im: Imaging;
  beforeAll(async () => {
    im = await createImaging(context.database);
  }, 60_000);
  afterAll(() => im.f.close());

  /** Starts from no annotations, makes these, and answers what was stored. */
  async function fresh(make: () => Promise<void>): Promise<StoredAnnotation[]> {
    await deleteAll(im);
    await make();
    return liveAnnotations(im);
  }

  async function roundTrip(
    originals: StoredAnnotation[],
    files: readonly ExportFile[],
    expected: { format: string; count: number; tolerance?: number },
  ) {
    await deleteAll(im);
    const res = await importZip(im, files);
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report.format).toBe(expected.format);
    expect(report.skipped).toEqual([]);
    expect(report.createdTotal).toBe(expected.count);
    await expectSameAnnotations(im, originals, expected.tolerance);
  }

  it('COCO: boxes, polygons and an RLE mask on a PNG and a NIfTI slice, by id and by manifest', async () => {
    const originals = await fresh(async () => {
      await annotate(im, im.png, box(im, im.png, 0));
      await annotate(im, im.nifti, polygon(im, im.nifti, 2));
      await annotate(im, im.png, inlineMask(im, im.png));
    });
    for (const naming of ['ids', 'manifest'] as const) {
      const { dataset, manifest } = await exportDataset(im, naming);
      const files = [...cocoFiles(dataset), ...(manifest ? [manifest] : [])];
      await roundTrip(originals, files, { format: 'coco', count: 3, tolerance: 1e-9 });
    }
  });

  it('YOLO detection (boxes) and segmentation (polygons)', async () => {
    const boxes = await fresh(async () => {
      await annotate(im, im.png, box(im, im.png, 0));
      await annotate(im, im.nifti, box(im, im.nifti, 3));
    });
    const det = await exportDataset(im, 'ids');
    await roundTrip(boxes, yoloDetectionFiles(det.dataset).files, {
      format: 'yolo',
      count: 2,
      tolerance: 1e-4,
    });
    const polygons = await fresh(async () => {
      await annotate(im, im.png, polygon(im, im.png, 0));
    });
    const seg = await exportDataset(im, 'manifest');
    const files = [...yoloSegmentationFiles(seg.dataset).files, seg.manifest!];
    await roundTrip(polygons, files, { format: 'yolo', count: 1, tolerance: 1e-4 });
  });

  it('nnU-Net and Decathlon folders: label maps on a NIfTI volume and a DICOM series', async () => {
    const originals = await fresh(async () => {
      await annotateLabelMap(im, im.nifti, blockLabelMap(im.nifti));
      await annotateLabelMap(im, im.series, blockLabelMap(im.series));
    });
    for (const naming of ['ids', 'manifest'] as const) {
      const { dataset, manifest } = await exportDataset(im, naming);
      const labelMaps = new Map();
      const images = new Map();
      for (const image of dataset.images) {
        const map = await composedLabelMap(im, dataset, image.id);
        labelMaps.set(image.id, map);
        images.set(image.id, { data: new Int16Array(map!.voxels.length), geometry: image.geometry });
      }
      const extra = manifest ? [manifest] : [];
      const channelNames = { '0': 'CT' } as const;
      const nnunet = nnunetFiles({
        dataset,
        images,
        labelMaps,
        channelNames,
        datasetId: 501,
        datasetName: 'Roundtrip',
      });
      await roundTrip(originals, [...nnunet, ...extra], { format: 'nnunet', count: 2 });
      const msd = msdFiles({ dataset, images, labelMaps, channelNames, taskId: 11, taskName: 'Roundtrip' });
      await roundTrip(originals, [...msd, ...extra], { format: 'msd', count: 2 });
    }
  });

  it('NIfTI label maps named after their case', async () => {
    const originals = await fresh(() => annotateLabelMap(im, im.nifti, blockLabelMap(im.nifti)));
    const { dataset } = await exportDataset(im, 'ids');
    const map = (await composedLabelMap(im, dataset, im.nifti.id, 'maskOrder'))!;
    const nii = labelMapToNifti(map, map.geometry, { gzip: true });
    // A zip of label maps, and the one file on its own.
    await roundTrip(originals, [{ path: `labels/${im.nifti.id}.nii.gz`, bytes: nii }], {
      format: 'nifti',
      count: 1,
    });
    await deleteAll(im);
    const single = await importFile(im, { name: `${im.nifti.id}.nii.gz`, bytes: nii });
    expect(single.statusCode, single.body).toBe(201);
    await expectSameAnnotations(im, originals);
  });

  it("NIfTI in Voxelhub's export layout: images/ and labels/, classes named by labels.json", async () => {
    const originals = await fresh(async () => {
      await annotateLabelMap(im, im.nifti, blockLabelMap(im.nifti));
      await annotateLabelMap(im, im.series, blockLabelMap(im.series));
    });
    const { dataset, manifest } = await exportDataset(im, 'manifest');
    const files: ExportFile[] = [manifest!];
    for (const image of dataset.images) {
      const map = (await composedLabelMap(im, dataset, image.id))!;
      const nii = labelMapToNifti(map, map.geometry, { gzip: true });
      // The image files are NIfTI too; only labels/ holds label maps.
      files.push({ path: `images/${image.caseName}.nii.gz`, bytes: nii });
      files.push({ path: `labels/${image.caseName}.nii.gz`, bytes: nii });
    }
    const classes = Object.fromEntries(
      dataset.labels.filter((l) => l.type === 'mask').map((l) => [l.classIndex, l.name]),
    );
    files.push({
      path: 'labels.json',
      bytes: new TextEncoder().encode(JSON.stringify({ 0: 'background', ...classes })),
    });
    await roundTrip(originals, files, { format: 'nifti', count: 2 });
  });

  it('DICOM SEG of a series, matched by its Series Instance UID', async () => {
    const originals = await fresh(() => annotateLabelMap(im, im.series, blockLabelMap(im.series)));
    const c = im.series;
    const map = blockLabelMap(c);
    const seg = writeDicomSeg({
      labelMap: { voxels: map.voxels, dims: map.dims as [number, number, number] },
      geometry: c.geometry!,
      type: 'BINARY',
      segments: [
        { number: 1, label: 'Liver', colour: '#aa5500' },
        { number: 2, label: 'Tumour', colour: '#5500aa' },
      ],
      source: {
        studyInstanceUid: im.seriesDicom.study,
        seriesInstanceUid: c.seriesInstanceUid!,
        frameOfReferenceUid: im.seriesDicom.frameOfReference,
        referencedInstances: c.instances.map((i) => ({
          sopClassUid: im.seriesDicom.sopClass,
          sopInstanceUid: i.sopInstanceUid!,
        })),
      },
      uids: { seriesInstanceUid: newDicomUid(), sopInstanceUid: newDicomUid() },
    });
    await deleteAll(im);
    const res = await importFile(im, { name: 'segmentation.dcm', bytes: seg });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'dicom-seg', createdTotal: 1, skipped: [] });
    await expectSameAnnotations(im, originals);
  });

  it('DICOM SR measurement report on a series, matched by SOP Instance UIDs', async () => {
    const originals = await fresh(async () => {
      await annotate(im, im.series, landmark(im, im.series, 1));
      await annotate(im, im.series, length(im, im.series, 3));
    });
    const { dataset } = await exportDataset(im, 'ids');
    const c = im.series;
    const sr = writeMeasurementReport({
      annotations: dataset.annotations,
      labels: dataset.labels,
      source: {
        studyInstanceUid: im.seriesDicom.study,
        frameOfReferenceUid: im.seriesDicom.frameOfReference,
        instances: new Map([
          [
            c.id,
            sliceInstances(
              c.instances.map((i) => ({
                sopClassUid: im.seriesDicom.sopClass,
                sopInstanceUid: i.sopInstanceUid!,
                seriesInstanceUid: c.seriesInstanceUid!,
              })),
            ),
          ],
        ]),
      },
      uids: { seriesInstanceUid: newDicomUid(), sopInstanceUid: newDicomUid() },
    });
    await roundTrip(originals, [{ path: 'report.dcm', bytes: sr }], {
      format: 'dicom-sr',
      count: 2,
      tolerance: 1e-4,
    });
  });

  it('DICOM SR on one instance: slice 0 of the image', async () => {
    const originals = await fresh(() => annotate(im, im.ct, length(im, im.ct, 0)));
    const { dataset } = await exportDataset(im, 'ids');
    const ct = im.ct.instances[0]!;
    const sr = writeMeasurementReport({
      annotations: dataset.annotations,
      labels: dataset.labels,
      source: {
        studyInstanceUid: newDicomUid(),
        frameOfReferenceUid: newDicomUid(),
        instances: new Map([
          [
            im.ct.id,
            sliceInstances([
              {
                sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
                sopInstanceUid: ct.sopInstanceUid!,
                seriesInstanceUid: im.ct.seriesInstanceUid!,
              },
            ]),
          ],
        ]),
      },
      uids: { seriesInstanceUid: newDicomUid(), sopInstanceUid: newDicomUid() },
    });
    await roundTrip(originals, [{ path: 'ct_report.dcm', bytes: sr }], {
      format: 'dicom-sr',
      count: 1,
      tolerance: 1e-4,
    });
  });

  it('CSV: classifications long and wide, landmarks, measurements; and annotations.json', async () => {
    const classifications = await fresh(async () => {
      await annotate(im, im.png, finding(im, im.png, 'abnormal'));
      await annotate(im, im.nifti, note(im, im.nifti, 'looks "fine", see\nreport'));
    });
    const long = await exportDataset(im, 'manifest');
    await roundTrip(classifications, [writeLabelsCsv(long.dataset).file, long.manifest!], {
      format: 'csv',
      count: 2,
    });
    const wide = await exportDataset(im, 'ids');
    await roundTrip(classifications, [writeLabelsWideCsv(wide.dataset).file], { format: 'csv', count: 2 });

    const geometric = await fresh(async () => {
      await annotate(im, im.nifti, landmark(im, im.nifti, 4));
      await annotate(im, im.series, landmark(im, im.series, 2, 'base'));
      await annotate(im, im.png, length(im, im.png, 0));
      await annotate(im, im.series, length(im, im.series, 1));
    });
    const tables = await exportDataset(im, 'ids');
    const csvs = [writeLandmarksCsv(tables.dataset).file, writeMeasurementsCsv(tables.dataset).file];
    await roundTrip(geometric, csvs, { format: 'csv', count: 4, tolerance: 1e-9 });

    const everything = await fresh(async () => {
      await annotate(im, im.png, box(im, im.png, 0));
      await annotate(im, im.nifti, polygon(im, im.nifti, 1));
      await annotate(im, im.series, landmark(im, im.series, 4));
      await annotate(im, im.ct, length(im, im.ct, 0));
      await annotate(im, im.png, finding(im, im.png, 'normal'));
    });
    const json = await exportDataset(im, 'manifest');
    await roundTrip(everything, [writeAnnotationsJson(json.dataset), json.manifest!], {
      format: 'annotations-json',
      count: 5,
    });
  });
});
