import { assertSegmentNumber, assertValidLabelMap, type LabelMap } from './label-map.js';
import { slicesWithSegment } from './segment-slices.js';
import { sliceSignedDistance } from './slice-signed-distance.js';

export interface SliceInterpolation {
  /** The k-slices that received at least one voxel, ascending. */
  readonly filledSlices: number[];
  /** Voxels written in all. */
  readonly voxels: number;
}

/**
 * Writes `segment` into the background voxels of slice k where the blend of the two bounding slices'
 * signed distances, weighted linearly by k, is ≤ 0. Returns the voxels written.
 */
function fillBlend(
  map: LabelMap,
  segment: number,
  k: number,
  t: number,
  from: Float32Array,
  to: Float32Array,
) {
  const base = k * map.dims[0] * map.dims[1];
  const voxels = map.voxels;
  let written = 0;
  for (let p = 0; p < from.length; p++) {
    if (voxels[base + p] === 0 && (1 - t) * from[p]! + t * to[p]! <= 0) {
      voxels[base + p] = segment;
      written++;
    }
  }
  return written;
}

/**
 * Shape-based interpolation (Raya and Udupa 1990; Herman et al. 1992), in place: between each pair of
 * consecutive k-slices that hold `segment` with slices between them that do not, each slice between
 * gets the outline that the signed distance maps of the pair, blended linearly by k, put there. Works
 * in index space (a slice is a slice whatever the spacing), and only writes voxels that are 0, so
 * other segments are never overwritten.
 */
export function interpolateBetweenSlices(map: LabelMap, segment: number): SliceInterpolation {
  assertValidLabelMap(map);
  assertSegmentNumber(map, segment);
  const drawn = slicesWithSegment(map, segment);
  const filledSlices: number[] = [];
  let voxels = 0;
  let lower: Float32Array | undefined;
  for (let n = 1; n < drawn.length; n++) {
    const [a, b] = [drawn[n - 1]!, drawn[n]!];
    if (b - a < 2) {
      lower = undefined;
      continue;
    }
    // Each drawn slice's distances are computed once: slice b's become the next gap's lower bound.
    const from = lower ?? sliceSignedDistance(map, segment, a);
    const to = sliceSignedDistance(map, segment, b);
    for (let k = a + 1; k < b; k++) {
      const written = fillBlend(map, segment, k, (k - a) / (b - a), from, to);
      if (written > 0) filledSlices.push(k);
      voxels += written;
    }
    lower = to;
  }
  return { filledSlices, voxels };
}
