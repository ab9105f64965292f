/** Three integers, one per index axis (x, y, z). */
export type Index3 = readonly [number, number, number];

/** An axis-aligned box of voxel indices, both corners included. */
export interface VoxelBox {
  readonly min: Index3;
  readonly max: Index3;
}

/** The box's size along each axis, in voxels. */
export function boxDims(box: VoxelBox): Index3 {
  return [box.max[0] - box.min[0] + 1, box.max[1] - box.min[1] + 1, box.max[2] - box.min[2] + 1];
}
