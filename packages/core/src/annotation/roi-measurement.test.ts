import { describe, expect, it } from 'vitest';
import { UCUM } from './coded-concept.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { ROI_STATISTIC_CONCEPTS } from './roi-statistics.js';
import { failingPaths, payload, point } from './test-payloads.js';

const finding = { value: '52988006', scheme: 'SCT', meaning: 'Lesion' };
const stats = (extra: object = {}) => ({
  area: 78.5,
  mean: 40,
  stdDev: 12.5,
  min: -20,
  max: 110,
  unit: UCUM.hounsfieldUnit,
  ...extra,
});

// The three ROI shapes share the statistics schema; each has its own handles.
const shapes: [string, object][] = [
  ['ellipseRoi', { center: point(10, 10), axisEnds: [point(20, 10), point(10, 15)] }],
  ['circleRoi', { center: point(10, 10), edge: point(20, 10) }],
  ['rectangleRoi', { box: { min: point(0, 0), max: point(20, 20) } }],
];

describe.each(shapes)('%s', (type, handles) => {
  it('loads handles with HU statistics and round-trips through JSON', () => {
    const p = payload(type, { ...handles, concept: finding, statistics: stats() });
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  const invalid: [string, object, string][] = [
    ['min above max', stats({ min: 200 }), 'data.statistics.min'],
    ['mean outside [min, max]', stats({ mean: 500 }), 'data.statistics.mean'],
    ['a negative stdDev', stats({ stdDev: -1 }), 'data.statistics.stdDev'],
    ['a negative area', stats({ area: -1 }), 'data.statistics.area'],
    ['a unit given as a bare string', stats({ unit: 'HU' }), 'data.statistics.unit'],
  ];
  it.each(invalid)('rejects %s', (_, statistics, path) => {
    expect(failingPaths(payload(type, { ...handles, concept: finding, statistics }))).toContain(path);
  });

  it('needs its statistics', () => {
    expect(failingPaths(payload(type, { ...handles, concept: finding }))).toEqual(['data.statistics']);
  });
});

describe('ROI statistic concepts', () => {
  it('give each statistic its SNOMED CT code for SR export', () => {
    expect(Object.values(ROI_STATISTIC_CONCEPTS).map((c) => `${c.scheme} ${c.value}`)).toEqual([
      'SCT 42798000',
      'SCT 373098007',
      'SCT 386136009',
      'SCT 255605001',
      'SCT 56851009',
    ]);
  });
});
