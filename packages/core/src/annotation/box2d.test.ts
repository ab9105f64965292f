import { describe, expect, it } from 'vitest';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, payload, point, WHOLE_IMAGE } from './test-payloads.js';

describe('box2d', () => {
  const valid: [string, unknown][] = [
    ['a unit box', { min: point(0, 0), max: point(1, 1) }],
    ['sub-voxel corners', { min: point(-0.5, 2.25), max: point(0.5, 2.75) }],
  ];
  it.each(valid)('loads %s and round-trips through JSON', (_, data) => {
    const p = payload('box2d', data);
    expect(parseAnnotationPayload(p)).toEqual(p);
    expect(parseAnnotationPayload(JSON.stringify(parseAnnotationPayload(p)))).toEqual(p);
  });

  const invalid: [string, unknown, string][] = [
    ['min = max on i', { min: point(1, 0), max: point(1, 1) }, 'data.max.index[0]'],
    ['min > max on j', { min: point(0, 2), max: point(1, 1) }, 'data.max.index[1]'],
    ['corners on different slices', { min: point(0, 0, 0), max: point(1, 1, 1) }, 'data.max.index[2]'],
    ['a NaN', { min: { ...point(0, 0), index: [Number.NaN, 0, 0] }, max: point(1, 1) }, 'data.min.index[0]'],
    ['a missing corner', { min: point(0, 0) }, 'data.max'],
    ['an extra key', { min: point(0, 0), max: point(1, 1), colour: 'red' }, 'data'],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    expect(failingPaths(payload('box2d', data))).toContain(path);
  });

  it('needs a slice or frame', () => {
    expect(failingPaths(payload('box2d', { min: point(0, 0), max: point(1, 1) }, WHOLE_IMAGE))).toEqual([
      'imageRef',
    ]);
  });
});
