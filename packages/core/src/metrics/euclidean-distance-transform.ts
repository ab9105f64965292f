import { boxDims, type Index3, type VoxelBox } from './voxel-box.js';

/**
 * The exact squared Euclidean distance transform of Felzenszwalb and Huttenlocher ("Distance
 * Transforms of Sampled Functions", Theory of Computing 8, 2012) in 3D with anisotropic voxels: a 1D
 * lower envelope of parabolas along x, then y, then z, with parabolas placed at each voxel centre's
 * position in mm. Linear in the number of voxels.
 *
 * Written here rather than imported: no maintained JS library computes an exact EDT with anisotropic
 * spacing on plain typed arrays (npm offers ndarray wrappers, chamfer approximations or abandoned
 * isotropic 2D code), and the algorithm is short and checked against brute force in the tests.
 * (segmentation/squared-distance-transform.ts is the isotropic 2D variant for the slice editor.)
 */

/** Stands for "no seed on this line yet"; finite so the envelope's arithmetic stays free of NaN. */
const FAR = 1e300;

interface Envelope {
  readonly parabolas: Int32Array;
  readonly bounds: Float64Array;
  readonly line: Float64Array;
}

function envelopeFor(length: number): Envelope {
  return {
    parabolas: new Int32Array(length),
    bounds: new Float64Array(length + 1),
    line: new Float64Array(length),
  };
}

/**
 * Replaces f[start + q·stride] (q < n) by min over p of (s·(q − p))² + f(p), where s is the spacing in
 * mm along this line; bounds (z) are positions in mm.
 */
function transformLine(
  f: Float64Array,
  start: number,
  stride: number,
  n: number,
  s: number,
  scratch: Envelope,
): void {
  const { parabolas: v, bounds: z, line } = scratch;
  for (let q = 0; q < n; q++) line[q] = f[start + q * stride]!;
  let k = 0;
  v[0] = 0;
  z[0] = Number.NEGATIVE_INFINITY;
  z[1] = Number.POSITIVE_INFINITY;
  // Where (in mm) the parabola rooted at q overtakes the one rooted at p.
  const crossing = (q: number, p: number): number => {
    const xq = q * s;
    const xp = p * s;
    return (line[q]! + xq * xq - (line[p]! + xp * xp)) / (2 * (xq - xp));
  };
  for (let q = 1; q < n; q++) {
    let c = crossing(q, v[k]!);
    // Drop the parabolas the new one hides entirely; z[0] = −∞ stops this at the first.
    while (c <= z[k]!) {
      k--;
      c = crossing(q, v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = c;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    const x = q * s;
    while (z[k + 1]! < x) k++;
    const p = v[k]!;
    const d = (q - p) * s;
    f[start + q * stride] = d * d + line[p]!;
  }
}

/**
 * For each voxel of `box` (a sub-grid of an image of `dims`, x fastest), the squared distance in mm²
 * between its centre and the nearest centre of a voxel where `seeds` is non-zero; +∞ when the box
 * holds no seed. Exact for every voxel of the box provided every seed of the image lies inside it
 * (seeds outside are ignored). Output is indexed x + y·bx + z·bx·by in the box's own dimensions.
 */
export function squaredEuclideanDistanceTransform(
  seeds: Uint8Array,
  dims: Index3,
  spacing: readonly [number, number, number],
  box: VoxelBox,
): Float64Array {
  const [bx, by, bz] = boxDims(box);
  const [nx, ny] = dims;
  const f = new Float64Array(bx * by * bz);
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const from = box.min[0] + (box.min[1] + y) * nx + (box.min[2] + z) * nx * ny;
      const to = (y + z * by) * bx;
      for (let x = 0; x < bx; x++) f[to + x] = seeds[from + x] !== 0 ? 0 : FAR;
    }
  }
  const scratch = envelopeFor(Math.max(bx, by, bz));
  for (let z = 0; z < bz; z++)
    for (let y = 0; y < by; y++) transformLine(f, (y + z * by) * bx, 1, bx, spacing[0], scratch);
  for (let z = 0; z < bz; z++)
    for (let x = 0; x < bx; x++) transformLine(f, x + z * bx * by, bx, by, spacing[1], scratch);
  for (let y = 0; y < by; y++)
    for (let x = 0; x < bx; x++) transformLine(f, x + y * bx, bx * by, bz, spacing[2], scratch);
  for (let i = 0; i < f.length; i++) if (f[i]! >= FAR) f[i] = Number.POSITIVE_INFINITY;
  return f;
}
