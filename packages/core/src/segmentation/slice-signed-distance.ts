import type { LabelMap } from './label-map.js';
import { squaredDistanceTransform } from './squared-distance-transform.js';

/**
 * The signed distance (pixels) of each pixel of k-slice `k` to `segment`: outside, the distance to the
 * nearest pixel centre of the segment; inside, minus the distance to the nearest centre outside it.
 * So |value| ≥ 1 everywhere, and the sign alone gives back the slice. (Measuring from pixel edges
 * instead, ±0.5, would bias a blend towards the farther slice's shape by up to half a pixel.) A slice
 * filled entirely by the segment is about −1e10 everywhere ("deep inside").
 */
export function sliceSignedDistance(map: LabelMap, segment: number, k: number): Float32Array {
  const [nx, ny] = map.dims;
  const base = k * nx * ny;
  const voxels = map.voxels;
  const inside = (p: number): boolean => voxels[base + p] === segment;
  const toInside = squaredDistanceTransform(nx, ny, inside);
  const toOutside = squaredDistanceTransform(nx, ny, (p) => !inside(p));
  const signed = new Float32Array(nx * ny);
  for (let p = 0; p < signed.length; p++) {
    signed[p] = inside(p) ? -Math.sqrt(toOutside[p]!) : Math.sqrt(toInside[p]!);
  }
  return signed;
}
