import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../geometry/vector.js';
import type { SegFrame } from './seg-frames.js';
import { sliceLattice } from './slice-lattice.js';

const AXIAL: readonly [Vec3, Vec3] = [
  [1, 0, 0],
  [0, 1, 0],
];

function frames(positions: readonly Vec3[], orientation = AXIAL): SegFrame[] {
  return positions.map((position) => ({ position, orientation, segment: 1 }));
}

function lattice(positions: readonly Vec3[], spacingBetweenSlices?: number, orientation = AXIAL) {
  return sliceLattice({
    rows: 4,
    columns: 3,
    frames: frames(positions, orientation),
    measures: { pixelSpacing: [0.5, 0.25], ...(spacingBetweenSlices ? { spacingBetweenSlices } : {}) },
    maxVoxels: 10_000,
  });
}

describe('sliceLattice', () => {
  it('takes x along a row, y down a column, spacing [column, row] from Pixel Spacing [row, column]', () => {
    const { geometry } = lattice([[10, 20, 30]], 2);
    expect(geometry).toEqual({
      dims: [3, 4, 1],
      spacing: [0.25, 0.5, 2],
      origin: [10, 20, 30],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
  });

  it('fills a left-out slice: z = 0, 2.5, 7.5 at 2.5 mm are slices 0, 1, 3 of 4', () => {
    const out = lattice(
      [
        [0, 0, 0],
        [0, 0, 2.5],
        [0, 0, 7.5],
      ],
      2.5,
    );
    expect(out.geometry.dims).toEqual([3, 4, 4]);
    expect(out.sliceOfFrame).toEqual([0, 1, 3]);
    expect(out.emptySlices).toBe(1);
  });

  it('uses the positions when Spacing Between Slices does not fit them, and says so', () => {
    // 5 mm steps are not whole multiples of a declared 2 mm: 5 mm is the spacing.
    const out = lattice(
      [
        [0, 0, 10],
        [0, 0, 0],
        [0, 0, 5],
      ],
      2,
    );
    expect(out.geometry.spacing[2]).toBe(5);
    expect(out.geometry.origin).toEqual([0, 0, 0]);
    expect(out.sliceOfFrame).toEqual([2, 0, 1]);
    expect(out.warnings).toEqual([
      'Spacing Between Slices 2 mm does not fit the frame positions; their spacing 5 mm is used',
    ]);
  });

  it('sorts oblique slices along row × column, whatever the frame order', () => {
    // Column direction (0, cos 30°, sin 30°): the normal is (0, −sin 30°, cos 30°); frames 2 mm apart on
    // it, given last slice first.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const normal: Vec3 = [0, -s, c];
    const at = (k: number): Vec3 => [5, 7 + 2 * k * normal[1], -3 + 2 * k * normal[2]];
    const out = lattice([at(2), at(1), at(0)], undefined, [
      [1, 0, 0],
      [0, c, s],
    ]);
    expect(out.sliceOfFrame).toEqual([2, 1, 0]);
    expect(out.geometry.spacing[2]).toBeCloseTo(2, 12);
    out.geometry.origin.forEach((v, i) => expect(v).toBeCloseTo(at(0)[i]!, 12));
    const d = out.geometry.direction;
    [d[2], d[5], d[8]].forEach((v, i) => expect(v).toBeCloseTo(normal[i]!, 12));
  });

  it('refuses a frame beside the line of the others', () => {
    expect(() =>
      lattice(
        [
          [0, 0, 0],
          [0.1, 0, 1],
        ],
        1,
      ),
    ).toThrow(/frame 2 lies 0\.100 mm beside the line of frame 1 along the normal/);
  });

  it('refuses more voxels than maxVoxels: 3×4 pixels × 1001 slices', () => {
    expect(() =>
      lattice(
        [
          [0, 0, 0],
          [0, 0, 1000],
        ],
        1,
      ),
    ).toThrow(/span 1001 slices of 3x4 at 1 mm, more than the 10000 voxels allowed/);
  });
});
