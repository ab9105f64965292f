import { describe, expect, it } from 'vitest';
import { SCT, UCUM } from './coded-concept.js';
import { lengthMm } from './length-measurement.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, payload, point } from './test-payloads.js';

// Index (6, 8, 0) is patient (3, 4, 0) on the 0.5 × 0.5 × 2 mm test image: a 3-4-5 triangle.
const length = (value: number, extra: object = {}) => ({
  points: [point(0, 0), point(6, 8)],
  concept: SCT.length,
  value,
  unit: UCUM.millimetre,
  ...extra,
});

describe('length measurement', () => {
  it('measures in patient space, not index space', () => {
    expect(lengthMm(point(0, 0).patient, point(6, 8).patient)).toBe(5);
    expect(lengthMm([0, 0, 0], [0, 0, 2])).toBe(2);
  });

  it('loads a 5 mm length coded SCT 410668003 in UCUM mm and round-trips through JSON', () => {
    const p = payload('length', length(5));
    const loaded = parseAnnotationPayload(JSON.stringify(p));
    expect(loaded).toEqual(p);
    expect(loaded.type === 'length' && loaded.data.concept.value).toBe('410668003');
  });

  const invalid: [string, unknown, string][] = [
    ['the index-space distance (10) instead of mm', length(10), 'data.value'],
    ['a unit in cm', length(5, { unit: { value: 'cm', scheme: 'UCUM', meaning: 'cm' } }), 'data.unit'],
    ['a negative value', length(-5), 'data.value'],
    ['one point', length(5, { points: [point(0, 0)] }), 'data.points'],
    [
      'a concept without a scheme',
      length(5, { concept: { value: '410668003', meaning: 'Length' } }),
      'data.concept.scheme',
    ],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    expect(failingPaths(payload('length', data))).toContain(path);
  });
});
