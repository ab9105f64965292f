// Test support for the metrics: random masks and the surface distances by their definition, voxel
// by voxel, to check the fast paths against. Used by the *.test.ts files beside it only.
import type { Index3 } from './voxel-box.js';

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random blobs: a few boxes of random size and place, so masks have interiors, holes and gaps. */
export function blobs(dims: Index3, count: number, next: () => number): Uint8Array {
  const [nx, ny, nz] = dims;
  const mask = new Uint8Array(nx * ny * nz);
  for (let b = 0; b < count; b++) {
    const lo = dims.map((n) => Math.floor(next() * n));
    const hi = lo.map((l, a) => Math.min(dims[a]! - 1, l + Math.floor(next() * 5)));
    for (let z = lo[2]!; z <= hi[2]!; z++)
      for (let y = lo[1]!; y <= hi[1]!; y++)
        for (let x = lo[0]!; x <= hi[0]!; x++) mask[x + y * nx + z * nx * ny] = 1;
  }
  return mask;
}

/** The definition, voxel by voxel: surface = foreground with a background (or outside) 6-neighbour. */
export function surfacePoints(mask: Uint8Array, dims: Index3): Index3[] {
  const [nx, ny, nz] = dims;
  const at = (x: number, y: number, z: number) =>
    x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz ? mask[x + y * nx + z * nx * ny]! : 0;
  const points: Index3[] = [];
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        if (!at(x, y, z)) continue;
        const neighbours = [
          at(x - 1, y, z),
          at(x + 1, y, z),
          at(x, y - 1, z),
          at(x, y + 1, z),
          at(x, y, z - 1),
          at(x, y, z + 1),
        ];
        if (neighbours.includes(0)) points.push([x, y, z]);
      }
  return points;
}

/** For each point of `from`, the mm distance to the nearest point of `to`, by trying them all. */
export function nearest(from: Index3[], to: Index3[], spacing: Index3): number[] {
  return from.map(([x, y, z]) => {
    let best = Number.POSITIVE_INFINITY;
    for (const [u, v, w] of to) {
      const d = ((x - u) * spacing[0]) ** 2 + ((y - v) * spacing[1]) ** 2 + ((z - w) * spacing[2]) ** 2;
      if (d < best) best = d;
    }
    return Math.sqrt(best);
  });
}
