import { reachableInSlice, reachableInVolume } from './border-reachable.js';
import { assertSegmentNumber, assertValidLabelMap, type LabelMap } from './label-map.js';
import { slicesWithSegment } from './segment-slices.js';

export interface FillHolesOptions {
  /** '2d' (default): each k-slice on its own, 4-connected. '3d': the whole volume, 6-connected. */
  mode?: '2d' | '3d';
  /** In '2d' mode, only this k-slice; default every slice. */
  slice?: number;
}

/** Gives `segment` the background voxels of a block that `reached` does not mark; returns how many. */
function fillUnreached(map: LabelMap, segment: number, reached: Uint8Array, base: number): number {
  const voxels = map.voxels;
  let filled = 0;
  for (let p = 0; p < reached.length; p++) {
    if (reached[p] === 0 && voxels[base + p] === 0) {
      voxels[base + p] = segment;
      filled++;
    }
  }
  return filled;
}

/** The slices to work on; a slice without the segment has no holes of it, so it is skipped. */
function slicesToFill(map: LabelMap, segment: number, slice: number | undefined): number[] {
  const withSegment = slicesWithSegment(map, segment);
  if (slice === undefined) return withSegment;
  const nz = map.dims[2];
  if (!Number.isInteger(slice) || slice < 0 || slice >= nz) {
    throw new RangeError(`slice must be an integer from 0 to ${nz - 1}, not ${slice}`);
  }
  return withSegment.includes(slice) ? [slice] : [];
}

/**
 * Fills the holes of `segment`, in place: background voxels it encloses — those not reachable from
 * the border through voxels of other labels — become `segment`. Voxels of other segments are never
 * changed (an island of segment 2 inside a ring of segment 1 stays 2; the background around it is
 * filled). Returns the number of voxels filled.
 */
export function fillHoles(map: LabelMap, segment: number, options: FillHolesOptions = {}): number {
  assertValidLabelMap(map);
  assertSegmentNumber(map, segment);
  const mode = options.mode ?? '2d';
  if (mode !== '2d' && mode !== '3d') throw new RangeError(`mode must be '2d' or '3d', not ${mode}`);
  if (mode === '3d') {
    if (options.slice !== undefined) throw new RangeError("slice applies to mode '2d' only");
    return fillUnreached(map, segment, reachableInVolume(map, segment), 0);
  }
  const plane = map.dims[0] * map.dims[1];
  let filled = 0;
  for (const k of slicesToFill(map, segment, options.slice)) {
    filled += fillUnreached(map, segment, reachableInSlice(map, segment, k), k * plane);
  }
  return filled;
}
