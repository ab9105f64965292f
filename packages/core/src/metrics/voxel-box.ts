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

/** The smallest box holding every set voxel of a mask (x fastest), or null when none is set. */
export function maskBox(mask: Uint8Array, dims: Index3): VoxelBox | null {
  const [nx, ny] = dims;
  const min = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const max = [-1, -1, -1];
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    const at = [x, y, z];
    for (let a = 0; a < 3; a++) {
      if (at[a]! < min[a]!) min[a] = at[a]!;
      if (at[a]! > max[a]!) max[a] = at[a]!;
    }
  }
  if (max[0] === -1) return null;
  return { min: [min[0]!, min[1]!, min[2]!], max: [max[0]!, max[1]!, max[2]!] };
}

export function unionBox(a: VoxelBox, b: VoxelBox): VoxelBox {
  return {
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}
