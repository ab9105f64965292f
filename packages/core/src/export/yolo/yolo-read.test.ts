import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotatedPoint } from '../../annotation/index.js';
import type { Vec3 } from '../../geometry/vector.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import { indexToPatient } from '../../volume/patient-coordinates.js';
import type { ExportAnnotation, ExportDataset, ExportFile } from '../export-dataset.js';
import { compressStraightRuns, traceOuterContours } from './trace-outer-contours.js';
import { datasetFromYolo } from './yolo-read.js';
import { box, geometry, image, label, mask, polygon } from './yolo-test-dataset.js';
import { yoloDetectionFiles, yoloSegmentationFiles } from './yolo-write.js';

/** A random image grid, rotated about z so patient coordinates are not just scaled indices. */
const geometries = fc
  .record({
    width: fc.integer({ min: 1, max: 300 }),
    height: fc.integer({ min: 1, max: 300 }),
    slices: fc.integer({ min: 1, max: 3 }),
    spacing: fc.tuple(...[0, 1, 2].map(() => fc.double({ min: 0.1, max: 3, noNaN: true }))),
    origin: fc.tuple(...[0, 1, 2].map(() => fc.double({ min: -200, max: 200, noNaN: true }))),
    angle: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
  })
  .map(({ width, height, slices, spacing, origin, angle }): ImageGeometry => {
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    return {
      ...geometry([width, height, slices], spacing as unknown as Vec3, origin as unknown as Vec3),
      direction: [c, -s, 0, s, c, 0, 0, 0, 1],
    };
  });

/** A coordinate inside the image along an axis of `size` pixels (index −0.5 … size − 0.5). */
const inside = (size: number) => fc.double({ min: -0.5, max: size - 0.5, noNaN: true });

/** An interval inside the image at least 0.01 px long (YOLO's 6 decimals keep it non-empty). */
const span = (size: number) =>
  fc
    .tuple(inside(size), inside(size))
    .filter(([a, b]) => Math.abs(a - b) >= 0.01)
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

/** Writing rounds each normalised value to 6 decimals (±5·10⁻⁷); a box corner is cx ± w/2, so twice that. */
function closeIndex(actual: AnnotatedPoint, expected: AnnotatedPoint, g: ImageGeometry, roundings: number) {
  const tolerance = roundings * 5e-7 * 1.0001;
  expect(Math.abs(actual.index[0] - expected.index[0])).toBeLessThanOrEqual(tolerance * g.dims[0] + 1e-9);
  expect(Math.abs(actual.index[1] - expected.index[1])).toBeLessThanOrEqual(tolerance * g.dims[1] + 1e-9);
  expect(actual.index[2]).toBe(expected.index[2]);
  // Patient coordinates: the geometry's own map applied to the read index, and close to the original point.
  expect(actual.patient).toEqual([...indexToPatient(g, actual.index)]);
  const maxShift = Math.hypot(tolerance * g.dims[0] * g.spacing[0], tolerance * g.dims[1] * g.spacing[1]);
  expect(Math.hypot(...actual.patient.map((p, i) => p - expected.patient[i]!))).toBeLessThanOrEqual(
    maxShift + 1e-9,
  );
}

/** The writer emits per image, per slice, in annotation order: sort the originals the same way. */
function bySlice(annotations: readonly ExportAnnotation[]): ExportAnnotation[] {
  const slice = (a: ExportAnnotation) => a.payload.imageRef.sliceIndex ?? 0;
  return [...annotations].sort((a, b) => slice(a) - slice(b));
}

const labels = [label('l-a', 'a', 'box', 1), label('l-b', 'b', 'polygon', 2)];

describe('datasetFromYolo round trips', () => {
  it('detection: boxes come back within the 6-decimal rounding', () => {
    const cases = geometries.chain((g) =>
      fc.record({
        g: fc.constant(g),
        boxes: fc.array(
          fc.record({
            x: span(g.dims[0]),
            y: span(g.dims[1]),
            k: fc.integer({ min: 0, max: g.dims[2] - 1 }),
            c: fc.integer({ min: 0, max: 1 }),
          }),
          { maxLength: 6 },
        ),
      }),
    );
    fc.assert(
      fc.property(cases, ({ g, boxes }) => {
        const img = image('img', 'case_0001', g, 'train');
        const annotations = boxes.map((b, n) =>
          box(`a${n}`, img, labels[b.c]!.id, [b.x[0], b.y[0]], [b.x[1], b.y[1]], b.k),
        );
        const dataset: ExportDataset = { name: 'd', images: [img], labels, annotations };
        const read = datasetFromYolo(yoloDetectionFiles(dataset).files, [img], { labels });
        const expected = bySlice(annotations);
        expect(read.annotations).toHaveLength(expected.length);
        read.annotations.forEach((actual, n) => {
          const original = expected[n]!;
          expect(actual.labelId).toBe(original.labelId);
          expect(actual.payload.imageRef).toEqual(original.payload.imageRef);
          if (actual.payload.type !== 'box2d' || original.payload.type !== 'box2d')
            throw new Error('not a box');
          closeIndex(actual.payload.data.min, original.payload.data.min, g, 2);
          closeIndex(actual.payload.data.max, original.payload.data.max, g, 2);
        });
      }),
    );
  });

  it('segmentation: polygon vertices come back within the 6-decimal rounding', () => {
    const cases = geometries.chain((g) =>
      fc.record({
        g: fc.constant(g),
        polygons: fc.array(
          fc.record({
            points: fc.array(fc.tuple(inside(g.dims[0]), inside(g.dims[1])), { minLength: 3, maxLength: 12 }),
            k: fc.integer({ min: 0, max: g.dims[2] - 1 }),
          }),
          { maxLength: 4 },
        ),
      }),
    );
    fc.assert(
      fc.property(cases, ({ g, polygons }) => {
        const img = { ...image('img', 'case_0001', g, 'test'), kind: 'volume' as const };
        const annotations = polygons.map((p, n) => polygon(`a${n}`, img, 'l-b', p.points, p.k));
        const dataset: ExportDataset = { name: 'd', images: [img], labels, annotations };
        const read = datasetFromYolo(yoloSegmentationFiles(dataset).files, [img], { labels });
        const expected = bySlice(annotations);
        expect(read.annotations).toHaveLength(expected.length);
        read.annotations.forEach((actual, n) => {
          const original = expected[n]!;
          if (actual.payload.type !== 'polygon' || original.payload.type !== 'polygon')
            throw new Error('not a polygon');
          const originalPoints = original.payload.data.points;
          expect(actual.payload.data.points).toHaveLength(originalPoints.length);
          actual.payload.data.points.forEach((p, v) => {
            closeIndex(p, originalPoints[v]!, g, 1);
          });
        });
      }),
    );
  });
});

describe('datasetFromYolo mask round trip', () => {
  it("gives back each component's traced border as a polygon, and its pixel extent as a box", () => {
    const masks = fc
      .record({ width: fc.integer({ min: 1, max: 16 }), height: fc.integer({ min: 1, max: 16 }) })
      .chain(({ width, height }) =>
        fc.record({
          width: fc.constant(width),
          height: fc.constant(height),
          pixels: fc.uint8Array({ min: 0, max: 1, minLength: width * height, maxLength: width * height }),
        }),
      );
    fc.assert(
      fc.property(masks, ({ width, height, pixels }) => {
        const img = image('img', 'm', geometry([width, height, 1]), 'train');
        const rows = Array.from({ length: height }, (_, y) =>
          [...pixels.subarray(y * width, (y + 1) * width)].map((p) => (p ? '#' : '.')).join(''),
        );
        const dataset: ExportDataset = {
          name: 'd',
          images: [img],
          labels,
          annotations: [mask('m', img, 'l-b', rows)],
        };
        const contours = traceOuterContours(pixels, width, height);
        const polygons = contours.map((c) => compressStraightRuns(c.points)).filter((p) => p.length >= 3);
        const segmented = datasetFromYolo(yoloSegmentationFiles(dataset).files, [img], { labels });
        expect(
          segmented.annotations.map((a) =>
            a.payload.type === 'polygon' ? a.payload.data.points.map((p) => [p.index[0], p.index[1]]) : [],
          ),
        ).toEqual(polygons.map((p) => p.map(([x, y]) => [expect.closeTo(x, 4), expect.closeTo(y, 4)])));
        const detected = datasetFromYolo(yoloDetectionFiles(dataset).files, [img], { labels });
        expect(
          detected.annotations.map((a) =>
            a.payload.type === 'box2d' ? [a.payload.data.min.index, a.payload.data.max.index] : [],
          ),
        ).toEqual(
          contours.map((c) => [
            [expect.closeTo(c.minX - 0.5, 4), expect.closeTo(c.minY - 0.5, 4), 0],
            [expect.closeTo(c.maxX + 0.5, 4), expect.closeTo(c.maxY + 0.5, 4), 0],
          ]),
        );
      }),
    );
  });
});

describe('datasetFromYolo', () => {
  const g = geometry([100, 50, 1]);
  const img = image('img-1', 'case_0001', g, 'train');
  const encoder = new TextEncoder();
  const file = (path: string, content: string): ExportFile => ({ path, bytes: encoder.encode(content) });
  const yaml = file(
    'data.yaml',
    'path: x\ntrain: images/train\nval: images/val\nnames:\n  0: cat\n  1: dog\n',
  );

  it('reads a hand-written detection line and makes labels from data.yaml', () => {
    // cx 0.2, w 0.2 on 100 px → edges 10…30 → index 9.5…29.5; cy 0.5, h 0.2 on 50 px → 20…30 → 19.5…29.5.
    const read = datasetFromYolo([yaml, file('labels/train/case_0001.txt', '1 0.2 0.5 0.2 0.2\n')], [img]);
    expect(read.labels.map((l) => [l.name, l.classIndex, l.type])).toEqual([
      ['cat', 1, 'box'],
      ['dog', 2, 'box'],
    ]);
    const [a] = read.annotations;
    expect(a!.labelId).toBe(read.labels[1]!.id);
    if (a!.payload.type !== 'box2d') throw new Error('not a box');
    expect(a!.payload.data.min.index.map((v) => Number(v.toFixed(9)))).toEqual([9.5, 19.5, 0]);
    expect(a!.payload.data.max.index.map((v) => Number(v.toFixed(9)))).toEqual([29.5, 29.5, 0]);
    // Spacing 0.5 mm, origin 0: index 9.5 is 4.75 mm.
    expect(a!.payload.data.min.patient.map((v) => Number(v.toFixed(9)))).toEqual([4.75, 9.75, 0]);
  });

  it('refers to frames for cine images', () => {
    const cine = { ...image('img-2', 'cine', geometry([10, 10, 2])), kind: 'frames' as const };
    const read = datasetFromYolo(
      [yaml, file('labels/val/cine_slice_0001.txt', '0 0.1 0.1 0.5 0.1 0.5 0.5\n')],
      [cine],
    );
    expect(read.annotations[0]!.payload.imageRef).toEqual({ imageId: 'img-2', frameIndex: 1 });
    expect(read.labels[0]!.type).toBe('polygon');
  });

  it('says which file and line is wrong', () => {
    const read = (content: string, path = 'labels/train/case_0001.txt') =>
      datasetFromYolo([yaml, file(path, content)], [img]);
    expect(() => read('\n2 0.5 0.5 0.1 0.1\n')).toThrow(/case_0001.txt line 2: class 2/);
    expect(() => read('0 0.5 0.5 0.1\n')).toThrow(TypeError);
    expect(() => read('0 0.5 0.5 1.5 0.1\n')).toThrow(/\[0, 1\]/);
    expect(() => read('0 0.5 0.5 0 0.1\n')).toThrow(/positive/);
    expect(() => read('0 0.5 0.5 0.1 0.1\n', 'labels/train/other.txt')).toThrow(/no image is named other/);
    expect(() => datasetFromYolo([], [img])).toThrow(/no data.yaml/);
  });
});
