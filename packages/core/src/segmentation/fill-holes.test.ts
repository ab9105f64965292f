import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillHoles } from './fill-holes.js';
import type { LabelMap } from './label-map.js';
import { segmentVoxelCounts } from './segment-voxel-counts.js';
import { countOf, emptyLabelMap, labelAt, paint } from './test-label-maps.js';

const squared = (a: number, b: number, c = 0) => a * a + b * b + c * c;

/** Ring of `segment` in slice k: 4 ≤ distance from (ci, cj) ≤ 6; its hole is the 45 pixels closer than 4. */
function ring(map: LabelMap, segment: number, ci: number, cj: number, onSlice: (k: number) => boolean) {
  paint(
    map,
    segment,
    (i, j, k) => onSlice(k) && squared(i - ci, j - cj) >= 16 && squared(i - ci, j - cj) <= 36,
  );
}

const HOLE = 45; // pixels with i² + j² < 16: 7 + 2·7 + 2·7 + 2·5

describe('fillHoles in 2D', () => {
  it('fills the hole of a ring and nothing else', () => {
    const map = emptyLabelMap([20, 20, 3]);
    ring(map, 1, 10, 10, (k) => k === 1);
    const ringSize = countOf(map, 1);
    expect(fillHoles(map, 1)).toBe(HOLE);
    expect(countOf(map, 1)).toBe(ringSize + HOLE);
    expect(labelAt(map, 10, 10, 1)).toBe(1);
    expect(labelAt(map, 0, 0, 1)).toBe(0); // outside the ring
    expect(countOf(map, 1, 0) + countOf(map, 1, 2)).toBe(0);
  });

  it('does not fill a hole that touches the border', () => {
    const map = emptyLabelMap([20, 20, 1]);
    ring(map, 1, 2, 10, () => true); // clipped by the left edge: its inside reaches i = 0
    ring(map, 1, 13, 10, () => true); // closed
    expect(fillHoles(map, 1)).toBe(HOLE);
    expect(labelAt(map, 2, 10, 0)).toBe(0);
    expect(labelAt(map, 13, 10, 0)).toBe(1);
  });

  it('is enclosed by a wall whose pixels touch only at corners (the background moves 4-connected)', () => {
    const map = emptyLabelMap([7, 7, 1]);
    paint(map, 1, (i, j) => Math.abs(i - 3) + Math.abs(j - 3) === 2); // a diamond of 8 pixels
    expect(fillHoles(map, 1)).toBe(5);
    expect(labelAt(map, 3, 3, 0)).toBe(1);
    expect(labelAt(map, 0, 0, 0)).toBe(0);
  });

  it('never overwrites other segments, and other segments do not close a hole', () => {
    const map = emptyLabelMap([30, 20, 1]);
    ring(map, 1, 10, 10, () => true);
    paint(map, 2, (i, j) => squared(i - 10, j - 10) <= 4); // an island of 13 voxels of 2 in the hole of 1
    ring(map, 2, 22, 10, () => true); // a ring of 2 whose hole is not 1's to fill
    const before = segmentVoxelCounts(map).get(2)!;
    expect(fillHoles(map, 1)).toBe(HOLE - 13);
    expect(segmentVoxelCounts(map).get(2)).toBe(before);
    expect(labelAt(map, 10, 10, 0)).toBe(2);
    expect(labelAt(map, 22, 10, 0)).toBe(0);

    const plugged = emptyLabelMap([20, 20, 1]);
    ring(plugged, 1, 10, 10, () => true);
    paint(plugged, 2, (i, j) => j === 10 && i >= 14); // a gap in the ring of 1, plugged by 2
    expect(fillHoles(plugged, 1)).toBe(0);
  });

  it('works on one slice when asked', () => {
    const map = emptyLabelMap([20, 20, 4], 'uint16');
    ring(map, 300, 10, 10, () => true);
    expect(fillHoles(map, 300, { slice: 2 })).toBe(HOLE);
    expect([0, 1, 2, 3].map((k) => labelAt(map, 10, 10, k))).toEqual([0, 0, 300, 0]);
    expect(fillHoles(map, 300, { mode: '2d' })).toBe(3 * HOLE);
  });

  it('rejects bad arguments', () => {
    const map = emptyLabelMap([4, 4, 2]);
    expect(() => fillHoles(map, 0)).toThrow(RangeError);
    expect(() => fillHoles(map, 256)).toThrow(RangeError);
    expect(() => fillHoles(map, 1, { slice: 2 })).toThrow(RangeError);
    expect(() => fillHoles(map, 1, { mode: '3d', slice: 0 })).toThrow(RangeError);
  });
});

describe('fillHoles in 3D', () => {
  const dims = [21, 21, 21] as const;
  const shell = (i: number, j: number, k: number) => {
    const r2 = squared(i - 10, j - 10, k - 10);
    return r2 >= 25 && r2 <= 49;
  };
  const cavity = (() => {
    let n = 0;
    paint(emptyLabelMap(dims), 1, (i, j, k) => {
      if (squared(i - 10, j - 10, k - 10) < 25) n++;
      return false;
    });
    return n;
  })();

  it('fills the cavity of a hollow sphere, around an island of another segment', () => {
    const map = emptyLabelMap(dims);
    paint(map, 1, shell);
    map.voxels[10 + 21 * (10 + 21 * 10)] = 2;
    expect(fillHoles(map, 1, { mode: '3d' })).toBe(cavity - 1);
    expect(labelAt(map, 10, 10, 10)).toBe(2);
    expect(labelAt(map, 10, 10, 7)).toBe(1);
    expect(labelAt(map, 0, 0, 0)).toBe(0);
  });

  it('fills nothing when a channel joins the cavity to the outside', () => {
    const map = emptyLabelMap(dims);
    paint(map, 1, shell);
    paint(map, 0, (i, j, k) => j === 10 && k === 10 && i > 10); // drill along +i
    expect(fillHoles(map, 1, { mode: '3d' })).toBe(0);
    // Slice by slice, only the drilled slice 10 keeps its cavity open.
    const filled = fillHoles(map, 1);
    expect(filled).toBeGreaterThan(0);
    expect(labelAt(map, 10, 10, 10)).toBe(0);
    expect(labelAt(map, 10, 10, 9)).toBe(1);
  });

  it('leaves an open tube alone, which 2D fills slice by slice', () => {
    const map = emptyLabelMap([20, 20, 6]);
    ring(map, 1, 10, 10, () => true);
    expect(fillHoles(map, 1, { mode: '3d' })).toBe(0);
    expect(fillHoles(map, 1, { mode: '2d' })).toBe(6 * HOLE);
  });
});

/**
 * fillHoles by the definition, slowly: a voxel is reached when it is not `segment` and lies on the
 * border or next to a reached voxel, repeated until nothing changes; unreached background is filled.
 */
function fillHolesByDefinition(map: LabelMap, segment: number, mode: '2d' | '3d'): Uint8Array {
  const [nx, ny, nz] = map.dims;
  const at = (i: number, j: number, k: number) => i + nx * (j + ny * k);
  const reached = new Uint8Array(map.voxels.length);
  const steps = mode === '3d' ? 6 : 4;
  const offsets = [
    [1, 0, 0],
    [-1, 0, 0],
    [0, 1, 0],
    [0, -1, 0],
    [0, 0, 1],
    [0, 0, -1],
  ].slice(0, steps);
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const p = at(i, j, k);
          if (reached[p] || map.voxels[p] === segment) continue;
          const border =
            i === 0 ||
            j === 0 ||
            i === nx - 1 ||
            j === ny - 1 ||
            (mode === '3d' && (k === 0 || k === nz - 1));
          const nextToReached = offsets.some(([di, dj, dk]) => {
            const [a, b, c] = [i + di!, j + dj!, k + dk!];
            return a >= 0 && b >= 0 && c >= 0 && a < nx && b < ny && c < nz && reached[at(a, b, c)] === 1;
          });
          if (border || nextToReached) {
            reached[p] = 1;
            changed = true;
          }
        }
      }
    }
  }
  return map.voxels.map((label, p) => (label === 0 && !reached[p] ? segment : label)) as Uint8Array;
}

describe('fillHoles properties', () => {
  // Segment 1 fills 30–70 % of the voxels: around the percolation threshold, where the open space
  // winds through the walls (a path may have to turn back along any axis); 2 and 3 sprinkle the rest.
  const labelMaps = fc
    .record({
      nx: fc.integer({ min: 1, max: 9 }),
      ny: fc.integer({ min: 1, max: 9 }),
      nz: fc.integer({ min: 1, max: 6 }),
      wall: fc.integer({ min: 30, max: 70 }),
    })
    .chain(({ nx, ny, nz, wall }) =>
      fc
        .array(fc.integer({ min: 0, max: 99 }), { minLength: nx * ny * nz, maxLength: nx * ny * nz })
        .map((draws): LabelMap => {
          const voxels = Uint8Array.from(draws, (d) =>
            d < wall ? 1 : d % 5 === 0 ? 2 : d % 7 === 0 ? 3 : 0,
          );
          return { dims: [nx, ny, nz], voxels };
        }),
    );

  it('fills exactly what the definition says', () => {
    fc.assert(
      fc.property(labelMaps, fc.constantFrom(1, 2), fc.constantFrom('2d', '3d'), (map, segment, mode) => {
        const expected = fillHolesByDefinition(map, segment, mode as '2d' | '3d');
        fillHoles(map, segment, { mode: mode as '2d' | '3d' });
        expect(map.voxels).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent, only grows the segment, and leaves other segments alone', () => {
    fc.assert(
      fc.property(labelMaps, fc.constantFrom(1, 2, 3), fc.constantFrom('2d', '3d'), (map, segment, mode) => {
        const before = segmentVoxelCounts(map);
        const filled = fillHoles(map, segment, { mode: mode as '2d' | '3d' });
        const after = segmentVoxelCounts(map);
        expect(after.get(segment) ?? 0).toBe((before.get(segment) ?? 0) + filled);
        for (const [other, count] of before) if (other !== segment) expect(after.get(other)).toBe(count);
        const once = map.voxels.slice();
        expect(fillHoles(map, segment, { mode: mode as '2d' | '3d' })).toBe(0);
        expect(map.voxels).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});
