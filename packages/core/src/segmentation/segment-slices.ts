import type { LabelMap } from './label-map.js';

/** The k-slices that hold at least one voxel of `segment`, ascending. */
export function slicesWithSegment(map: LabelMap, segment: number): number[] {
  const plane = map.dims[0] * map.dims[1];
  const voxels = map.voxels;
  const slices: number[] = [];
  for (let k = 0; k < map.dims[2]; k++) {
    const start = k * plane;
    // subarray + indexOf runs natively, far faster than a loop over a 512×512 slice.
    if (voxels.subarray(start, start + plane).indexOf(segment) !== -1) slices.push(k);
  }
  return slices;
}
