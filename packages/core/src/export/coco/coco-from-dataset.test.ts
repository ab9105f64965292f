import { describe, expect, it } from 'vitest';
import type { LabelMap } from '../../segmentation/label-map.js';
import type { ExportDataset, ExportImage } from '../export-dataset.js';
import { cocoFiles } from './coco-files.js';
import { type CocoDataset, cocoDatasetSchema } from './coco-format.js';
import { type CocoExportOptions, cocoFromDataset } from './coco-from-dataset.js';
import { cocoImageFileName } from './coco-image-names.js';
import { annotation, at, CT, LABELS, rleData, segmentOf, XRAY } from './coco-test-dataset.js';

const [NODULE, LIVER, OUTLINE, , , SPLEEN] = LABELS;

/** Every export in these tests goes through here: it must pass the COCO schema. */
function exported(dataset: ExportDataset, options?: CocoExportOptions) {
  const result = cocoFromDataset(dataset, options);
  expect(cocoDatasetSchema.safeParse(result.coco).error?.issues ?? []).toEqual([]);
  return result;
}

function dataset(annotations: ExportDataset['annotations'], images = [XRAY, CT]): ExportDataset {
  return { name: 'Chest study', images, labels: LABELS, annotations };
}

const BOX = annotation('a-box', XRAY, NODULE!.id, 'box2d', {
  min: at(XRAY.geometry, 1, 2, 0),
  max: at(XRAY.geometry, 4, 5, 0),
});
const TRIANGLE = annotation(
  'a-poly',
  CT,
  OUTLINE!.id,
  'polygon',
  { points: [at(CT.geometry, 0, 0, 1), at(CT.geometry, 4, 0, 1), at(CT.geometry, 0, 3, 1)] },
  { sliceIndex: 1 },
);
// 5 × 4, rows: 00000 / 01100 / 01110 / 00000.
const BLOB_PIXELS = [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const BLOB = annotation('a-rle', CT, LIVER!.id, 'segmentation', rleData(BLOB_PIXELS, 5, 4, LIVER!), {
  sliceIndex: 2,
});

describe('cocoFromDataset: images', () => {
  it('makes one COCO image of a 2D image and one per slice of a volume, ids from 1', () => {
    const { coco } = exported(dataset([]));
    expect(coco.images).toEqual([
      { id: 1, file_name: 'case_0001.png', width: 8, height: 6 },
      { id: 2, file_name: 'case_0002/slice_0000.png', width: 5, height: 4 },
      { id: 3, file_name: 'case_0002/slice_0001.png', width: 5, height: 4 },
      { id: 4, file_name: 'case_0002/slice_0002.png', width: 5, height: 4 },
    ]);
    expect(coco.annotations).toEqual([]);
    expect(coco.info).toEqual({
      description: 'Chest study',
      version: '1.0',
      contributor: 'Voxelhub',
      url: '',
    });
  });

  it('names frames of a cine image frame_NNNN and pads to the number of planes', () => {
    const { coco } = exported(dataset([], [CT]), { imageKindOf: () => 'frames' });
    expect(coco.images[0]!.file_name).toBe('case_0002/frame_0000.png');
    expect(cocoImageFileName('c', 10_000, 'slice', 42)).toBe('c/slice_0042.png');
    expect(cocoImageFileName('c', 10_001, 'slice', 42)).toBe('c/slice_00042.png');
  });

  it('dates the file only when asked', () => {
    const { coco } = exported(dataset([]), { createdAt: new Date(Date.UTC(2026, 0, 5)) });
    expect(coco.info).toMatchObject({ year: 2026, date_created: '2026/01/05' });
  });
});

describe('cocoFromDataset: objects', () => {
  it('lists box, polygon and mask labels as categories with id = classIndex', () => {
    const { coco } = exported(dataset([]));
    expect(coco.categories).toEqual([
      { id: 1, name: 'Nodule', supercategory: 'box' },
      { id: 2, name: 'Liver', supercategory: 'mask' },
      { id: 3, name: 'Outline', supercategory: 'polygon' },
      { id: 6, name: 'Spleen', supercategory: 'mask' },
    ]);
  });

  it('writes a box as bbox with pixel centres at +0.5 and an empty segmentation', () => {
    // Index corners (1, 2) and (4, 5) → pixel coordinates (1.5, 2.5) and (4.5, 5.5): 3 × 3, area 9.
    const { coco } = exported(dataset([BOX]));
    expect(coco.annotations).toEqual([
      { id: 1, image_id: 1, category_id: 1, bbox: [1.5, 2.5, 3, 3], area: 9, iscrowd: 0, segmentation: [] },
    ]);
  });

  it('writes a polygon with its shoelace area and tight box, on its slice’s image', () => {
    // Index (0,0), (4,0), (0,3) → (0.5,0.5), (4.5,0.5), (0.5,3.5): legs 4 and 3, area 6. Slice 1 of the CT is
    // COCO image 3 (the radiograph is 1, CT slice 0 is 2).
    const { coco } = exported(dataset([TRIANGLE]));
    expect(coco.annotations).toEqual([
      {
        id: 1,
        image_id: 3,
        category_id: 3,
        bbox: [0.5, 0.5, 4, 3],
        area: 6,
        iscrowd: 0,
        segmentation: [[0.5, 0.5, 4.5, 0.5, 0.5, 3.5]],
      },
    ]);
  });

  it('writes an inline mask as compressed COCO RLE', () => {
    // Columns top to bottom: 0000 0110 0110 0010 0000 → counts [5, 2, 2, 2, 3, 1, 5]. Compressed (maskApi.c):
    // 5, 2, 2 raw → '5' '2' '2'; then differences from two before: 2−2 = 0 → '0', 3−2 = 1 → '1',
    // 1−2 = −1 → chunk 31 with the sign bit, last → 31 + 48 = 'O', 5−3 = 2 → '2'.
    const { coco } = exported(dataset([BLOB]));
    expect(coco.annotations).toEqual([
      {
        id: 1,
        image_id: 4,
        category_id: 2,
        bbox: [1, 1, 3, 2],
        area: 5,
        iscrowd: 0,
        segmentation: { size: [4, 5], counts: '52201O2' },
      },
    ]);
    const plain = exported(dataset([BLOB]), { rle: 'uncompressed' }).coco.annotations[0]!;
    expect(plain.segmentation).toEqual({ size: [4, 5], counts: [5, 2, 2, 2, 3, 1, 5] });
  });

  it('writes a label map as one RLE per slice per segment present', () => {
    const voxels = new Uint8Array(5 * 4 * 3);
    const set = (i: number, j: number, k: number, value: number) => {
      voxels[i + 5 * (j + 4 * k)] = value;
    };
    for (const [i, j] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      set(i, j, 0, 1); // liver, slice 0
    set(3, 2, 1, 7); // a value that is no listed segment: not exported
    set(0, 0, 2, 1); // liver, slice 2, first pixel
    set(4, 3, 2, 2); // spleen, slice 2, last pixel
    const segments = [
      { ...segmentOf(LIVER!), index: 1 },
      { ...segmentOf(SPLEEN!), index: 2 },
    ];
    const map = annotation(
      'a-map',
      CT,
      LIVER!.id,
      'segmentation',
      { representation: 'labelMap', blobKey: 'blob-1', format: 'nifti', segments },
      {},
    );
    const labelMaps = new Map<string, LabelMap>([['a-map', { dims: [5, 4, 3], voxels }]]);
    const { coco, skipped } = exported(dataset([map]), { labelMaps, rle: 'uncompressed' });
    expect(skipped).toEqual([]);
    // Column-major: the 2 × 2 corner is columns 0 and 1, rows 0–1: counts [0, 2, 2, 2, 14]. Pixel (0, 0) alone:
    // [0, 1, 19]. Pixel (4, 3) is the last of 20: [19, 1].
    expect(
      coco.annotations.map(({ image_id, category_id, bbox, area, segmentation }) => ({
        image_id,
        category_id,
        bbox,
        area,
        segmentation,
      })),
    ).toEqual([
      {
        image_id: 2,
        category_id: 2,
        bbox: [0, 0, 2, 2],
        area: 4,
        segmentation: { size: [4, 5], counts: [0, 2, 2, 2, 14] },
      },
      {
        image_id: 4,
        category_id: 2,
        bbox: [0, 0, 1, 1],
        area: 1,
        segmentation: { size: [4, 5], counts: [0, 1, 19] },
      },
      {
        image_id: 4,
        category_id: 6,
        bbox: [4, 3, 1, 1],
        area: 1,
        segmentation: { size: [4, 5], counts: [19, 1] },
      },
    ]);
    const withoutVoxels = exported(dataset([map]));
    expect(withoutVoxels.skipped).toEqual([
      {
        annotationId: 'a-map',
        type: 'segmentation',
        reason: 'the label map voxels were not given (options.labelMaps)',
      },
    ]);
  });

  it('clamps to the image edges, rounds to the decimals asked, and skips a box outside the image', () => {
    const overhanging = annotation('a-over', XRAY, NODULE!.id, 'box2d', {
      min: at(XRAY.geometry, -3, -3, 0),
      max: at(XRAY.geometry, 2, 2, 0),
    });
    const outside = annotation('a-out', XRAY, NODULE!.id, 'box2d', {
      min: at(XRAY.geometry, 10, 1, 0),
      max: at(XRAY.geometry, 12, 3, 0),
    });
    const fine = annotation('a-fine', XRAY, OUTLINE!.id, 'polygon', {
      points: [at(XRAY.geometry, 0.12345, 0, 0), at(XRAY.geometry, 2, 0, 0), at(XRAY.geometry, 2, 2, 0)],
    });
    const { coco, skipped } = exported(dataset([overhanging, outside, fine]));
    // (−3, −3) → (−2.5, −2.5) → clamped to (0, 0); (2, 2) → (2.5, 2.5).
    expect(coco.annotations[0]!.bbox).toEqual([0, 0, 2.5, 2.5]);
    // 0.12345 + 0.5 = 0.62345 → 0.623 at 3 decimals.
    expect(coco.annotations[1]!.segmentation).toEqual([[0.623, 0.5, 2.5, 0.5, 2.5, 2.5]]);
    expect(skipped).toEqual([
      { annotationId: 'a-out', type: 'box2d', reason: 'the box lies outside the image' },
    ]);
    const two = exported(dataset([fine]), { decimals: 1 }).coco.annotations[0]!;
    expect(two.segmentation).toEqual([[0.6, 0.5, 2.5, 0.5, 2.5, 2.5]]);
  });
});

describe('cocoFromDataset: what is left out', () => {
  it('lists landmarks, classifications and empty masks in skipped', () => {
    const carina = annotation('a-point', XRAY, 'lab-carina', 'landmark', {
      name: 'carina',
      point: at(XRAY.geometry, 3, 3, 0),
    });
    const finding = annotation(
      'a-class',
      XRAY,
      'lab-finding',
      'classification',
      { level: 'image', value: { kind: 'text', text: 'normal' } },
      {},
    );
    const empty = annotation(
      'a-empty',
      XRAY,
      LIVER!.id,
      'segmentation',
      rleData(new Array(48).fill(0), 8, 6, LIVER!),
    );
    const { coco, skipped } = exported(dataset([carina, finding, empty, BOX]));
    expect(coco.annotations).toHaveLength(1);
    expect(skipped).toEqual([
      { annotationId: 'a-point', type: 'landmark', reason: 'landmark annotations are not COCO objects' },
      {
        annotationId: 'a-class',
        type: 'classification',
        reason: 'classification annotations are not COCO objects',
      },
      { annotationId: 'a-empty', type: 'segmentation', reason: 'the mask is empty' },
    ]);
  });
});

describe('cocoFromDataset: bad input', () => {
  it('refuses repeated class indexes, repeated images and silly decimals', () => {
    const twice = { ...dataset([]), labels: [NODULE!, { ...LIVER!, classIndex: 1 }] };
    expect(() => cocoFromDataset(twice)).toThrow(RangeError);
    expect(() => cocoFromDataset(dataset([], [XRAY, XRAY]))).toThrow(/listed twice/);
    expect(() => cocoFromDataset(dataset([]), { decimals: -1 })).toThrow(/decimals/);
  });

  it('refuses annotations on images, labels or slices the dataset does not have', () => {
    const stranger: ExportImage = { ...XRAY, id: 'img-other', caseName: 'case_0099' };
    const elsewhere = annotation('a-else', stranger, NODULE!.id, 'box2d', BOX.payload.data);
    expect(() => cocoFromDataset(dataset([elsewhere]))).toThrow(/image "img-other", not in the dataset/);
    const unlabelled = annotation('a-unl', XRAY, 'lab-gone', 'box2d', BOX.payload.data);
    expect(() => cocoFromDataset(dataset([unlabelled]))).toThrow(/label "lab-gone", not in the dataset/);
    const deep = annotation('a-deep', CT, NODULE!.id, 'polygon', TRIANGLE.payload.data, { sliceIndex: 3 });
    expect(() => cocoFromDataset(dataset([deep]))).toThrow(/plane 3; its image has 3/);
  });
});

describe('cocoFiles', () => {
  const decode = (bytes: Uint8Array): CocoDataset =>
    cocoDatasetSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));

  it('writes annotations.json when there are no splits', () => {
    const data = dataset([BOX, TRIANGLE, BLOB]);
    const files = cocoFiles(data);
    expect(files.map((f) => f.path)).toEqual(['annotations.json']);
    expect(decode(files[0]!.bytes)).toEqual(exported(data).coco);
  });

  it('writes one instances file per split, each numbered from 1', () => {
    const other: ExportImage = { ...XRAY, id: 'img-3', caseName: 'case_0003' };
    const data = dataset([BOX, TRIANGLE], [{ ...XRAY, split: 'train' }, { ...CT, split: 'test' }, other]);
    const files = cocoFiles(data);
    expect(files.map((f) => f.path)).toEqual([
      'annotations/instances_train.json',
      'annotations/instances_test.json',
      'annotations/instances_unassigned.json',
    ]);
    const [train, test, unassigned] = files.map((f) => decode(f.bytes));
    expect(train!.images.map((i) => i.file_name)).toEqual(['case_0001.png']);
    expect(train!.annotations.map((a) => [a.id, a.image_id])).toEqual([[1, 1]]);
    // CT slice 1 is image 2 in a file of CT slices alone.
    expect(test!.annotations.map((a) => [a.id, a.image_id])).toEqual([[1, 2]]);
    expect(unassigned!.images.map((i) => i.file_name)).toEqual(['case_0003.png']);
    expect(unassigned!.categories).toEqual(train!.categories);
  });
});
