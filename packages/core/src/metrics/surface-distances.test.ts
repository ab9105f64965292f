import { describe, expect, it } from 'vitest';
import { blobs, nearest, random, surfacePoints } from './brute-force-surfaces.js';
import { nearbyOffsets, searchReach } from './nearby-search.js';
import { pairCensus } from './pair-census.js';
import { directedSurfaceDistances } from './surface-distances.js';
import { pairSurfaces } from './surface-voxels.js';
import type { Index3 } from './voxel-box.js';

const sorted = (values: ArrayLike<number>) => Array.from(values).sort((a, b) => a - b);

/**
 * directedSurfaceDistances with each way of finding a distance: the transform alone, the nearby search
 * with a small radius (so that both it and the transform answer), with a budget spent at once, and
 * with the default radius; every time the same distances as trying every pair of surface voxels.
 */
describe('directedSurfaceDistances', () => {
  const dims: Index3 = [14, 12, 10];
  const spacing: Index3 = [0.8, 0.6, 1.9];
  for (const seed of [1, 2, 3, 4]) {
    const next = random(seed);
    const ref = blobs(dims, 4, next);
    const test = blobs(dims, 4, next);
    const census = pairCensus(ref, test, dims);
    const wanted = {
      ref: sorted(nearest(surfacePoints(ref, dims), surfacePoints(test, dims), spacing)),
      test: sorted(nearest(surfacePoints(test, dims), surfacePoints(ref, dims), spacing)),
    };
    const small = { radius: 1.3, reach: [1, 2, 1] as Index3 };
    const ways = [
      ['the transform alone', [1, 1, 1] as Index3, undefined, 0],
      ['a 1.3 mm search, then the transform', small.reach, small, 1e9],
      ['a search with no budget', small.reach, small, 0],
      [
        'the default search',
        searchReach(spacing).reach.map((r) => Math.max(1, r)) as unknown as Index3,
        searchReach(spacing),
        1e9,
      ],
    ] as const;
    for (const [way, margin, reach, budget] of ways) {
      it(`seed ${seed}: ${way}`, () => {
        const surfaces = pairSurfaces(ref, test, dims, census.box!, undefined, census, margin);
        const [px, py] = surfaces.dims;
        const nearby = reach && { offsets: nearbyOffsets(reach, spacing, px, px * py), budget };
        for (const from of ['ref', 'test'] as const) {
          const found = sorted(directedSurfaceDistances(surfaces, from, spacing, {}, nearby));
          expect(found.length).toBe(wanted[from].length);
          for (let i = 0; i < found.length; i++) expect(found[i]).toBeCloseTo(wanted[from][i]!, 9);
        }
      });
    }
  }
});

describe('searchReach', () => {
  it('reaches a few mm on CT-like voxels, at most 8 voxels along any axis', () => {
    // The ball of about 2,000 offsets would be 6.45 mm; 8 × 0.75 mm caps it at 6 mm.
    expect(searchReach([0.75, 0.75, 1])).toEqual({ radius: 6, reach: [8, 8, 6] });
  });

  it('stays small when one axis is far coarser than the others', () => {
    // The ball formula would give 1.68 mm, a disc of 88,000 offsets of 0.01 mm voxels.
    const { radius, reach } = searchReach([0.01, 0.01, 100]);
    expect(radius).toBeCloseTo(0.08, 12);
    expect(reach).toEqual([8, 8, 0]);
    expect(nearbyOffsets({ radius, reach }, [0.01, 0.01, 100], 20, 400).step.length).toBeLessThan(300);
  });
});

describe('nearbyOffsets', () => {
  it('lists every offset within the radius, nearest first', () => {
    // With spacing 1 × 1 × 2 and radius 2: the centre, 4 in-plane neighbours at 1, 4 diagonals at √2,
    // 4 at 2 in-plane and 2 along z at 2: 15 offsets.
    const offsets = nearbyOffsets({ radius: 2, reach: [2, 2, 1] }, [1, 1, 2], 10, 100);
    expect(offsets.step.length).toBe(15);
    expect(offsets.step[0]).toBe(0);
    expect(Array.from(offsets.distance)).toEqual(sorted(offsets.distance));
    expect(offsets.distance[14]).toBe(2);
    expect(Array.from(offsets.step)).toContain(100);
    expect(Array.from(offsets.step)).toContain(-20);
  });
});
