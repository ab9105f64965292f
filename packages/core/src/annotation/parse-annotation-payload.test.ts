import { describe, expect, it } from 'vitest';
import {
  ANNOTATION_RECORDS,
  annotationPayloadSchema,
  CURRENT_SCHEMA_VERSIONS,
} from './annotation-payload.js';
import { AnnotationPayloadError } from './annotation-payload-error.js';
import { encodeBinaryRle } from './binary-rle.js';
import { SCT, UCUM } from './coded-concept.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, ON_SLICE, payload, point, WHOLE_IMAGE } from './test-payloads.js';

const stats = { area: 1, mean: 0, stdDev: 0, min: 0, max: 0, unit: UCUM.hounsfieldUnit };
const segment = { index: 1, labelId: 'liver', name: 'Liver', colour: '#aa3300', locked: false };

/** One valid current payload per type: the dispatch table must cover every record. */
const examples = [
  payload('classification', { level: 'study', value: { kind: 'single', choice: 'normal' } }, WHOLE_IMAGE),
  payload('box2d', { min: point(0, 0), max: point(1, 1) }),
  payload('box3d', { min: point(0, 0, 0), max: point(1, 1, 1) }, WHOLE_IMAGE),
  payload('polygon', { points: [point(0, 0), point(1, 0), point(0, 1)] }),
  payload('freehandContour', { points: [point(0, 0), point(1, 0), point(0, 1)] }),
  payload('polyline', { points: [point(0, 0), point(1, 0)] }),
  payload('landmark', { name: 'apex', point: point(1, 2, 3) }, WHOLE_IMAGE, 2),
  payload('length', {
    points: [point(0, 0), point(6, 8)],
    concept: SCT.length,
    value: 5,
    unit: UCUM.millimetre,
  }),
  payload('angle', {
    points: [point(1, 0), point(0, 0), point(0, 1)],
    concept: SCT.angle,
    value: 90,
    unit: UCUM.degree,
  }),
  payload('ellipseRoi', {
    center: point(5, 5),
    axisEnds: [point(9, 5), point(5, 7)],
    concept: SCT.area,
    statistics: stats,
  }),
  payload('circleRoi', { center: point(5, 5), edge: point(9, 5), concept: SCT.area, statistics: stats }),
  payload('rectangleRoi', {
    box: { min: point(0, 0), max: point(2, 2) },
    concept: SCT.area,
    statistics: stats,
  }),
  payload('segmentation', { representation: 'rle', mask: encodeBinaryRle([0, 1], 2, 1), segment }, ON_SLICE),
  payload('frameRange', { start: 2, end: 9 }, WHOLE_IMAGE),
];

function errorOf(json: unknown): AnnotationPayloadError {
  try {
    parseAnnotationPayload(json);
  } catch (error) {
    if (error instanceof AnnotationPayloadError) return error;
    throw error;
  }
  throw new Error('expected the payload to be refused');
}

describe('parseAnnotationPayload', () => {
  it('has one example per record type', () => {
    expect(examples.map((e) => e.type).sort()).toEqual(ANNOTATION_RECORDS.map((r) => r.type).sort());
  });

  it.each(examples.map((e) => [e.type, e] as const))(
    'dispatches %s; text, value and the union schema agree',
    (_, p) => {
      const loaded = parseAnnotationPayload(p);
      expect(loaded).toEqual(p);
      expect(parseAnnotationPayload(JSON.stringify(loaded))).toEqual(loaded);
      expect(annotationPayloadSchema.parse(p)).toEqual(p);
    },
  );

  it('names current versions', () => {
    expect(CURRENT_SCHEMA_VERSIONS.landmark).toBe(2);
    expect(CURRENT_SCHEMA_VERSIONS.box2d).toBe(1);
  });

  it('refuses text that is not JSON', () => {
    expect(errorOf('{"type": ').code).toBe('INVALID_JSON');
  });

  it.each([null, 3, 'null', [], '[1]'])('refuses a non-object (%j)', (json) => {
    expect(errorOf(json).code).toBe('INVALID_PAYLOAD');
  });

  it.each([undefined, 'blob', 'toString', 7])('refuses type %j as UNKNOWN_TYPE at "type"', (type) => {
    const error = errorOf({ ...examples[1], type });
    expect(error.code).toBe('UNKNOWN_TYPE');
    expect(error.issues.map((i) => i.path)).toEqual(['type']);
  });

  it.each([0, 2, 1.5, '1', undefined])(
    'refuses box2d schemaVersion %j as UNSUPPORTED_VERSION',
    (schemaVersion) => {
      const error = errorOf({ ...examples[1], schemaVersion });
      expect(error.code).toBe('UNSUPPORTED_VERSION');
      expect(error.issues.map((i) => i.path)).toEqual(['schemaVersion']);
    },
  );

  it('lists every failing path in the error and its message', () => {
    const error = errorOf(
      payload('box2d', { min: { index: [0, 'a', 0], patient: [0, 0] }, max: point(1, 1) }),
    );
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['data.min.index[1]', 'data.min.patient']);
    expect(error.message).toContain('data.min.index[1]: ');
    expect(error.message).toContain('data.min.patient: ');
  });

  const envelope: [string, object, string][] = [
    [
      'both frame and slice',
      { imageRef: { imageId: 'a', frameIndex: 1, sliceIndex: 1 } },
      'imageRef.sliceIndex',
    ],
    ['a negative slice', { imageRef: { imageId: 'a', sliceIndex: -1 } }, 'imageRef.sliceIndex'],
    ['an empty image id', { imageRef: { imageId: '', sliceIndex: 0 } }, 'imageRef.imageId'],
    ['no label', { labelId: undefined }, 'labelId'],
    ['an unknown top-level key', { author: 'x' }, ''],
  ];
  it.each(envelope)('checks the envelope: %s', (_, change, path) => {
    expect(failingPaths({ ...examples[1], ...change })).toContain(path);
  });

  it('does not mutate its input', () => {
    const input = JSON.parse(JSON.stringify(examples[7]));
    const loaded = parseAnnotationPayload(input);
    expect(input).toEqual(examples[7]);
    expect(loaded).not.toBe(input);
  });
});
