import { describe, expect, it } from 'vitest';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, ON_SLICE, payload, point, WHOLE_IMAGE } from './test-payloads.js';

describe('box3d', () => {
  it('loads a box one voxel thick and round-trips through JSON', () => {
    const p = payload('box3d', { min: point(0, 0, 1.5), max: point(4, 4, 2.5) }, WHOLE_IMAGE);
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  const invalid: [string, unknown, string][] = [
    ['flat in k', { min: point(0, 0, 2), max: point(4, 4, 2) }, 'data.max.index[2]'],
    ['inverted in i', { min: point(5, 0, 0), max: point(4, 4, 2) }, 'data.max.index[0]'],
    [
      'a string coordinate',
      { min: { index: ['0', 0, 0], patient: [0, 0, 0] }, max: point(4, 4, 2) },
      'data.min.index[0]',
    ],
    ['a 2D point', { min: { index: [0, 0], patient: [0, 0, 0] }, max: point(4, 4, 2) }, 'data.min.index'],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    expect(failingPaths(payload('box3d', data, WHOLE_IMAGE))).toContain(path);
  });

  it('spans the image: a slice index is refused', () => {
    expect(failingPaths(payload('box3d', { min: point(0, 0, 0), max: point(1, 1, 1) }, ON_SLICE))).toEqual([
      'imageRef',
    ]);
  });
});
