import {
  buildEnvelope,
  type ParabolaEnvelope,
  parabolaEnvelope,
} from '../distance-transform/parabola-envelope.js';
import { type NearbySearch, searchNearby } from './nearby-search.js';
import { type PairSurfaces, REF_SURFACE, type Surface, TEST_SURFACE } from './surface-voxels.js';
import type { VoxelBox } from './voxel-box.js';

/**
 * Directed surface distances: first a nearby search, then the exact Euclidean distance transform for
 * what it leaves.
 *
 * The search tries, for each query voxel, the voxel offsets within a few mm in order of length and
 * stops at the first seed: that seed is the nearest, since every closer voxel was tried before it.
 * Where masks agree most surface voxels are within a voxel or two of the other surface, so this
 * costs a few dozen reads per voxel. Queries with no seed within reach, and all queries left once
 * the search has spent its budget (a small multiple of the box's voxels, so that it never costs much
 * more than the transform), go to the transform.
 *
 * The transform is the exact Euclidean distance transform of Felzenszwalb and Huttenlocher
 * (separable: exact 1D distances along x, then lower envelopes of parabolas along y and z),
 * restricted to what the answer needs:
 * - the transform runs on the pair's padded box only, which holds every surface voxel of both masks,
 *   so it is exact there (a voxel's nearest seed is a seed, and all seeds are inside);
 * - along x the distances come from each row's list of seeds (no voxel is read); along y only the
 *   slices holding a seed are transformed, for the columns some query voxel lies in; along z only the
 *   (x, y) columns holding a query voxel, and the envelope is read at the query voxels alone;
 * - lines along y and z are gathered eight at a time, so that each cache line of the strided transform
 *   is read once, not eight times.
 * So the work is linear in the box and memory is one float64 per box voxel.
 */

/** Lines gathered together along y and z: eight float64s are one 64-byte cache line. */
const BLOCK = 8;

/** Reused across the two directions (and across labels): the transform and the line buffers. */
export interface DistanceScratch {
  readonly field: Float64Array;
  readonly envelope: ParabolaEnvelope;
  /** BLOCK gathered lines, and BLOCK transformed ones, each up to the longest axis. */
  readonly block: Float64Array;
  readonly transformed: Float64Array;
}

export function distanceScratch(surfaces: PairSurfaces): DistanceScratch {
  const [px, py, pz] = surfaces.dims;
  const longest = Math.max(px, py, pz);
  return {
    field: new Float64Array(px * py * pz),
    envelope: parabolaEnvelope(longest),
    block: new Float64Array(BLOCK * longest),
    transformed: new Float64Array(BLOCK * longest),
  };
}

/** Scratch big enough for `surfaces`: the one given when it is, a new one otherwise. */
export function scratchFor(surfaces: PairSurfaces, scratch: DistanceScratch | undefined): DistanceScratch {
  const [px, py, pz] = surfaces.dims;
  if (
    scratch &&
    scratch.field.length >= px * py * pz &&
    scratch.envelope.samples.length >= Math.max(px, py, pz)
  )
    return scratch;
  return distanceScratch(surfaces);
}

/**
 * Along each row (y, z) of the seed box's y–z extent, for x in the query box's x extent: (sx · the
 * distance in voxels to the row's nearest seed)², or +∞ in a row without seeds. The seeds come from
 * the seed surface's list, which is in row order.
 */
function rowPass(
  field: Float64Array,
  px: number,
  plane: number,
  seeds: Surface,
  queries: VoxelBox,
  sx: number,
): void {
  const { voxels } = seeds;
  const box = seeds.box!;
  const sx2 = sx * sx;
  const [x0, x1] = [queries.min[0], queries.max[0]];
  let next = 0;
  for (let z = box.min[2]; z <= box.max[2]; z++) {
    for (let y = box.min[1]; y <= box.max[1]; y++) {
      const row = y * px + z * plane;
      while (next < voxels.length && voxels[next]! < row) next++;
      const end = row + px;
      if (next === voxels.length || voxels[next]! >= end) {
        field.fill(Number.POSITIVE_INFINITY, row + x0, row + x1 + 1);
        continue;
      }
      // Walk x with the nearest seed on each side.
      let left = Number.NEGATIVE_INFINITY;
      let right = voxels[next]! - row;
      for (let x = x0; x <= x1; x++) {
        while (right < x) {
          left = right;
          next++;
          right =
            next < voxels.length && voxels[next]! < end ? voxels[next]! - row : Number.POSITIVE_INFINITY;
        }
        const d = Math.min(x - left, right - x);
        field[row + x] = d * d * sx2;
      }
      while (next < voxels.length && voxels[next]! < end) next++;
    }
  }
}

/**
 * Copies `width` neighbouring lines (x, x + 1, …) of n samples each, `stride` apart, from
 * field[start …] into block (line b at b·n): reading them side by side touches each cache line once.
 */
function gatherLines(
  field: Float64Array,
  start: number,
  stride: number,
  n: number,
  width: number,
  block: Float64Array,
): void {
  for (let q = 0; q < n; q++) {
    const from = start + q * stride;
    for (let b = 0; b < width; b++) block[b * n + q] = field[from + b]!;
  }
}

/** The reverse of gatherLines: `width` lines of m samples from block (line b at b·m) into field. */
function scatterLines(
  block: Float64Array,
  m: number,
  width: number,
  field: Float64Array,
  start: number,
  stride: number,
): void {
  for (let q = 0; q < m; q++) {
    const to = start + q * stride;
    for (let b = 0; b < width; b++) field[to + b] = block[b * m + q]!;
  }
}

/**
 * Along y, for the slices of the seed box and the columns x of the query box: reads the rows of the
 * seed box (the only finite ones) and writes the rows of the query box, BLOCK columns at a time.
 */
function columnPass(
  field: Float64Array,
  scratch: DistanceScratch,
  px: number,
  plane: number,
  seeds: VoxelBox,
  queries: VoxelBox,
  sy: number,
): void {
  const { envelope, block, transformed } = scratch;
  const { bounds, vertex, height } = envelope;
  const y0 = seeds.min[1];
  const n = seeds.max[1] - y0 + 1;
  const [qy0, qy1] = [queries.min[1], queries.max[1]];
  const m = qy1 - qy0 + 1;
  for (let z = seeds.min[2]; z <= seeds.max[2]; z++) {
    for (let x0 = queries.min[0]; x0 <= queries.max[0]; x0 += BLOCK) {
      const width = Math.min(BLOCK, queries.max[0] - x0 + 1);
      const start = x0 + z * plane;
      gatherLines(field, start + y0 * px, px, n, width, block);
      for (let b = 0; b < width; b++) {
        const out = b * m;
        if (buildEnvelope(envelope, block, b * n, n, sy) === 0) {
          // A slice between seed slices that holds none: no finite distance yet in this column.
          transformed.fill(Number.POSITIVE_INFINITY, out, out + m);
          continue;
        }
        let k = 0;
        for (let y = qy0; y <= qy1; y++) {
          const at = (y - y0) * sy;
          while (bounds[k + 1]! < at) k++;
          const d = at - vertex[k]!;
          transformed[out + y - qy0] = d * d + height[k]!;
        }
      }
      scatterLines(transformed, m, width, field, start + qy0 * px, px);
    }
  }
}

/** The query voxels grouped by (x, y) column: column c's z indices are z[first[c] … first[c + 1] − 1], ascending. */
function byColumn(queries: Surface, plane: number): { first: Int32Array; z: Int32Array } {
  const { voxels } = queries;
  const first = new Int32Array(plane + 1);
  for (let i = 0; i < voxels.length; i++) first[(voxels[i]! % plane) + 1]!++;
  for (let c = 0; c < plane; c++) first[c + 1]! += first[c]!;
  const cursor = first.slice(0, plane);
  const z = new Int32Array(voxels.length);
  // The list is ascending, so each column receives its voxels in ascending z.
  for (let i = 0; i < voxels.length; i++) {
    const column = voxels[i]! % plane;
    z[cursor[column]!++] = (voxels[i]! - column) / plane;
  }
  return { first, z };
}

/**
 * Along z, for each (x, y) column holding a query voxel: the envelope over the seed box's slices, read
 * at the query voxels; their distances (mm) are written to `out` from index `from` on, in column
 * order. Returns the index after the last one written.
 */
function depthPass(
  field: Float64Array,
  scratch: DistanceScratch,
  px: number,
  plane: number,
  seeds: VoxelBox,
  queries: Surface,
  sz: number,
  out: Float64Array,
  from: number,
): number {
  const { envelope, block } = scratch;
  const { bounds, vertex, height } = envelope;
  const { first, z: queryZ } = byColumn(queries, plane);
  const box = queries.box!;
  const z0 = seeds.min[2];
  const n = seeds.max[2] - z0 + 1;
  let count = from;
  for (let y = box.min[1]; y <= box.max[1]; y++) {
    for (let x0 = box.min[0]; x0 <= box.max[0]; x0 += BLOCK) {
      const width = Math.min(BLOCK, box.max[0] - x0 + 1);
      const column0 = x0 + y * px;
      if (first[column0 + width] === first[column0]) continue;
      gatherLines(field, column0 + z0 * plane, plane, n, width, block);
      for (let b = 0; b < width; b++) {
        const column = column0 + b;
        if (first[column + 1] === first[column]) continue;
        // Every query column lies in the query box, whose rows the column pass wrote from at least
        // one finite row, so the envelope is never empty.
        buildEnvelope(envelope, block, b * n, n, sz);
        let k = 0;
        for (let j = first[column]!; j < first[column + 1]!; j++) {
          const at = (queryZ[j]! - z0) * sz;
          while (bounds[k + 1]! < at) k++;
          const d = at - vertex[k]!;
          out[count++] = Math.sqrt(d * d + height[k]!);
        }
      }
    }
  }
  return count;
}

/** Padded-box voxel indices as a Surface, with the box they span. */
function surfaceOf(voxels: Int32Array, px: number, plane: number): Surface {
  if (voxels.length === 0) return { voxels, box: null };
  const min = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const max = [-1, -1, -1];
  for (let i = 0; i < voxels.length; i++) {
    const v = voxels[i]!;
    const at = [v % px, Math.floor((v % plane) / px), Math.floor(v / plane)];
    for (let a = 0; a < 3; a++) {
      if (at[a]! < min[a]!) min[a] = at[a]!;
      if (at[a]! > max[a]!) max[a] = at[a]!;
    }
  }
  return { voxels, box: { min: [min[0]!, min[1]!, min[2]!], max: [max[0]!, max[1]!, max[2]!] } };
}

/**
 * For each surface voxel of one mask (`from`), the distance in mm between its centre and the nearest
 * surface voxel centre of the other mask; both surfaces must be non-empty. In no particular order.
 * Without `nearby`, every distance comes from the transform. `scratch.current` is the transform's
 * buffer, reused when big enough and replaced otherwise.
 */
export function directedSurfaceDistances(
  surfaces: PairSurfaces,
  from: 'ref' | 'test',
  spacing: readonly [number, number, number],
  scratch: { current?: DistanceScratch },
  nearby?: NearbySearch,
): Float64Array {
  const queries = from === 'ref' ? surfaces.ref : surfaces.test;
  const seeds = from === 'ref' ? surfaces.test : surfaces.ref;
  if (!seeds.box || !queries.box) throw new Error('directedSurfaceDistances needs two non-empty surfaces');
  const [px, py] = surfaces.dims;
  const plane = px * py;
  const out = new Float64Array(queries.voxels.length);
  let rest = queries;
  let count = 0;
  if (nearby) {
    const seedBit = from === 'ref' ? TEST_SURFACE : REF_SURFACE;
    const found = searchNearby(surfaces.codes, queries.voxels, seedBit, nearby, out);
    count = found.count;
    rest = surfaceOf(found.unresolved, px, plane);
  }
  if (!rest.box) return out;
  // Allocated only when the transform runs: often the nearby search resolves every voxel.
  const buffers = scratchFor(surfaces, scratch.current);
  scratch.current = buffers;
  const { field } = buffers;
  rowPass(field, px, plane, seeds, rest.box, spacing[0]);
  columnPass(field, buffers, px, plane, seeds.box, rest.box, spacing[1]);
  const written = depthPass(field, buffers, px, plane, seeds.box, rest, spacing[2], out, count);
  if (written !== out.length) throw new Error(`found ${written} of ${out.length} surface voxels`);
  return out;
}
