import { describe, expect, it } from 'vitest';
import type { Mat3 } from '../geometry/matrix3.js';
import type { Vec3 } from '../geometry/vector.js';
import type { ImageVolume } from './image-volume.js';
import { indexToPatient } from './patient-coordinates.js';
import { orientationCode, reorient } from './reorient.js';

function image(
  direction: Mat3,
  dims: Vec3 = [3, 4, 5],
  timepoints = 1,
  samplesPerPixel: 1 | 3 = 1,
): ImageVolume {
  const n = dims[0] * dims[1] * dims[2] * timepoints * samplesPerPixel;
  return {
    kind: 'volume',
    dims,
    spacing: [0.5, 2, 3],
    origin: [10, -20, 30],
    direction,
    timepoints,
    dataType: 'float32',
    samplesPerPixel,
    photometricInterpretation: samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2',
    data: Float32Array.from({ length: n }, (_, i) => i),
    meta: {},
    warnings: [],
  };
}

/** Every voxel's value at its patient position, as a map from rounded position to value. */
function valuesByPosition(v: ImageVolume): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const [nx, ny, nz] = v.dims;
  const spp = v.samplesPerPixel;
  for (let t = 0; t < v.timepoints; t++)
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const p = indexToPatient(v, [i, j, k])
            .map((c) => c.toFixed(6))
            .join(',');
          const at = (((t * nz + k) * ny + j) * nx + i) * spp;
          out.set(`${t}:${p}`, Array.from(v.data.subarray(at, at + spp)));
        }
  return out;
}

// Sagittal: index x → posterior (+y), index y → inferior (−z), index z → left (+x).
const SAGITTAL: Mat3 = [0, 0, 1, 1, 0, 0, 0, -1, 0];
// Oblique (20° about z), left-handed by a flipped third axis.
const c = Math.cos(0.35);
const s = Math.sin(0.35);
const OBLIQUE: Mat3 = [c, -s, 0, s, c, 0, 0, 0, -1];

describe('orientationCode', () => {
  it('names axial, sagittal and oblique directions by their nearest axes', () => {
    expect(orientationCode([1, 0, 0, 0, 1, 0, 0, 0, 1])).toBe('LPS');
    expect(orientationCode([-1, 0, 0, 0, -1, 0, 0, 0, 1])).toBe('RAS');
    expect(orientationCode(SAGITTAL)).toBe('PIL');
    expect(orientationCode(OBLIQUE)).toBe('LPI');
  });
});

describe('reorient', () => {
  it.each([
    ['sagittal', SAGITTAL, 'LPS'],
    ['sagittal', SAGITTAL, 'RAS'],
    ['oblique left-handed', OBLIQUE, 'LPS'],
    ['axial', [1, 0, 0, 0, 1, 0, 0, 0, 1] as Mat3, 'RAI'],
  ])('%s to %s keeps every voxel at its patient position', (_name, direction, target) => {
    for (const [tp, spp] of [
      [1, 1],
      [2, 1],
      [1, 3],
    ] as const) {
      const before = image(direction, [3, 4, 5], tp, spp);
      const after = reorient(before, target);
      expect(orientationCode(after.direction)).toBe(target);
      expect(valuesByPosition(after)).toEqual(valuesByPosition(before));
      expect(after.data.length).toBe(before.data.length);
    }
  });

  it('returns the same object when nothing has to move', () => {
    const v = image([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(reorient(v, 'LPS')).toBe(v);
  });

  it('rejects codes that are not orientations', () => {
    expect(() => reorient(image(SAGITTAL), 'LLS')).toThrow(/not an orientation code/);
  });
});
