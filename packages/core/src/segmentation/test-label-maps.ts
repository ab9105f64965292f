import type { LabelMap } from './label-map.js';

/** Shapes for the segmentation tests, drawn voxel by voxel so each test says what it builds. */

type Dims = readonly [number, number, number];

export function emptyLabelMap(dims: Dims, type: 'uint8' | 'uint16' = 'uint8'): LabelMap {
  const length = dims[0] * dims[1] * dims[2];
  return { dims, voxels: type === 'uint8' ? new Uint8Array(length) : new Uint16Array(length) };
}

/** Sets `segment` on every voxel (i, j, k) where `inside` holds. */
export function paint(
  map: LabelMap,
  segment: number,
  inside: (i: number, j: number, k: number) => boolean,
): void {
  const [nx, ny, nz] = map.dims;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) if (inside(i, j, k)) map.voxels[i + nx * (j + ny * k)] = segment;
    }
  }
}

/** Voxels of `segment`, in slice k or in the whole map. */
export function countOf(map: LabelMap, segment: number, k?: number): number {
  const plane = map.dims[0] * map.dims[1];
  const voxels = k === undefined ? map.voxels : map.voxels.subarray(k * plane, (k + 1) * plane);
  let count = 0;
  for (const v of voxels) if (v === segment) count++;
  return count;
}

export function labelAt(map: LabelMap, i: number, j: number, k: number): number {
  return map.voxels[i + map.dims[0] * (j + map.dims[1] * k)]!;
}
