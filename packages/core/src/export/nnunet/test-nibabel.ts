import type { ImageGeometry } from '../../volume/image-volume.js';

/**
 * For the tests: what nibabel (an independent NIfTI implementation) reads from image/label pairs given
 * as argv (label '-' for none), as JSON: shapes, dtypes, affines, whether the two affines agree
 * (np.allclose), and the voxels in x-fastest order.
 */
export const NIBABEL_READS = `
import json, sys
import nibabel as nib, numpy as np
out = []
for image_path, label_path in zip(sys.argv[1::2], sys.argv[2::2]):
    img = nib.load(image_path)
    data = np.asanyarray(img.dataobj)
    row = {'shape': list(data.shape), 'dtype': str(data.dtype), 'affine': img.affine.tolist(),
           'data': data.flatten(order='F').tolist()}
    if label_path != '-':
        lab = nib.load(label_path)
        labels = np.asanyarray(lab.dataobj)
        row.update({'label_shape': list(labels.shape), 'label_dtype': str(labels.dtype),
                    'same_affine': bool(np.allclose(img.affine, lab.affine)),
                    'labels': labels.flatten(order='F').tolist()})
    out.append(row)
print(json.dumps(out))
`;

export interface NibabelRead {
  shape: number[];
  dtype: string;
  affine: number[][];
  data: number[];
  label_shape?: number[];
  label_dtype?: string;
  same_affine?: boolean;
  labels?: number[];
}

/**
 * The RAS affine NIfTI should hold, from the definitions: voxel (i, j, k) sits at
 * origin + direction·diag(spacing)·(i, j, k) in LPS, and RAS negates the x and y rows.
 */
export function rasAffineOf(g: ImageGeometry): number[][] {
  return [
    ...[0, 1, 2].map((r) => {
      const flip = r < 2 ? -1 : 1;
      return [...[0, 1, 2].map((c) => flip * g.direction[r * 3 + c]! * g.spacing[c]!), flip * g.origin[r]!];
    }),
    [0, 0, 0, 1],
  ];
}

/** The largest elementwise difference of two 4×4 matrices. */
export function maxDifference(a: readonly number[][], b: readonly number[][]): number {
  return Math.max(...a.flatMap((row, r) => row.map((v, c) => Math.abs(v - b[r]![c]!))));
}
