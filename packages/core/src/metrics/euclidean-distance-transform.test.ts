import { describe, expect, it } from 'vitest';
import { squaredEuclideanDistanceTransform } from './euclidean-distance-transform.js';
import type { Index3, VoxelBox } from './voxel-box.js';

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The definition: min over all seeds of the squared mm distance, by trying every seed. */
function bruteForce(seeds: Uint8Array, dims: Index3, spacing: Index3, box: VoxelBox): Float64Array {
  const [nx, ny, nz] = dims;
  const points: Index3[] = [];
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) if (seeds[x + y * nx + z * nx * ny]) points.push([x, y, z]);
  const out: number[] = [];
  for (let z = box.min[2]; z <= box.max[2]; z++)
    for (let y = box.min[1]; y <= box.max[1]; y++)
      for (let x = box.min[0]; x <= box.max[0]; x++) {
        let best = Number.POSITIVE_INFINITY;
        for (const [px, py, pz] of points) {
          const d =
            ((x - px) * spacing[0]) ** 2 + ((y - py) * spacing[1]) ** 2 + ((z - pz) * spacing[2]) ** 2;
          if (d < best) best = d;
        }
        out.push(best);
      }
  return Float64Array.from(out);
}

function randomSeeds(dims: Index3, density: number, seed: number): Uint8Array {
  const next = random(seed);
  const seeds = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let i = 0; i < seeds.length; i++) seeds[i] = next() < density ? 1 : 0;
  return seeds;
}

describe('squaredEuclideanDistanceTransform', () => {
  const dims: Index3 = [13, 9, 7];
  const spacing: Index3 = [0.7, 1.3, 2.5];
  const whole: VoxelBox = { min: [0, 0, 0], max: [12, 8, 6] };

  for (const [density, seed] of [
    [0.02, 1],
    [0.1, 2],
    [0.5, 3],
  ] as const) {
    it(`matches brute force on a random ${dims.join('×')} volume, ${density * 100}% seeds`, () => {
      const seeds = randomSeeds(dims, density, seed);
      const fast = squaredEuclideanDistanceTransform(seeds, dims, spacing, whole);
      const slow = bruteForce(seeds, dims, spacing, whole);
      expect(fast.length).toBe(slow.length);
      for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 9);
    });
  }

  it('is exact inside a box that holds every seed', () => {
    const seeds = new Uint8Array(dims[0] * dims[1] * dims[2]);
    const inner = randomSeeds([5, 4, 3], 0.2, 4);
    inner[0] = 1;
    const box: VoxelBox = { min: [3, 2, 2], max: [7, 5, 4] };
    for (let z = 0; z < 3; z++)
      for (let y = 0; y < 4; y++)
        for (let x = 0; x < 5; x++) seeds[x + 3 + (y + 2) * 13 + (z + 2) * 117] = inner[x + y * 5 + z * 20]!;
    const fast = squaredEuclideanDistanceTransform(seeds, dims, spacing, box);
    const slow = bruteForce(seeds, dims, spacing, box);
    expect(fast.length).toBe(5 * 4 * 3);
    for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 9);
  });

  it('gives +∞ everywhere when there is no seed', () => {
    const fast = squaredEuclideanDistanceTransform(new Uint8Array(13 * 9 * 7), dims, spacing, whole);
    expect(fast.every((d) => d === Number.POSITIVE_INFINITY)).toBe(true);
  });

  it('measures along each axis with that axis spacing', () => {
    const seeds = new Uint8Array(13 * 9 * 7);
    seeds[0] = 1;
    const fast = squaredEuclideanDistanceTransform(seeds, dims, spacing, whole);
    expect(fast[3]).toBeCloseTo((3 * 0.7) ** 2, 12);
    expect(fast[3 * 13]).toBeCloseTo((3 * 1.3) ** 2, 12);
    expect(fast[3 * 117]).toBeCloseTo((3 * 2.5) ** 2, 12);
  });
});
