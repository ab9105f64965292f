import { ImageReadError } from '../errors/image-read-error.js';
import type { Vec3 } from '../geometry/vector.js';
import type { NiftiHeader } from './nifti-header.js';

export interface NiftiShape {
  readonly dims: Vec3;
  readonly timepoints: number;
  /** Voxels in the file (all timepoints); a safe integer. */
  readonly voxels: number;
  /** dim[1..dim[0]] when dims 5–7 were folded into timepoints, for meta. */
  readonly folded?: readonly number[];
}

/** CIFTI-2 files are NIfTI-2 headers over brainordinate matrices, not voxel grids (intent 3000–3099). */
const isCifti = (intentCode: number) => intentCode >= 3000 && intentCode < 3100;

/**
 * The grid and timepoints of a header. dim[4] is time; dims 5–7 (vector, tensor or echo components)
 * are folded into timepoints in file order, which keeps the voxel layout. A header whose spatial
 * grid is one voxel but has dims 5–7, or a CIFTI intent, is a data matrix, not an image: refused.
 * The voxel count is capped at 2^53 before anything is allocated.
 */
export function niftiShape(header: NiftiHeader): NiftiShape {
  const rank = header.dim[0]!;
  const size = (i: number) => (i <= rank ? header.dim[i]! : 1);
  const dims: Vec3 = [size(1), size(2), size(3)];
  const extra = size(5) * size(6) * size(7);
  let voxels = 1;
  for (let i = 1; i <= rank; i++) {
    voxels *= size(i);
    if (!Number.isSafeInteger(voxels)) {
      throw new ImageReadError(
        'LIMIT_EXCEEDED',
        `NIfTI dims ${header.dim.slice(1, rank + 1).join('×')} are too large`,
      );
    }
  }
  if (extra > 1 && (isCifti(header.intentCode) || dims[0] * dims[1] * dims[2] === 1)) {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      `NIfTI dims ${header.dim.slice(1, rank + 1).join('×')} (intent ${header.intentCode}) hold a data matrix, not an image`,
    );
  }
  const timepoints = size(4) * extra;
  return extra > 1
    ? { dims, timepoints, voxels, folded: header.dim.slice(1, rank + 1) }
    : { dims, timepoints, voxels };
}
