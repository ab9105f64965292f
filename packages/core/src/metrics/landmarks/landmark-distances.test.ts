import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../geometry/vector.js';
import {
  type IndexLandmark,
  type Landmark,
  landmarkDistances,
  landmarkDistancesFromIndices,
} from './landmark-distances.js';

const at = (name: string, point: Vec3): Landmark => ({ name, point });
const idx = (name: string, index: Vec3): IndexLandmark => ({ name, index });

describe('landmarkDistances', () => {
  // Offsets chosen from Pythagorean triples: (3,4,0) → 5, (0,0,0) → 0, (0,0,12) → 12, (2,3,6) → 7.
  // n = 4; mean = 24/4 = 6; median = (5 + 7)/2 = 6 (numpy's even-count median); max = 12;
  // RMSE = √((25 + 0 + 144 + 49)/4) = √54.5.
  const reference = [
    at('nasion', [10, 20, 30]),
    at('sella', [-5, 0, 2]),
    at('porion-left', [0, 0, 0]),
    at('orbitale-left', [1, 1, 1]),
    at('menton', [0, 0, -50]),
  ];
  const test = [
    at('orbitale-left', [3, 4, 7]),
    at('nasion', [13, 24, 30]),
    at('porion-left', [0, 0, 12]),
    at('sella', [-5, 0, 2]),
    at('gonion', [9, 9, 9]),
  ];

  it('measures each shared landmark and summarises them', () => {
    const d = landmarkDistances(reference, test);
    expect(d.perLandmark).toEqual([
      { name: 'nasion', distance: 5 },
      { name: 'sella', distance: 0 },
      { name: 'porion-left', distance: 12 },
      { name: 'orbitale-left', distance: 7 },
    ]);
    expect(d).toMatchObject({ n: 4, mean: 6, median: 6, max: 12 });
    expect(d.rmse).toBeCloseTo(Math.sqrt(54.5), 14);
  });

  it('lists names found in one set only without counting them', () => {
    const d = landmarkDistances(reference, test);
    expect(d.missingInTest).toEqual(['menton']);
    expect(d.missingInReference).toEqual(['gonion']);
  });

  it('has null statistics when no name is shared', () => {
    const d = landmarkDistances([at('a', [0, 0, 0])], [at('b', [0, 0, 0])]);
    expect(d).toEqual({
      perLandmark: [],
      n: 0,
      mean: null,
      median: null,
      max: null,
      rmse: null,
      missingInTest: ['a'],
      missingInReference: ['b'],
    });
    expect(landmarkDistances([], []).n).toBe(0);
  });

  it('takes the middle value as median for an odd count', () => {
    // Distances 1, 2, 10 along x → median 2, mean 13/3, RMSE √(105/3) = √35.
    const d = landmarkDistances(
      [at('a', [0, 0, 0]), at('b', [0, 0, 0]), at('c', [0, 0, 0])],
      [at('a', [1, 0, 0]), at('b', [-2, 0, 0]), at('c', [10, 0, 0])],
    );
    expect(d.median).toBe(2);
    expect(d.mean).toBeCloseTo(13 / 3, 14);
    expect(d.rmse).toBeCloseTo(Math.sqrt(35), 14);
  });

  it('rejects repeated names and bad points with a message', () => {
    expect(() => landmarkDistances([at('a', [0, 0, 0]), at('a', [1, 1, 1])], [])).toThrow(
      /reference has landmark 'a' twice/,
    );
    expect(() => landmarkDistances([], [at('a', [0, Number.NaN, 0])])).toThrow(
      /test\[0\] \('a'\) needs point/,
    );
    expect(() => landmarkDistances([{ name: '', point: [0, 0, 0] }], [])).toThrow(TypeError);
    expect(() => landmarkDistances([{ name: 'a', point: [0, 0] as unknown as Vec3 }], [])).toThrow(
      RangeError,
    );
  });
});

describe('landmarkDistancesFromIndices', () => {
  it('scales the index difference by the voxel spacing', () => {
    // Spacing (0.5, 0.5, 2) mm. Δindex (6, 8, 0) → (3, 4, 0) mm → 5 mm; Δindex (0, 0, 3) → 6 mm;
    // Δindex (1.5, 0, 0) → 0.75 mm. Mean 11.75/3, median 5, max 6.
    const d = landmarkDistancesFromIndices(
      [idx('a', [10, 10, 10]), idx('b', [0, 0, 0]), idx('c', [4, 4, 4])],
      [idx('c', [5.5, 4, 4]), idx('a', [16, 18, 10]), idx('b', [0, 0, 3])],
      [0.5, 0.5, 2],
    );
    expect(d.perLandmark).toEqual([
      { name: 'a', distance: 5 },
      { name: 'b', distance: 6 },
      { name: 'c', distance: 0.75 },
    ]);
    expect(d).toMatchObject({ n: 3, median: 5, max: 6 });
    expect(d.mean).toBeCloseTo(11.75 / 3, 14);
  });

  it('rejects a spacing that is not three positive numbers', () => {
    expect(() => landmarkDistancesFromIndices([], [], [1, 0, 1])).toThrow(/spacing must be three positive/);
    expect(() => landmarkDistancesFromIndices([], [], [1, 1] as unknown as Vec3)).toThrow(RangeError);
  });
});
