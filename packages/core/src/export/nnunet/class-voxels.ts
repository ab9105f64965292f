import type { LabelMap } from '../../segmentation/label-map.js';
import type { SegmentationClass } from './segmentation-classes.js';

/**
 * The label map's voxels with each classIndex replaced by its class value (identity when the classes
 * are already 1…n), uint8 when the classes fit, else uint16. A voxel holding no class's classIndex is
 * a RangeError naming `caseName`: writing it would hand nnU-Net a class its dataset.json does not list.
 */
export function classVoxels(
  map: LabelMap,
  classes: readonly SegmentationClass[],
  caseName: string,
): Uint8Array | Uint16Array {
  const classValueOf = new Int32Array(0x10000).fill(-1);
  classValueOf[0] = 0;
  for (const c of classes) classValueOf[c.classIndex] = c.value;
  const out = classes.length <= 0xff ? new Uint8Array(map.voxels.length) : new Uint16Array(map.voxels.length);
  for (let n = 0; n < map.voxels.length; n++) {
    const value = classValueOf[map.voxels[n]!]!;
    if (value < 0) {
      throw new RangeError(
        `the label map of ${caseName} holds ${map.voxels[n]}, the classIndex of no class label`,
      );
    }
    out[n] = value;
  }
  return out;
}
