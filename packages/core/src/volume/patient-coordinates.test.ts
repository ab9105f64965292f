import { describe, expect, it } from 'vitest';
import type { ImageGeometry } from './image-volume.js';
import {
  geometryFromLpsAffine,
  geometryFromRasAffine,
  indexToPatient,
  lpsAffine,
  patientToIndex,
  rasAffine,
} from './patient-coordinates.js';

const c = Math.cos(0.3);
const s = Math.sin(0.3);
const oblique: ImageGeometry = {
  dims: [10, 20, 30],
  spacing: [0.7, 0.8, 2.5],
  origin: [-100, 50, 12],
  direction: [c, 0, s, 0, 1, 0, -s, 0, c],
};

describe('patient coordinates', () => {
  it('maps a voxel index to LPS by origin + direction · spacing · index', () => {
    const p = indexToPatient(oblique, [1, 2, 3]);
    expect(p[0]).toBeCloseTo(-100 + c * 0.7 + s * 7.5, 12);
    expect(p[1]).toBeCloseTo(50 + 1.6, 12);
    expect(p[2]).toBeCloseTo(12 - s * 0.7 + c * 7.5, 12);
  });

  it('inverts exactly', () => {
    const idx = patientToIndex(oblique, indexToPatient(oblique, [4.5, -1, 7]));
    [4.5, -1, 7].forEach((v, i) => expect(idx[i]).toBeCloseTo(v, 10));
  });

  it('round-trips through LPS and RAS affines', () => {
    for (const g of [
      geometryFromLpsAffine(lpsAffine(oblique), oblique.dims),
      geometryFromRasAffine(rasAffine(oblique), oblique.dims),
    ]) {
      g.spacing.forEach((v, i) => expect(v).toBeCloseTo(oblique.spacing[i]!, 12));
      g.origin.forEach((v, i) => expect(v).toBeCloseTo(oblique.origin[i]!, 12));
      g.direction.forEach((v, i) => expect(v).toBeCloseTo(oblique.direction[i]!, 12));
    }
    // RAS negates the first two rows: the x and y of every mapped point.
    const ras = rasAffine(oblique);
    expect(ras[3]).toBe(100);
    expect(ras[7]).toBe(-50);
    expect(ras[11]).toBe(12);
  });
});
