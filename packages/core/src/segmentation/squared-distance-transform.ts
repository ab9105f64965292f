/**
 * The exact squared Euclidean distance transform of Felzenszwalb and Huttenlocher ("Distance
 * Transforms of Sampled Functions", Theory of Computing 8, 2012): a 1D lower envelope of parabolas
 * along x, then along y, linear in the number of pixels.
 *
 * The line transform is shared with metrics/ (distance-transform/transform-line.ts).
 */
import { envelopeFor, transformLine } from '../distance-transform/transform-line.js';

/** Stands for "no seed on this line yet"; finite so the envelope's arithmetic stays free of NaN. */
const FAR = 1e20;

/**
 * For each pixel of an nx × ny grid (x fastest), the squared distance in pixels to the nearest pixel
 * where `isSeed` is true; FAR (1e20) or more where the grid has no seed at all.
 */
export function squaredDistanceTransform(
  nx: number,
  ny: number,
  isSeed: (pixel: number) => boolean,
): Float64Array {
  const f = new Float64Array(nx * ny);
  for (let p = 0; p < f.length; p++) f[p] = isSeed(p) ? 0 : FAR;
  const scratch = envelopeFor(Math.max(nx, ny));
  for (let j = 0; j < ny; j++) transformLine(f, j * nx, 1, nx, 1, scratch);
  for (let i = 0; i < nx; i++) transformLine(f, i, nx, ny, 1, scratch);
  return f;
}
