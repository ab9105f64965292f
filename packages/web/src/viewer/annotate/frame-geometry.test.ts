import { describe, expect, it } from 'vitest';
import { indexToPatient } from '../../annotations/cornerstone/core-geometry.js';
import { geometryOfFrames } from './frame-geometry.js';

describe('geometryOfFrames', () => {
  it('steps k from the first slice position to the last, with in-plane spacing per DICOM order', () => {
    const plane = (z: number) => ({
      rows: 200,
      columns: 100,
      imagePositionPatient: [-50, 20, z],
      rowCosines: [1, 0, 0],
      columnCosines: [0, 0.6, -0.8],
      rowPixelSpacing: 0.9,
      columnPixelSpacing: 0.7,
    });
    const g = geometryOfFrames([plane(10), plane(12.5), plane(15)], false);
    expect(g.dims).toEqual([100, 200, 3]);
    expect(g.spacing).toEqual([0.7, 0.9, 2.5]);
    const p = indexToPatient(g, [10, 20, 2]);
    expect(p[0]).toBeCloseTo(-50 + 7, 9);
    expect(p[1]).toBeCloseTo(20 + 0.6 * 18, 9);
    expect(p[2]).toBeCloseTo(15 - 0.8 * 18, 9);
  });

  it("takes Cornerstone's defaults for a frame without geometry, k along the normal for cine frames", () => {
    const frame = { rows: 4, columns: 6 };
    const g = geometryOfFrames([frame, frame, frame], true);
    expect(g.dims).toEqual([6, 4, 3]);
    expect(g.spacing).toEqual([1, 1, 1]);
    expect([...indexToPatient(g, [5, 3, 0])]).toEqual([5, 3, 0]);
  });
});
