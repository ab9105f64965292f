import { type ImageGeometry, lpsAffine } from '@voxelhub/core';
import { type LabelMap, labelMapOntoGrid } from '@voxelhub/core/segmentation';
import type { MaskFile } from './metrics-mask-file.js';

/** The test mask as it lies on the reference grid. */
export interface TestOnReference {
  readonly voxels: Uint8Array | Uint16Array;
  /** False when both files share one grid and the voxels are the test file's own. */
  readonly resampled: boolean;
  /** Reference voxels whose centre lies inside the test grid (all of them when not resampled). */
  readonly coveredVoxels: number;
}

// Grids whose affines agree to 1e-4 (mm for the origin, unit-free for direction × spacing) are one
// grid: more than the rounding of NIfTI's float32 fields and DICOM's DS strings, far less than a voxel.
const SAME_GRID_TOLERANCE = 1e-4;

export function sameGrid(a: ImageGeometry, b: ImageGeometry): boolean {
  if (!a.dims.every((d, i) => d === b.dims[i])) return false;
  const pa = lpsAffine(a);
  const pb = lpsAffine(b);
  return pa.every((v, i) => Math.abs(v - pb[i]!) <= SAME_GRID_TOLERANCE);
}

function countSet(voxels: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < voxels.length; i++) if (voxels[i] !== 0) n++;
  return n;
}

/**
 * The test label map on the reference grid: as it is when the grids agree, else resampled by nearest
 * voxel in patient space (labelMapOntoGrid); reference voxels outside the test grid are background.
 */
export function testOnReferenceGrid(reference: MaskFile, test: MaskFile): TestOnReference {
  if (sameGrid(reference.geometry, test.geometry)) {
    return { voxels: test.map.voxels, resampled: false, coveredVoxels: test.map.voxels.length };
  }
  const onReference = labelMapOntoGrid(test.map, test.geometry, reference.geometry);
  // The same resampling of a map that is 1 everywhere tells which reference voxels the test grid covers.
  const everywhere: LabelMap = {
    dims: test.map.dims,
    voxels: new Uint8Array(test.map.voxels.length).fill(1),
  };
  const covered = labelMapOntoGrid(everywhere, test.geometry, reference.geometry);
  return { voxels: onReference.voxels, resampled: true, coveredVoxels: countSet(covered.voxels) };
}
