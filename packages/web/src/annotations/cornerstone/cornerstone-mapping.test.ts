import {
  type AnnotatedPoint,
  type AnnotationPayload,
  type ImageRef,
  parseAnnotationPayload,
  SCT,
  UCUM,
} from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { fromColumns, type ImageGeometry, indexToPatient, type Vec3 } from './core-geometry.js';
import {
  asToolAnnotation,
  CORNERSTONE_TOOL,
  type CornerstoneToolAnnotation,
  type WorldPoint,
} from './cornerstone-annotation.js';
import { payloadFromCornerstone } from './cornerstone-to-payload.js';
import { cornerstoneFromPayload } from './payload-to-cornerstone.js';

/** An oblique, anisotropic CT-like grid: rotated 20° about z then 15° about x, 0.7 × 0.9 × 2.5 mm. */
function obliqueGeometry(): ImageGeometry {
  const [a, b] = [(20 * Math.PI) / 180, (15 * Math.PI) / 180];
  const rz = (v: Vec3): Vec3 => [
    v[0] * Math.cos(a) - v[1] * Math.sin(a),
    v[0] * Math.sin(a) + v[1] * Math.cos(a),
    v[2],
  ];
  const rx = (v: Vec3): Vec3 => [
    v[0],
    v[1] * Math.cos(b) - v[2] * Math.sin(b),
    v[1] * Math.sin(b) + v[2] * Math.cos(b),
  ];
  const axis = (v: Vec3) => rx(rz(v));
  return {
    dims: [256, 256, 60],
    spacing: [0.7, 0.9, 2.5],
    origin: [-120.3, 85.1, -40.7],
    direction: fromColumns(axis([1, 0, 0]), axis([0, 1, 0]), axis([0, 0, 1])),
  };
}

const geometry = obliqueGeometry();
const ON_SLICE: ImageRef = { imageId: 'img-ct', sliceIndex: 17 };
const finding = { value: '52988006', scheme: 'SCT', meaning: 'Lesion' };

function at(i: number, j: number, k = 17): AnnotatedPoint {
  return { index: [i, j, k], patient: [...indexToPatient(geometry, [i, j, k])] };
}

function payload(type: string, data: unknown, imageRef: ImageRef = ON_SLICE): AnnotationPayload {
  const schemaVersion = type === 'landmark' ? 2 : 1;
  return parseAnnotationPayload({ schemaVersion, type, labelId: 'label-1', imageRef, data });
}

const stats = (area: number) => ({
  area,
  mean: 40,
  stdDev: 12.5,
  min: -20,
  max: 110,
  unit: UCUM.hounsfieldUnit,
});

/** Deep equality with numbers compared to 1e-6 (world ↔ index goes through a matrix inverse). */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThan(1e-6);
  } else if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((v, i) => expectClose((actual as unknown[])[i], v, `${path}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

function roundTrip(original: AnnotationPayload): { cs: CornerstoneToolAnnotation; back: AnnotationPayload } {
  const cs = cornerstoneFromPayload(original, {
    geometry,
    annotationUID: 'a-1',
    referencedImageId: 'wadors:x',
  });
  if (!cs) throw new Error(`${original.type} has no Cornerstone form`);
  // As the viewer will: a JSON copy, as if the tool had held it (no shared arrays with the payload).
  const back = payloadFromCornerstone(structuredClone(cs), { geometry });
  return { cs, back };
}

const [sx, sy] = [geometry.spacing[0], geometry.spacing[1]];

describe('payload → Cornerstone → payload on an oblique, anisotropic grid', () => {
  const cases: [string, AnnotationPayload, string][] = [
    [
      'length',
      payload('length', {
        points: [at(10.5, 20.25), at(40, 80.5)],
        concept: SCT.length,
        value: Math.hypot(29.5 * sx, 60.25 * sy),
        unit: UCUM.millimetre,
      }),
      CORNERSTONE_TOOL.length,
    ],
    [
      'angle',
      payload('angle', {
        points: [at(30, 10), at(10, 10), at(10, 30)],
        concept: SCT.angle,
        value: 90,
        unit: UCUM.degree,
      }),
      CORNERSTONE_TOOL.angle,
    ],
    ['box2d', payload('box2d', { min: at(5.5, 6), max: at(50, 70.25) }), CORNERSTONE_TOOL.boundingBox],
    [
      'rectangleRoi',
      payload('rectangleRoi', {
        box: { min: at(5, 6), max: at(25, 46) },
        concept: finding,
        statistics: stats(20 * sx * 40 * sy),
      }),
      CORNERSTONE_TOOL.rectangleRoi,
    ],
    [
      'ellipseRoi',
      payload('ellipseRoi', {
        center: at(100, 120),
        axisEnds: [at(100, 100), at(130, 120)],
        concept: finding,
        statistics: stats(Math.PI * 20 * sy * 30 * sx),
      }),
      CORNERSTONE_TOOL.ellipticalRoi,
    ],
    [
      'circleRoi',
      payload('circleRoi', {
        center: at(100, 120),
        edge: at(110, 120),
        concept: finding,
        statistics: stats(Math.PI * (10 * sx) ** 2),
      }),
      CORNERSTONE_TOOL.circleRoi,
    ],
    [
      'polygon',
      payload('polygon', { points: [at(10, 10), at(50, 12), at(30, 40.5)] }),
      CORNERSTONE_TOOL.splineRoi,
    ],
    [
      'freehandContour',
      payload('freehandContour', {
        points: Array.from({ length: 40 }, (_, n) =>
          at(60 + 20 * Math.cos(n / 6), 60 + 15 * Math.sin(n / 6)),
        ),
      }),
      CORNERSTONE_TOOL.planarFreehandRoi,
    ],
    [
      'polyline',
      payload('polyline', { points: [at(1, 2), at(3, 5), at(8, 13)] }),
      CORNERSTONE_TOOL.planarFreehandRoi,
    ],
    ['landmark', payload('landmark', { name: 'carina', point: at(128.5, 90.25) }), CORNERSTONE_TOOL.probe],
  ];

  it.each(cases)('%s', (_type, original, toolName) => {
    const { cs, back } = roundTrip(original);
    expect(cs.metadata).toMatchObject({ toolName, referencedImageId: 'wadors:x', sliceIndex: 17 });
    expect(cs.annotationUID).toBe('a-1');
    expectClose(back, original);
  });

  it('stores the areas the geometry implies (mm², not voxels)', () => {
    const rect = cases.find(([t]) => t === 'rectangleRoi')![1];
    const { back } = roundTrip(rect);
    expect(back.type === 'rectangleRoi' && back.data.statistics.area).toBeCloseTo(20 * 0.7 * 40 * 0.9, 9);
  });

  it('places world points in patient space through the geometry', () => {
    const lengthCase = cases[0]![1];
    const cs = cornerstoneFromPayload(lengthCase, { geometry, annotationUID: 'a' })!;
    expectClose(cs.data.handles.points[0], [...indexToPatient(geometry, [10.5, 20.25, 17])]);
    // The rotation really is oblique: a step along i moves in x, y and z.
    const step = indexToPatient(geometry, [1, 0, 0]).map((v, d) => v - geometry.origin[d]!);
    expect(step.every((v) => Math.abs(v) > 0.01)).toBe(true);
  });

  it('leaves types that no Cornerstone tool draws alone', () => {
    const label = parseAnnotationPayload({
      schemaVersion: 1,
      type: 'box3d',
      labelId: 'l',
      imageRef: { imageId: 'img-ct' },
      data: { min: at(1, 1, 1), max: at(5, 5, 5) },
    });
    expect(cornerstoneFromPayload(label, { geometry, annotationUID: 'a' })).toBeUndefined();
  });
});

describe('Cornerstone tool annotations → payloads', () => {
  const world = (i: number, j: number, k = 17): WorldPoint => {
    const p = indexToPatient(geometry, [i, j, k]);
    // Float noise as a viewport's canvasToWorld leaves it.
    return [p[0] + 1e-9, p[1] - 1e-9, p[2] + 1e-9];
  };
  const drawn = (toolName: string, points: WorldPoint[], data: object = {}): CornerstoneToolAnnotation => ({
    annotationUID: 'cs-1',
    metadata: { toolName, referencedImageId: 'wadors:x' },
    data: { handles: { points }, ...data },
  });
  const context = { geometry, labelId: 'label-1', imageRef: ON_SLICE };

  it('snaps points onto the annotation slice and keeps both spaces consistent', () => {
    const p = payloadFromCornerstone(drawn('Length', [world(1, 2), world(11, 2)]), context);
    expect(p.type).toBe('length');
    if (p.type !== 'length') return;
    expect(p.data.points[0].index[2]).toBe(17);
    expectClose(p.data.points[0].patient, [...indexToPatient(geometry, p.data.points[0].index)]);
    expect(p.data.value).toBeCloseTo(10 * 0.7, 6);
  });

  it('makes a box with min < max from corners dragged in any direction', () => {
    const p = payloadFromCornerstone(
      drawn('BoundingBox', [world(50, 60), world(10, 60), world(50, 20), world(10, 20)]),
      context,
    );
    expect(p.type === 'box2d' && [p.data.min.index, p.data.max.index]).toEqual([
      [expect.closeTo(10, 6), expect.closeTo(20, 6), 17],
      [expect.closeTo(50, 6), expect.closeTo(60, 6), 17],
    ]);
  });

  it('boxes a rectangle drawn on a rotated display around all four corners', () => {
    // A 20 × 10 rectangle centred on (100, 100), turned 30° on screen: its corners in index space.
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const corner = (u: number, v: number) => world(100 + u * c - v * s, 100 + u * s + v * c);
    const p = payloadFromCornerstone(
      drawn('BoundingBox', [corner(-10, -5), corner(10, -5), corner(-10, 5), corner(10, 5)]),
      context,
    );
    const halfI = 10 * c + 5 * s;
    const halfJ = 10 * s + 5 * c;
    expect(p.type === 'box2d' && [p.data.min.index, p.data.max.index]).toEqual([
      [expect.closeTo(100 - halfI, 6), expect.closeTo(100 - halfJ, 6), 17],
      [expect.closeTo(100 + halfI, 6), expect.closeTo(100 + halfJ, 6), 17],
    ]);
  });

  it('reads ROI statistics from cachedStats, in Hounsfield units for CT', () => {
    const cs = drawn('CircleROI', [world(100, 100), world(100, 110)], {
      cachedStats: { 'volumeId:ct': { mean: [35.5], stdDev: 4, min: -2, max: 60, modalityUnit: 'HU' } },
    });
    const p = payloadFromCornerstone(cs, { ...context, concept: finding });
    expect(p.type === 'circleRoi' && p.data.statistics).toEqual({
      area: expect.closeTo(Math.PI * (10 * 0.9) ** 2, 6),
      mean: 35.5,
      stdDev: 4,
      min: -2,
      max: 60,
      unit: UCUM.hounsfieldUnit,
    });
  });

  it('refuses an ROI whose statistics Cornerstone has not computed', () => {
    expect(() =>
      payloadFromCornerstone(
        drawn('EllipticalROI', [world(1, 1), world(1, 9), world(0, 5), world(2, 5)]),
        context,
      ),
    ).toThrow(/no statistics/);
  });

  it('maps closed freehand contours, open ones to polylines, and polygons when told', () => {
    const contour = (closed: boolean) =>
      drawn('PlanarFreehandROI', [], {
        contour: { polyline: [world(1, 1), world(9, 1), world(5, 7)], closed },
      });
    expect(payloadFromCornerstone(contour(true), context).type).toBe('freehandContour');
    expect(payloadFromCornerstone(contour(false), context).type).toBe('polyline');
    expect(payloadFromCornerstone(contour(true), { ...context, type: 'polygon' }).type).toBe('polygon');
  });

  it('takes an ArrowAnnotate tip and text as a landmark, and a Probe with a given name', () => {
    const arrow = drawn('ArrowAnnotate', [world(30, 40), world(50, 60)], { text: 'left femoral head' });
    const p = payloadFromCornerstone(arrow, context);
    expect(p.type === 'landmark' && p.data.name).toBe('left femoral head');
    expect(p.type === 'landmark' && p.data.point.index).toEqual([
      expect.closeTo(30, 6),
      expect.closeTo(40, 6),
      17,
    ]);
    const probe = payloadFromCornerstone(drawn('Probe', [world(3, 4)]), {
      ...context,
      landmarkName: 'carina',
    });
    expect(probe.type === 'landmark' && probe.data.name).toBe('carina');
  });

  it('puts cine annotations on their frame, whatever the frames’ shared position', () => {
    const cine: ImageRef = { imageId: 'img-us', frameIndex: 42 };
    const p = payloadFromCornerstone(drawn('Length', [world(1, 2, 0), world(21, 2, 0)]), {
      ...context,
      imageRef: cine,
    });
    expect(p.type === 'length' && p.data.points.map((q) => q.index[2])).toEqual([42, 42]);
    const cs = cornerstoneFromPayload(p, { geometry, annotationUID: 'u' })!;
    expectClose(cs.data.handles.points[1], [...indexToPatient(geometry, [21, 2, 0])]);
    expect(cs.metadata.sliceIndex).toBe(42);
  });

  it('keeps points drawn off the slice (an oblique reformat) where they are', () => {
    const p = payloadFromCornerstone(drawn('Length', [world(1, 2, 17.4), world(21, 2, 16.8)]), context);
    expect(p.type === 'length' && p.data.points.map((q) => q.index[2])).toEqual([
      expect.closeTo(17.4, 6),
      expect.closeTo(16.8, 6),
    ]);
  });

  it('accepts Cornerstone annotations with a tool name and handles, and nothing else', () => {
    const cs = drawn('Length', [world(1, 2), world(11, 2)]);
    expect(asToolAnnotation(cs)).toBe(cs);
    expect(asToolAnnotation({ data: {} })).toBeUndefined();
    expect(asToolAnnotation({ metadata: { toolName: 'Length' }, data: {} })).toBeUndefined();
  });

  it('refuses a tool it does not know', () => {
    expect(() => payloadFromCornerstone(drawn('Bidirectional', [world(1, 1)]), context)).toThrow(
      /Bidirectional/,
    );
  });
});
