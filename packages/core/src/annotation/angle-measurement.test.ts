import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../geometry/vector.js';
import { angleDegrees } from './angle-measurement.js';
import { SCT, UCUM } from './coded-concept.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, payload, point } from './test-payloads.js';

const angle = (points: unknown[], value: number) => ({
  points,
  concept: SCT.angle,
  value,
  unit: UCUM.degree,
});

describe('angle measurement', () => {
  const cases: [string, [Vec3, Vec3, Vec3], number][] = [
    [
      'right angle',
      [
        [1, 0, 0],
        [0, 0, 0],
        [0, 1, 0],
      ],
      90,
    ],
    [
      'straight line',
      [
        [1, 0, 0],
        [0, 0, 0],
        [-3, 0, 0],
      ],
      180,
    ],
    [
      'same ray',
      [
        [1, 0, 0],
        [0, 0, 0],
        [5, 0, 0],
      ],
      0,
    ],
    [
      '45° in 3D',
      [
        [1, 0, 0],
        [0, 0, 0],
        [1, 0, 1],
      ],
      45,
    ],
  ];
  it.each(cases)('angleDegrees: %s', (_, [a, v, b], expected) => {
    expect(angleDegrees(a, v, b)).toBeCloseTo(expected, 10);
  });

  it('is measured in patient space: index (2,0)-(0,0)-(0,1) with 0.5 mm pixels is still 90°', () => {
    expect(angleDegrees(point(2, 0).patient, point(0, 0).patient, point(0, 1).patient)).toBeCloseTo(90, 10);
  });

  it('loads a 90° angle in UCUM deg and round-trips through JSON', () => {
    const p = payload('angle', angle([point(2, 0), point(0, 0), point(0, 2)], 90));
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  const invalid: [string, unknown, string][] = [
    [
      'a value that disagrees with the points',
      angle([point(2, 0), point(0, 0), point(0, 2)], 45),
      'data.value',
    ],
    ['an end on the vertex', angle([point(0, 0), point(0, 0), point(0, 2)], 0), 'data.points'],
    ['over 180°', angle([point(2, 0), point(0, 0), point(0, 2)], 270), 'data.value'],
    [
      'mm as the unit',
      { ...angle([point(2, 0), point(0, 0), point(0, 2)], 90), unit: UCUM.millimetre },
      'data.unit',
    ],
    ['two points', angle([point(2, 0), point(0, 0)], 90), 'data.points'],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    expect(failingPaths(payload('angle', data))).toContain(path);
  });
});
