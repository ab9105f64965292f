import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, payload, point } from './test-payloads.js';

// Polygon, freehand contour and polyline share a point-list schema; only the minimum count differs.
const shapes: [string, number][] = [
  ['polygon', 3],
  ['freehandContour', 3],
  ['polyline', 2],
];

describe.each(shapes)('%s', (type, minimum) => {
  const points = (n: number) => Array.from({ length: n }, (_, i) => point(i, i % 2));

  it(`loads ${minimum} points and round-trips through JSON`, () => {
    const p = payload(type, { points: points(minimum) });
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  it(`rejects ${minimum - 1} points at data.points`, () => {
    expect(failingPaths(payload(type, { points: points(minimum - 1) }))).toEqual(['data.points']);
  });

  it('names the failing point and coordinate', () => {
    const bad = points(minimum + 2);
    bad[3] = { index: [0, 0, 0], patient: [0, Number.POSITIVE_INFINITY, 0] };
    expect(failingPaths(payload(type, { points: bad }))).toEqual(['data.points[3].patient[1]']);
  });

  const badPoints: [string, unknown, string][] = [
    ['null', null, 'data.points[1]'],
    ['an array', [0, 0, 0], 'data.points[1]'],
    ['no patient point', { index: [0, 0, 0] }, 'data.points[1].patient'],
    ['an extra key', { ...point(0, 0), label: 'x' }, 'data.points[1]'],
    ['a 4-vector', { index: [0, 0, 0, 1], patient: [0, 0, 0] }, 'data.points[1].index'],
    ['a NaN', { index: [0, 0, Number.NaN], patient: [0, 0, 0] }, 'data.points[1].index[2]'],
  ];
  it.each(badPoints)('refuses a point that is %s', (_, bad, path) => {
    const points3 = [point(0, 0), bad, point(1, 1), point(2, 0)];
    expect(failingPaths(payload(type, { points: points3 }))).toEqual([path]);
  });

  it('reports at most 10 bad points of a hostile list', () => {
    const bad = Array.from({ length: 1000 }, () => ({ index: [0, 0, 0], patient: [0, 0, 'x'] }));
    const paths = failingPaths(payload(type, { points: bad }));
    expect(paths).toHaveLength(10);
    expect(paths[9]).toBe('data.points[9].patient[2]');
  });

  it(`accepts ${ANNOTATION_LIMITS.maxPoints} points and refuses one more`, () => {
    const many = Array.from({ length: ANNOTATION_LIMITS.maxPoints }, () => point(1, 1));
    expect(failingPaths(payload(type, { points: many }))).toEqual([]);
    expect(failingPaths(payload(type, { points: [...many, point(2, 2)] }))).toEqual(['data.points']);
  });
});
