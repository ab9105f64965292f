import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBinaryRle } from '@voxelhub/core/annotation';
import type { ExportFile } from '@voxelhub/core/export';
import { labelMapFromNifti } from '@voxelhub/core/segmentation';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExportFormat } from '../exports/export-formats.js';
import { filesUnder } from '../exports/export-test-files.js';
import { type ExportSummary, writeVersionExport } from '../exports/write-version-export.js';
import { loadProjectLabels } from '../projects/numbered-labels.js';
import { eachDialect } from '../storage/test-databases.js';
import type { AnnotationImportReport } from './annotation-import-report.js';
import { box, finding, landmark, length, note, polygon } from './annotation-import-test-payloads.js';
import {
  annotate,
  annotateLabelMap,
  blockLabelMap,
  createImaging,
  deleteAll,
  expectClose,
  expectSameAnnotations,
  type Imaging,
  importZip,
  liveAnnotations,
  type StoredAnnotation,
  sortKey,
} from './annotation-import-test-support.js';
import type { ImportCase } from './project-cases.js';

/**
 * The product's round trip (issue 7): annotations made through the API, frozen as a version through the
 * API, written by writeVersionExport in every export format, all deleted, and the export folder imported
 * back as a zip through the import route. Each format must bring back what it can carry, and the import
 * must report exactly what it passed over.
 */

type Stored = StoredAnnotation;

const isLabelMap = (a: Stored) =>
  a.payload.type === 'segmentation' && a.payload.data.representation === 'labelMap';
const ofTypes =
  (...types: string[]) =>
  (a: Stored) =>
    types.includes(a.payload.type);

/** A manifest.json case: its id and the name the export's files use. */
interface ManifestCase {
  readonly id: string;
  readonly caseName: string;
}

interface RoundTrip {
  readonly summary: ExportSummary;
  readonly report: AnnotationImportReport;
  readonly files: readonly ExportFile[];
  /** Case name in the export → case id. */
  readonly cases: readonly ManifestCase[];
  readonly live: readonly Stored[];
}

eachDialect('version export → annotation import', (context) => {
  let im: Imaging;
  let originals: Stored[];
  let versionId: string;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'voxelhub-export-import-'));
    im = await createImaging(context.database);
    await annotateLabelMap(im, im.nifti, blockLabelMap(im.nifti));
    await annotateLabelMap(im, im.series, blockLabelMap(im.series));
    await annotate(im, im.png, box(im, im.png, 0));
    await annotate(im, im.png, polygon(im, im.png, 0));
    await annotate(im, im.nifti, box(im, im.nifti, 2));
    await annotate(im, im.nifti, polygon(im, im.nifti, 3));
    await annotate(im, im.series, landmark(im, im.series, 1));
    await annotate(im, im.series, length(im, im.series, 3));
    await annotate(im, im.ct, landmark(im, im.ct, 0));
    await annotate(im, im.ct, length(im, im.ct, 0));
    await annotate(im, im.png, finding(im, im.png, 'abnormal'));
    await annotate(im, im.nifti, note(im, im.nifti, 'looks "fine", see\nreport'));
    originals = await liveAnnotations(im);
    expect(originals).toHaveLength(12);
    const res = await im.f.as('manager', {
      method: 'POST',
      url: `/api/projects/${im.f.projectId}/versions`,
      payload: { name: 'roundtrip v1', source: 'all' },
    });
    expect(res.statusCode, res.body).toBe(201);
    versionId = res.json().version.id;
  }, 60_000);
  afterAll(async () => {
    await im.f.close();
    await rm(root, { recursive: true, force: true });
  });

  const cases = () => [im.nifti, im.series, im.ct, im.png];
  const caseById = (id: string): ImportCase => cases().find((c) => c.id === id)!;

  /** Export the version, delete every annotation, import the export folder as one zip. */
  async function roundTrip(format: ExportFormat): Promise<RoundTrip> {
    const dir = await mkdtemp(join(root, `${format}-`));
    const summary = await writeVersionExport({
      db: im.f.database.db,
      blobs: im.f.blobs,
      projectId: im.f.projectId,
      versionId,
      format,
      outputDir: dir,
    });
    const files = await filesUnder(dir);
    const manifest = files.find((f) => f.path === 'manifest.json')!;
    const { cases } = JSON.parse(new TextDecoder().decode(manifest.bytes)) as { cases: ManifestCase[] };
    await deleteAll(im);
    const res = await importZip(im, files);
    expect(res.statusCode, res.body).toBe(201);
    return { summary, report: res.json(), files, cases, live: await liveAnnotations(im) };
  }

  /** The export reported exactly these originals as not carried. */
  function expectExportSkipped(run: RoundTrip, notCarried: (a: Stored) => boolean) {
    const skipped = run.summary.skipped.map((s) => s.annotationId).sort();
    expect(skipped).toEqual(
      originals
        .filter(notCarried)
        .map((a) => a.id)
        .sort(),
    );
  }

  /** Live annotations of `keep` equal the originals of `keep`, numbers within `tolerance`. */
  function expectSameOf(run: RoundTrip, keep: (a: Stored) => boolean, tolerance: number) {
    const order = (list: readonly Stored[]) =>
      list.filter(keep).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const [now, before] = [order(run.live), order(originals)];
    expect(now.map(sortKey)).toEqual(before.map(sortKey));
    before.forEach((was, n) => {
      expect(now[n]!.labelId).toBe(was.labelId);
      expectClose(now[n]!.payload, was.payload, tolerance, sortKey(was));
    });
  }

  /**
   * Each case's mask voxels per label name: `<case id> <label name>` → flat voxel indices on the case grid,
   * from label maps (segment index → its label) and per-slice RLE masks alike, so representations compare.
   */
  async function maskVoxels(annotations: readonly Stored[]): Promise<Map<string, number[]>> {
    const names = new Map(
      (await loadProjectLabels(im.f.database.db, im.f.projectId)).map((l) => [l.id, l.name]),
    );
    const voxels = new Map<string, Set<number>>();
    const add = (caseId: string, labelId: string, index: number) => {
      const key = `${caseId} ${names.get(labelId)}`;
      voxels.set(key, (voxels.get(key) ?? new Set()).add(index));
    };
    for (const a of annotations) {
      const p = a.payload;
      if (p.type !== 'segmentation') continue;
      if (p.data.representation === 'labelMap') {
        const { map } = labelMapFromNifti(await im.f.blobs.getBytes(p.data.blobKey));
        expect(map.dims).toEqual(caseById(a.caseId).geometry!.dims);
        const labelOf = new Map(p.data.segments.map((s) => [s.index, s.labelId]));
        map.voxels.forEach((v, i) => {
          if (v !== 0) add(a.caseId, labelOf.get(v)!, i);
        });
        continue;
      }
      const [nx, ny] = caseById(a.caseId).geometry!.dims;
      const offset = nx * ny * (p.imageRef.sliceIndex ?? 0);
      const { mask, segment } = p.data;
      decodeBinaryRle(mask).forEach((v, i) => {
        if (v !== 0) add(a.caseId, segment.labelId, offset + i);
      });
    }
    return new Map([...voxels].map(([key, set]) => [key, [...set].sort((x, y) => x - y)]));
  }

  async function expectSameMasks(run: RoundTrip, ofCases: readonly ImportCase[]) {
    const on = (list: readonly Stored[]) => list.filter((a) => ofCases.some((c) => c.id === a.caseId));
    const before = await maskVoxels(on(originals));
    // Both cases hold Liver and Tumour voxels: the comparison is not of two empty maps.
    expect([...before.keys()]).toHaveLength(2 * ofCases.length);
    expect(await maskVoxels(on(run.live))).toEqual(before);
  }

  /** An imported label map's segments are the project's mask labels, named as they are. */
  async function expectSegmentsNamedByLabel(run: RoundTrip) {
    const labels = await loadProjectLabels(im.f.database.db, im.f.projectId);
    for (const a of run.live.filter(isLabelMap)) {
      if (a.payload.type !== 'segmentation' || a.payload.data.representation !== 'labelMap') continue;
      const segments = a.payload.data.segments.map((s) => [s.name, s.labelId]);
      expect(segments.sort()).toEqual(
        labels
          .filter((l) => l.type === 'mask')
          .map((l) => [l.name, l.id])
          .sort(),
      );
    }
  }

  const caseNameOf = (run: RoundTrip, c: ImportCase) => run.cases.find((m) => m.id === c.id)!.caseName;

  it('tables: annotations.json brings back every annotation, exactly', async () => {
    const run = await roundTrip('tables');
    // The export's tables do not hold a label map's voxels (the export says so), but annotations.json names
    // its blob, which this project still holds: the label maps come back too, voxel-identical.
    expectExportSkipped(run, isLabelMap);
    expect(run.report).toMatchObject({ format: 'annotations-json', createdTotal: 12, skipped: [] });
    await expectSameAnnotations(im, originals, 0);
  });

  it('tables: a label map annotations.json names but this project never had is reported, not made', async () => {
    const run = await roundTrip('tables');
    const json = run.files.find((f) => f.path === 'annotations.json')!;
    const niftiMap = originals.find((a) => isLabelMap(a) && a.caseId === im.nifti.id)!;
    if (niftiMap.payload.type !== 'segmentation' || niftiMap.payload.data.representation !== 'labelMap')
      throw new Error('not a label map');
    // A blob key the project has no upload of (as one from another project or instance would be).
    const foreign = 'ab'.repeat(32);
    const text = new TextDecoder().decode(json.bytes).replaceAll(niftiMap.payload.data.blobKey, foreign);
    await deleteAll(im);
    const manifest = run.files.find((f) => f.path === 'manifest.json')!;
    const res = await importZip(im, [
      { path: 'annotations.json', bytes: new TextEncoder().encode(text) },
      manifest,
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      createdTotal: 11,
      skipped: [
        {
          file: 'annotations.json',
          reason: `no label map ${foreign} was uploaded to this project (POST it to annotation-blobs first)`,
        },
      ],
    });
    await expectSameAnnotations(
      im,
      originals.filter((a) => a !== niftiMap),
      0,
    );
  });

  it('dicom-sr: landmarks and lengths on the series and the single CT', async () => {
    const run = await roundTrip('dicom-sr');
    const measurement = ofTypes('landmark', 'length');
    expectExportSkipped(run, (a) => !measurement(a));
    expect(run.report).toMatchObject({ format: 'dicom-sr', createdTotal: 4, skipped: [] });
    // The report keeps points as SCOORD pixel (column, row) pairs in 32-bit floats (FL), about 7 significant
    // digits: exact for these points on whole and half pixels. A length's value is a DS of 16 characters
    // (4e-15 mm off here). So 1e-9 holds; points off the half-pixel grid would need about 1e-4 px.
    expectSameOf(run, measurement, 1e-9);
  });

  for (const format of ['nnunet', 'msd', 'nifti'] as const)
    it(`${format}: each case's composed label map, voxel-identical, segments by label name`, async () => {
      const run = await roundTrip(format);
      expectExportSkipped(run, (a) => a.payload.type !== 'segmentation');
      // Every case has a label file (an empty one where it has no masks); the import reports those.
      const empty = [im.ct, im.png].map((c) => caseNameOf(run, c));
      const labelFile = (name: string) =>
        format === 'nifti'
          ? `labels/${name}.nii.gz`
          : run.files.find((f) => f.path.endsWith(`/labelsTr/${name}.nii.gz`))!.path;
      expect(run.report.format).toBe(format);
      expect(run.report.createdTotal).toBe(2);
      expect(run.report.skipped).toEqual(
        empty.map((name) => ({ file: labelFile(name), reason: 'the label map is empty' })),
      );
      expect(run.live.every(isLabelMap)).toBe(true);
      await expectSameMasks(run, [im.nifti, im.series]);
      await expectSegmentsNamedByLabel(run);
    });

  it('dicom-seg: the series label map, voxel-identical (the NIfTI case is not DICOM)', async () => {
    const run = await roundTrip('dicom-seg');
    expectExportSkipped(run, (a) => a.payload.type !== 'segmentation' || a.caseId === im.nifti.id);
    expect(run.report).toMatchObject({ format: 'dicom-seg', createdTotal: 1, skipped: [] });
    expect(run.live.every(isLabelMap)).toBe(true);
    await expectSameMasks(run, [im.series]);
    await expectSegmentsNamedByLabel(run);
  });

  it('coco: boxes and polygons exactly, masks voxel-identical as per-slice RLE', async () => {
    const run = await roundTrip('coco');
    const shape = ofTypes('box2d', 'polygon');
    expectExportSkipped(run, ofTypes('landmark', 'length', 'classification'));
    expect(run.report).toMatchObject({ format: 'coco', skipped: [] });
    // One RLE mask per label per slice with voxels: 7 NIfTI slices and 5 series slices, Liver and Tumour.
    const [niftiSlices, seriesSlices] = [im.nifti, im.series].map((c) => c.geometry!.dims[2]);
    expect(run.report.createdTotal).toBe(4 + 2 * (niftiSlices! + seriesSlices!));
    // COCO writes pixel coordinates with 3 decimals (1e-3 px is all it promises); these points lie on whole
    // and half pixels, so they come back exactly.
    expectSameOf(run, shape, 1e-9);
    await expectSameMasks(run, [im.nifti, im.series]);
  });

  /** The import's skipped YOLO lines, as `<plane file> <reason>` without line numbers. */
  const skippedLines = (run: RoundTrip) =>
    run.report.skipped.map((s) => `${s.file.replace(/ line \d+$/, '')} ${s.reason}`).sort();

  /** The YOLO label files and the labels of the shapes that do not fit the import's label types. */
  function expectedYoloSkips(run: RoundTrip, want: 'box' | 'polygon') {
    const planeOf = (c: ImportCase, k: number) => {
      const name = caseNameOf(run, c);
      return c.geometry!.dims[2] === 1 ? name : `${name}_slice_${String(k).padStart(4, '0')}`;
    };
    const line = (c: ImportCase, k: number, label: string, type: string) =>
      `labels/train/${planeOf(c, k)}.txt label "${label}" is a ${type} label; this item needs a ${want} label`;
    const expected: string[] = [];
    // Every slice of both label maps holds Liver and Tumour voxels, each traced into its own shape.
    for (const c of [im.nifti, im.series])
      for (let k = 0; k < c.geometry!.dims[2]; k++)
        expected.push(line(c, k, 'Liver', 'mask'), line(c, k, 'Tumour', 'mask'));
    // Detection writes the polygons' bounding boxes; segmentation writes the boxes' corners as polygons.
    if (want === 'box')
      expected.push(line(im.png, 0, 'Outline', 'polygon'), line(im.nifti, 3, 'Outline', 'polygon'));
    else expected.push(line(im.png, 0, 'Nodule', 'box'), line(im.nifti, 2, 'Nodule', 'box'));
    return expected.sort();
  }

  it('yolo-detection: boxes within YOLO precision; traced masks and polygons are reported', async () => {
    const run = await roundTrip('yolo-detection');
    expectExportSkipped(run, ofTypes('landmark', 'length', 'classification'));
    expect(run.report).toMatchObject({ format: 'yolo', createdTotal: 2 });
    // The import makes a YOLO box only under a box label: the boxes of the masks (Liver, Tumour) and of the
    // polygons (Outline) name labels of another type, so they are reported, not made.
    expect(skippedLines(run)).toEqual(expectedYoloSkips(run, 'box'));
    // 6 decimals of the image's width and height: at most 0.5e-6 · 24 px = 1.2e-5 px off (8e-6 seen), in
    // patient mm that times the spacing (at most 3 mm here).
    expectSameOf(run, ofTypes('box2d'), 1e-4);
    expect(run.live.every((a) => a.payload.type === 'box2d')).toBe(true);
  });

  it('yolo-segmentation: polygons and boxes within YOLO precision; traced masks fill back exactly', async () => {
    const run = await roundTrip('yolo-segmentation');
    // The NIfTI is 4×5 pixels a slice, so blockLabelMap's Tumour there is a line of 2 pixels (i = 1, j = 1…2)
    // on each of its 7 slices: no polygon of 3+ vertices, which YOLO (as Ultralytics' converter) drops.
    const niftiMap = originals.find((a) => isLabelMap(a) && a.caseId === im.nifti.id)!;
    const lines = run.summary.skipped.filter((s) => s.annotationId === niftiMap.id);
    expect(lines.map((s) => s.reason)).toEqual(
      Array(im.nifti.geometry!.dims[2]).fill('no mask component is a polygon of 3+ vertices at minArea'),
    );
    expectExportSkipped(
      { ...run, summary: { ...run.summary, skipped: run.summary.skipped.filter((s) => !lines.includes(s)) } },
      ofTypes('landmark', 'length', 'classification'),
    );
    // Under the project's labels, each line is read as what it was written from: the boxes' corner polygons
    // are boxes again (Nodule is a box label), and the traced masks' polygons are filled into one mask per
    // label per slice (Liver on every NIfTI and series slice, Tumour on the series').
    const [niftiSlices, seriesSlices] = [im.nifti, im.series].map((c) => c.geometry!.dims[2]!);
    expect(run.report).toMatchObject({ format: 'yolo', skipped: [] });
    expect(run.report.createdTotal).toBe(4 + niftiSlices! + 2 * seriesSlices!);
    expectSameOf(run, ofTypes('polygon', 'box2d'), 1e-4);
    // A pixel is in when its centre is inside or on the traced polygon: exact for these hole-free blocks
    // (holes are not traced, so a mask with holes would come back filled).
    const before = await maskVoxels(originals);
    before.delete(`${im.nifti.id} Tumour`);
    expect(await maskVoxels(run.live)).toEqual(before);
  });
});
