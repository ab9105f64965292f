import { assertValidLabelMap, type LabelMap } from './label-map.js';

/** How many voxels each segment has, in ascending segment order; background (0) and absent segments are left out. */
export function segmentVoxelCounts(map: LabelMap): Map<number, number> {
  assertValidLabelMap(map);
  // A dense tally is one pass with no hashing; 65536 slots covers every Uint16 label.
  const tally = new Float64Array(map.voxels instanceof Uint8Array ? 0x100 : 0x10000);
  for (const label of map.voxels) tally[label]!++;
  const counts = new Map<number, number>();
  for (let segment = 1; segment < tally.length; segment++) {
    if (tally[segment]! > 0) counts.set(segment, tally[segment]!);
  }
  return counts;
}
