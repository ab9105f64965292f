import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportAnnotation, ExportDataset } from '../export-dataset.js';
import { cocoDatasetSchema } from './coco-format.js';
import { type CocoExportOptions, cocoFromDataset } from './coco-from-dataset.js';
import { resolveByFileName } from './coco-image-resolver.js';
import { annotation, at, CT, LABELS, rleData, XRAY } from './coco-test-dataset.js';
import { datasetFromCoco } from './dataset-from-coco.js';

const [NODULE, LIVER, OUTLINE] = LABELS;

/**
 * Coordinates go through COCO rounded to `decimals` (3 by default): an index comes back within half a
 * thousandth of a pixel, and a patient point within that times the in-plane spacing (≤ 0.8 mm here) on each
 * of two axes. 1e-3 covers both.
 */
const TOLERANCE = 1e-3;

function expectClose(actual: unknown, expected: unknown, path = 'payload'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(TOLERANCE);
  } else if (Array.isArray(expected)) {
    expect(actual, path).toBeInstanceOf(Array);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((value, i) => expectClose((actual as unknown[])[i], value, `${path}.${i}`));
  } else if (typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

/** export → COCO JSON text → import, with the payloads in the order they went in. */
function roundTrip(annotations: readonly ExportAnnotation[], options: CocoExportOptions = {}) {
  const dataset: ExportDataset = { name: 'round trip', images: [XRAY, CT], labels: LABELS, annotations };
  const { coco, skipped } = cocoFromDataset(dataset, options);
  expect(skipped).toEqual([]);
  expect(cocoDatasetSchema.safeParse(coco).success).toBe(true);
  const json: unknown = JSON.parse(JSON.stringify(coco));
  return datasetFromCoco(json, {
    resolveImage: resolveByFileName([XRAY, CT], options.imageKindOf),
    labels: LABELS,
  });
}

function expectRoundTrip(annotations: readonly ExportAnnotation[], options?: CocoExportOptions): void {
  const back = roundTrip(annotations, options);
  expect(back.skipped).toEqual([]);
  expect(back.annotations.map((a) => a.imageId)).toEqual(annotations.map((a) => a.imageId));
  back.annotations.forEach((a, n) => expectClose(a.payload, annotations[n]!.payload));
}

const box = (i0: number, j0: number, i1: number, j1: number, k: number) =>
  annotation(
    'box',
    CT,
    NODULE!.id,
    'box2d',
    { min: at(CT.geometry, i0, j0, k), max: at(CT.geometry, i1, j1, k) },
    { sliceIndex: k },
  );

describe('COCO round trip on hand-made annotations', () => {
  it('gives back boxes, polygons and masks on 2D images and volume slices', () => {
    const xrayBox = annotation('b', XRAY, NODULE!.id, 'box2d', {
      min: at(XRAY.geometry, 1, 2, 0),
      max: at(XRAY.geometry, 4, 5, 0),
    });
    const polygon = annotation(
      'p',
      CT,
      OUTLINE!.id,
      'polygon',
      { points: [at(CT.geometry, 0, 0, 1), at(CT.geometry, 4, 0.25, 1), at(CT.geometry, 0.125, 3, 1)] },
      { sliceIndex: 1 },
    );
    const pixels = [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    const mask = annotation('m', CT, LIVER!.id, 'segmentation', rleData(pixels, 5, 4, LIVER!), {
      sliceIndex: 2,
    });
    expectRoundTrip([xrayBox, polygon, mask, box(-0.5, -0.5, 4.5, 3.5, 0)]);
    expectRoundTrip([mask], { rle: 'uncompressed' });
  });

  it('gives frames back as frames', () => {
    const onFrame = annotation(
      'f',
      CT,
      NODULE!.id,
      'box2d',
      { min: at(CT.geometry, 1, 1, 2), max: at(CT.geometry, 3, 2, 2) },
      { frameIndex: 2 },
    );
    expectRoundTrip([onFrame], { imageKindOf: () => 'frames' });
  });

  it('gives a freehand contour back as a polygon (COCO has one kind of polygon)', () => {
    const points = [at(XRAY.geometry, 1, 1, 0), at(XRAY.geometry, 5, 1, 0), at(XRAY.geometry, 3, 4, 0)];
    const contour = annotation('c', XRAY, OUTLINE!.id, 'freehandContour', { points });
    const back = roundTrip([contour]);
    expect(back.annotations[0]!.payload.type).toBe('polygon');
    expectClose(back.annotations[0]!.payload.data, { points });
  });
});

describe('COCO round trip, properties', () => {
  // Coordinates on a thousandth-of-a-pixel grid inside the CT slice (index −0.5 … size − 0.5), so nothing is
  // clamped and rounding to 3 decimals is the only loss.
  const coordinate = (size: number) => fc.integer({ min: -500, max: size * 1000 - 500 }).map((n) => n / 1000);
  const slice = fc.integer({ min: 0, max: 2 });

  it('keeps random boxes', () => {
    const corners = fc
      .tuple(coordinate(5), coordinate(5), coordinate(4), coordinate(4), slice)
      .filter(([a, b, c, d]) => a !== b && c !== d);
    fc.assert(
      fc.property(corners, ([a, b, c, d, k]) => {
        expectRoundTrip([box(Math.min(a, b), Math.min(c, d), Math.max(a, b), Math.max(c, d), k)]);
      }),
    );
  });

  it('keeps random polygons', () => {
    const points = fc.array(fc.tuple(coordinate(5), coordinate(4)), { minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(points, slice, (list, k) => {
        const polygon = annotation(
          'p',
          CT,
          OUTLINE!.id,
          'polygon',
          { points: list.map(([i, j]) => at(CT.geometry, i, j, k)) },
          { sliceIndex: k },
        );
        expectRoundTrip([polygon]);
      }),
    );
  });

  it('keeps random non-empty masks exactly', () => {
    const pixels = fc
      .array(fc.integer({ min: 0, max: 1 }), { minLength: 20, maxLength: 20 })
      .filter((p) => p.includes(1));
    fc.assert(
      fc.property(pixels, slice, (list, k) => {
        const mask = annotation('m', CT, LIVER!.id, 'segmentation', rleData(list, 5, 4, LIVER!), {
          sliceIndex: k,
        });
        const back = roundTrip([mask]);
        expect(back.annotations.map((a) => a.payload)).toEqual([mask.payload]);
      }),
    );
  });
});

describe('datasetFromCoco on files from elsewhere', () => {
  const foreign = () => ({
    images: [
      { id: 7, file_name: 'case_0001.png', width: 8, height: 6 },
      { id: 8, file_name: 'photos/dog.jpg', width: 8, height: 6 },
      { id: 9, file_name: 'case_0002/slice_0005.png', width: 5, height: 4 },
    ],
    categories: [{ id: 3, name: 'lesion', supercategory: 'finding' }],
    annotations: [
      // Two polygons in one object: two Voxelhub polygons.
      {
        id: 1,
        image_id: 7,
        category_id: 3,
        bbox: [0, 0, 4, 4],
        area: 10,
        iscrowd: 0,
        segmentation: [
          [0, 0, 4, 0, 4, 4],
          [5, 5, 6, 5, 6, 6],
        ],
      },
      { id: 2, image_id: 8, category_id: 3, bbox: [0, 0, 1, 1], area: 1, iscrowd: 0, segmentation: [] },
      { id: 3, image_id: 9, category_id: 3, bbox: [0, 0, 1, 1], area: 1, iscrowd: 0, segmentation: [] },
      { id: 4, image_id: 7, category_id: 3, bbox: [1, 1, 0, 2], area: 0, iscrowd: 0, segmentation: [] },
    ],
  });

  it('makes a label per category, splits multi-polygon objects and says what it could not place', () => {
    const back = datasetFromCoco(foreign(), { resolveImage: resolveByFileName([XRAY, CT]) });
    expect(back.labels).toEqual([
      { id: 'coco-category-3', name: 'lesion', type: 'mask', colour: '#808080', classIndex: 3 },
    ]);
    expect(back.annotations.map((a) => [a.id, a.payload.type, a.imageId])).toEqual([
      ['coco-1-1', 'polygon', 'img-xray'],
      ['coco-1-2', 'polygon', 'img-xray'],
    ]);
    expect(back.skipped.map((s) => s.cocoId)).toEqual([2, 3, 4]);
    expect(back.skipped[0]!.reason).toMatch(/photos\/dog.jpg/);
    expect(back.skipped[1]!.reason).toMatch(/beyond the case's 3 planes/);
    expect(back.skipped[2]!.reason).toMatch(/min must be less than max/);
  });

  it('throws a TypeError naming the problem for a file that is not COCO', () => {
    expect(() => datasetFromCoco({ images: [] }, { resolveImage: resolveByFileName([]) })).toThrow(TypeError);
    expect(() =>
      datasetFromCoco(
        { images: [], annotations: [], categories: [{ id: 1 }] },
        { resolveImage: resolveByFileName([]) },
      ),
    ).toThrow(/categories\.0\.name/);
  });

  it('skips an RLE whose counts do not fill its size', () => {
    const doc = foreign();
    doc.annotations = [
      {
        id: 5,
        image_id: 7,
        category_id: 3,
        bbox: [0, 0, 1, 1],
        area: 1,
        iscrowd: 0,
        segmentation: { size: [6, 8], counts: [3, 2] } as never,
      },
    ];
    const back = datasetFromCoco(doc, { resolveImage: resolveByFileName([XRAY, CT]) });
    expect(back.skipped).toEqual([{ cocoId: 5, reason: 'RLE counts add up to 5, not height × width = 48' }]);
  });
});
