import {
  buildEnvelope,
  type ParabolaEnvelope,
  parabolaEnvelope,
  writeEnvelope,
} from '../distance-transform/parabola-envelope.js';
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

/** One line along an axis: gathered, enveloped over its finite samples, written back (+∞ stays +∞). */
function transformLine(
  f: Float64Array,
  start: number,
  stride: number,
  n: number,
  s: number,
  envelope: ParabolaEnvelope,
): void {
  const { samples } = envelope;
  for (let q = 0; q < n; q++) samples[q] = f[start + q * stride]!;
  if (buildEnvelope(envelope, samples, 0, n, s) > 0)
    writeEnvelope(envelope, s, 0, 0, n - 1, f, start, stride);
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
      for (let x = 0; x < bx; x++) f[to + x] = seeds[from + x] !== 0 ? 0 : Number.POSITIVE_INFINITY;
    }
  }
  const scratch = parabolaEnvelope(Math.max(bx, by, bz));
  for (let z = 0; z < bz; z++)
    for (let y = 0; y < by; y++) transformLine(f, (y + z * by) * bx, 1, bx, spacing[0], scratch);
  for (let z = 0; z < bz; z++)
    for (let x = 0; x < bx; x++) transformLine(f, x + z * bx * by, bx, by, spacing[1], scratch);
  for (let y = 0; y < by; y++)
    for (let x = 0; x < bx; x++) transformLine(f, x + y * bx, bx * by, bz, spacing[2], scratch);
  return f;
}
