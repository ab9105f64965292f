import { cache, type Types } from '@cornerstonejs/core';
import type { LabelMap } from '@voxelhub/core/segmentation';
import { labelMapFromSlices, sliceOfLabelMap } from './labelmap-slices.js';
import { countSegmentVoxels } from './segment-voxel-counts.js';

/**
 * The voxel managers of a stack segmentation's labelmap images, in stack order. Through them, not the
 * images' arrays: a labelmap image may be kept run-length encoded (Cornerstone's RLE representation),
 * whose array is a one-voxel placeholder.
 */
function voxelManagersOf(labelmapImageIds: readonly string[]): Types.IVoxelManager<number>[] {
  return labelmapImageIds.map((id) => {
    const image = cache.getImage(id);
    if (!image?.voxelManager) throw new Error(`the labelmap image ${id} is not in Cornerstone's cache`);
    return image.voxelManager as Types.IVoxelManager<number>;
  });
}

const slicesOf = (labelmapImageIds: readonly string[]) =>
  voxelManagersOf(labelmapImageIds).map((v) => v.getScalarData() as ArrayLike<number>);

/** A copy of the mask: stack image k is slice k. */
export function readLabelMap(labelmapImageIds: readonly string[], columns: number, rows: number): LabelMap {
  return labelMapFromSlices(slicesOf(labelmapImageIds), columns, rows);
}

/** Writes each slice of `map` into the labelmap image at the same stack index (the caller re-renders). */
export function writeLabelMap(labelmapImageIds: readonly string[], map: LabelMap): void {
  const managers = voxelManagersOf(labelmapImageIds);
  if (managers.length !== map.dims[2])
    throw new Error(`the label map has ${map.dims[2]} slices, the stack ${managers.length}`);
  managers.forEach((manager, k) => {
    manager.setFromScalarData(sliceOfLabelMap(map, k));
  });
}

/** Voxels per segment value over the labelmap images. */
export function countLabelmapVoxels(labelmapImageIds: readonly string[]): Map<number, number> {
  return countSegmentVoxels(slicesOf(labelmapImageIds));
}
