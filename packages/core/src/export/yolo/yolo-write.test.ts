import { describe, expect, it } from 'vitest';
import type { ExportDataset } from '../export-dataset.js';
import {
  box,
  classification,
  geometry,
  image,
  label,
  landmark,
  mask,
  polygon,
  text,
} from './yolo-test-dataset.js';
import { yoloDetectionFiles, yoloSegmentationFiles } from './yolo-write.js';

/*
 * Expected lines are worked by hand. YOLO measures from the image's top-left edge in fractions of its size;
 * Voxelhub's index i is a pixel centre, so x = (i + 0.5) / width (yolo-coordinates.ts).
 */
const photo = image('img-1', 'case_0001', geometry([100, 50, 1]), 'train');
const volume = image('img-2', 'case_0002', geometry([10, 20, 3]), 'validation');
const labels = [
  label('l-lesion', 'lesion', 'box', 1),
  label('l-organ', 'organ', 'polygon', 2),
  label('l-mask', 'say "yes": no', 'mask', 3),
  label('l-finding', 'finding', 'classification', 4),
];
const squareAndDot = [
  '..........',
  '.###......',
  '.###......',
  '.###......',
  '..........',
  '..........',
  '..........',
  '..........',
  '..........',
  '..........',
  '.......#..',
];
const dataset: ExportDataset = {
  name: 'demo',
  images: [photo, volume],
  labels,
  annotations: [
    box('a-box', photo, 'l-lesion', [9.5, 4.5], [29.5, 14.5]),
    box('a-clipped', photo, 'l-lesion', [-5, -5], [4.5, 4.5]),
    polygon(
      'a-poly',
      volume,
      'l-organ',
      [
        [0, 0],
        [4, 0],
        [4, 9],
      ],
      2,
    ),
    mask('a-mask', volume, 'l-mask', squareAndDot, 0),
    landmark('a-point', photo, 'l-lesion'),
    classification('a-class', photo, 'l-finding'),
  ],
};

function filesByPath(files: readonly { path: string; bytes: Uint8Array }[]) {
  return Object.fromEntries(files.map((f) => [f.path, text(f.bytes)]));
}

const EXPECTED_YAML = [
  'path: "demo"',
  'train: images/train',
  'val: images/val',
  'names:',
  '  0: "lesion"',
  '  1: "organ"',
  '  2: "say \\"yes\\": no"',
  '  3: "finding"',
  '',
].join('\n');

describe('yoloDetectionFiles', () => {
  const result = yoloDetectionFiles(dataset);
  const files = filesByPath(result.files);

  it('writes one label file per 2D image and per slice, named flat, empty when the slice has no objects', () => {
    expect(Object.keys(files)).toEqual([
      'data.yaml',
      'labels/train/case_0001.txt',
      'labels/val/case_0002_slice_0000.txt',
      'labels/val/case_0002_slice_0001.txt',
      'labels/val/case_0002_slice_0002.txt',
    ]);
    expect(files['labels/val/case_0002_slice_0001.txt']).toBe('');
    expect(result.planes[1]).toEqual({
      imageId: 'img-2',
      slice: 0,
      imagePath: 'images/val/case_0002_slice_0000.png',
      labelPath: 'labels/val/case_0002_slice_0000.txt',
    });
  });

  it('writes class cx cy w h for boxes, clipping to the image', () => {
    // Box index 9.5…29.5 × 4.5…14.5 on 100×50: edges 10…30 and 5…15 → x 0.1…0.3, y 0.1…0.3.
    // The clipped box −5…4.5 × −5…4.5 keeps 0…5 px: x 0…0.05 (cx 0.025), y 0…0.1 (cy 0.05).
    expect(files['labels/train/case_0001.txt']).toBe(
      '0 0.200000 0.200000 0.200000 0.200000\n0 0.025000 0.050000 0.050000 0.100000\n',
    );
  });

  it("writes a polygon's bounding box", () => {
    // Vertices i 0…4, j 0…9 on 10×20: x (0.5…4.5)/10 = 0.05…0.45, y (0.5…9.5)/20 = 0.025…0.475.
    expect(files['labels/val/case_0002_slice_0002.txt']).toBe('1 0.250000 0.250000 0.400000 0.450000\n');
  });

  it("writes each mask component's pixel extent", () => {
    // Square pixels 1…3 → edges 1…4 px: x 0.1…0.4, y 0.05…0.2. Dot pixel (7, 10) → x 0.7…0.8, y 0.5…0.55.
    expect(files['labels/val/case_0002_slice_0000.txt']).toBe(
      '2 0.250000 0.125000 0.300000 0.150000\n2 0.750000 0.525000 0.100000 0.050000\n',
    );
  });

  it('writes data.yaml with train/val folders and every class, names quoted', () => {
    expect(files['data.yaml']).toBe(EXPECTED_YAML);
  });

  it('lists the landmark and the classification as skipped', () => {
    expect(result.skipped.map((s) => [s.annotationId, s.type])).toEqual([
      ['a-point', 'landmark'],
      ['a-class', 'classification'],
    ]);
    expect(result.skipped.every((s) => s.reason.length > 0)).toBe(true);
  });

  it('writes only annotated slices when asked, and a test folder when there are test images', () => {
    const test = image('img-3', 'case_0003', geometry([4, 4, 1]), 'test');
    const only = yoloDetectionFiles(
      { ...dataset, images: [...dataset.images, test] },
      { onlyAnnotatedSlices: true, root: '/data/x' },
    );
    expect(only.files.map((f) => f.path)).toEqual([
      'data.yaml',
      'labels/train/case_0001.txt',
      'labels/val/case_0002_slice_0000.txt',
      'labels/val/case_0002_slice_0002.txt',
    ]);
    const withTest = filesByPath(yoloDetectionFiles({ ...dataset, images: [...dataset.images, test] }).files);
    expect(withTest['data.yaml']).toContain('val: images/val\ntest: images/test\n');
    expect(filesByPath(only.files)['data.yaml']!.startsWith('path: "/data/x"\n')).toBe(true);
  });

  it('rejects annotations on unknown images or labels, and slices outside the image', () => {
    const stray = box('a-x', { ...photo, id: 'nope' }, 'l-lesion', [0, 0], [1, 1]);
    expect(() => yoloDetectionFiles({ ...dataset, annotations: [stray] })).toThrow(/no image nope/);
    const unlabelled = box('a-y', photo, 'l-none', [0, 0], [1, 1]);
    expect(() => yoloDetectionFiles({ ...dataset, annotations: [unlabelled] })).toThrow(/no label l-none/);
    const deep = box('a-z', volume, 'l-lesion', [0, 0], [1, 1], 7);
    expect(() => yoloDetectionFiles({ ...dataset, annotations: [deep] })).toThrow(RangeError);
  });
});

describe('yoloSegmentationFiles', () => {
  const result = yoloSegmentationFiles(dataset);
  const files = filesByPath(result.files);

  it("writes a box's four corners", () => {
    // Corners (9.5, 4.5), (29.5, 4.5), (29.5, 14.5), (9.5, 14.5) → x 0.1/0.3, y 0.1/0.3.
    // The clipped box's corners −5 → clamped to 0; 4.5 → 5/100 = 0.05 and 5/50 = 0.1.
    expect(files['labels/train/case_0001.txt']).toBe(
      '0 0.100000 0.100000 0.300000 0.100000 0.300000 0.300000 0.100000 0.300000\n' +
        '0 0.000000 0.000000 0.050000 0.000000 0.050000 0.100000 0.000000 0.100000\n',
    );
  });

  it("writes a polygon's vertices", () => {
    expect(files['labels/val/case_0002_slice_0002.txt']).toBe(
      '1 0.050000 0.025000 0.450000 0.025000 0.450000 0.475000\n',
    );
  });

  it("writes a mask's traced outer border and drops the one-pixel component", () => {
    // Square border corners (1,1), (1,3), (3,3), (3,1) → x 1.5/10, 3.5/10; y 1.5/20, 3.5/20.
    expect(files['labels/val/case_0002_slice_0000.txt']).toBe(
      '2 0.150000 0.075000 0.150000 0.175000 0.350000 0.175000 0.350000 0.075000\n',
    );
  });

  it('drops components under minArea, and skips a mask with none left', () => {
    const big = yoloSegmentationFiles(dataset, { minArea: 10 });
    expect(big.skipped.map((s) => s.annotationId)).toEqual(['a-mask', 'a-point', 'a-class']);
    expect(() => yoloSegmentationFiles(dataset, { minArea: Number.NaN })).toThrow(RangeError);
  });

  it('writes the same data.yaml', () => {
    expect(files['data.yaml']).toBe(EXPECTED_YAML);
  });
});

describe('plane names', () => {
  it('rejects two images whose planes would share a file name', () => {
    // 'a_slice_0001' as a 2D case name collides with slice 1 of a two-slice case 'a'.
    const flat = image('x', 'a_slice_0001', geometry([2, 2, 1]), 'train');
    const stack = image('y', 'a', geometry([2, 2, 2]), 'train');
    expect(() => yoloDetectionFiles({ name: 'd', images: [flat, stack], labels, annotations: [] })).toThrow(
      /both written to labels\/train\/a_slice_0001.txt/,
    );
  });
});
