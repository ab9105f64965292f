import type { Index3 } from './voxel-box.js';

/**
 * The nearby search (see surface-distances.ts): for a query voxel, the voxel offsets within a radius
 * tried in order of length, the first seed found being the nearest.
 */

/**
 * How far the nearby search looks: about this many voxel offsets, whatever the spacing. Most surface
 * voxels of two masks that agree are within a few mm of the other surface, where the search stops
 * after a few dozen offsets; the exact transform takes the rest.
 */
const SEARCH_OFFSETS = 2000;

/** The search's radius in mm and its reach in voxels along each axis. */
export interface SearchReach {
  readonly radius: number;
  readonly reach: Index3;
}

/**
 * The most voxels the search reaches along any axis. The box is padded by the reach, so this bounds
 * the padding; it also keeps the offsets few when one axis is much coarser than the others (the ball
 * is then a flat disc holding far more offsets than the formula below counts).
 */
const MAX_REACH = 8;

export function searchReach(spacing: readonly [number, number, number]): SearchReach {
  // A ball of radius r holds about (4/3)πr³ / (sx·sy·sz) voxel offsets.
  const ball = Math.cbrt((SEARCH_OFFSETS * spacing[0] * spacing[1] * spacing[2] * 3) / (4 * Math.PI));
  const radius = Math.min(ball, MAX_REACH * Math.min(...spacing));
  const reach = spacing.map((s) => Math.floor(radius / s)) as unknown as Index3;
  return { radius, reach };
}

/** Every voxel offset within the radius, nearest first, as index steps in a grid of row `px`, plane `plane`. */
export interface NearbyOffsets {
  readonly step: Int32Array;
  /** Each offset's length in mm, ascending. */
  readonly distance: Float64Array;
}

export function nearbyOffsets(
  { radius, reach }: SearchReach,
  spacing: readonly [number, number, number],
  px: number,
  plane: number,
): NearbyOffsets {
  const found: { step: number; d2: number }[] = [];
  const r2 = radius * radius;
  for (let dz = -reach[2]; dz <= reach[2]; dz++)
    for (let dy = -reach[1]; dy <= reach[1]; dy++)
      for (let dx = -reach[0]; dx <= reach[0]; dx++) {
        const d2 = (dx * spacing[0]) ** 2 + (dy * spacing[1]) ** 2 + (dz * spacing[2]) ** 2;
        if (d2 <= r2) found.push({ step: dx + dy * px + dz * plane, d2 });
      }
  found.sort((a, b) => a.d2 - b.d2);
  return {
    step: Int32Array.from(found, (o) => o.step),
    distance: Float64Array.from(found, (o) => Math.sqrt(o.d2)),
  };
}

/** The nearby search's offsets and how many voxel reads it may spend in all. */
export interface NearbySearch {
  readonly offsets: NearbyOffsets;
  readonly budget: number;
}

/**
 * The nearby search: distances of the query voxels it resolves are written to out[0 … count − 1];
 * the others are returned, ascending, for the transform.
 */
export function searchNearby(
  codes: Uint8Array,
  queries: Int32Array,
  seedBit: number,
  { offsets, budget }: NearbySearch,
  out: Float64Array,
): { count: number; unresolved: Int32Array } {
  const { step, distance } = offsets;
  const reach = step.length;
  const unresolved = new Int32Array(queries.length);
  let left = 0;
  let count = 0;
  let spent = 0;
  for (let i = 0; i < queries.length; i++) {
    const voxel = queries[i]!;
    if (spent > budget) {
      unresolved[left++] = voxel;
      continue;
    }
    let j = 0;
    while (j < reach && (codes[voxel + step[j]!]! & seedBit) === 0) j++;
    spent += j + 1;
    if (j < reach) out[count++] = distance[j]!;
    else unresolved[left++] = voxel;
  }
  return { count, unresolved: unresolved.slice(0, left) };
}
