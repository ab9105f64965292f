/**
 * The fields of a NIfTI-1 or NIfTI-2 header, as numbers and strings whatever the version stored
 * (NIfTI-1 keeps float32 and int16 where NIfTI-2 keeps float64 and int64). Names follow nifti1.h.
 */
export interface NiftiHeader {
  readonly version: 1 | 2;
  /** Byte order of the file (NIfTI-1 files from SPM and Analyze-era tools may be big-endian). */
  readonly littleEndian: boolean;
  /** sizeof_hdr: 348 (NIfTI-1) or 540 (NIfTI-2). */
  readonly headerSize: 348 | 540;
  /** Magic n+1/n+2: header and voxels in one .nii; ni1/ni2: a .hdr whose voxels are in a .img. */
  readonly singleFile: boolean;
  /** dim[0..7]: dim[0] is the number of dimensions, dim[1..] their sizes. */
  readonly dim: readonly number[];
  /** pixdim[0..7]: pixdim[0] is qfac, pixdim[1..3] voxel size, pixdim[4] the time step. */
  readonly pixdim: readonly number[];
  readonly datatype: number;
  readonly bitpix: number;
  /** Byte offset of the voxels in the .nii (or the .img of a pair). */
  readonly voxOffset: number;
  readonly sclSlope: number;
  readonly sclInter: number;
  readonly calMin: number;
  readonly calMax: number;
  readonly intentCode: number;
  readonly intentName: string;
  readonly intentParams: readonly [number, number, number];
  /** Spatial unit in bits 0–2, time unit in bits 3–5. */
  readonly xyztUnits: number;
  readonly dimInfo: number;
  readonly sliceCode: number;
  readonly sliceStart: number;
  readonly sliceEnd: number;
  readonly sliceDuration: number;
  readonly toffset: number;
  readonly descrip: string;
  readonly auxFile: string;
  readonly qformCode: number;
  readonly sformCode: number;
  /** quatern_b, quatern_c, quatern_d. */
  readonly quatern: readonly [number, number, number];
  /** qoffset_x, qoffset_y, qoffset_z (RAS, mm). */
  readonly qoffset: readonly [number, number, number];
  /** srow_x, srow_y, srow_z concatenated: a 3×4 row-major voxel→RAS affine. */
  readonly srow: readonly number[];
}

/** Bytes of a .nii before the voxels when there are no extensions: header plus the 4-byte extender. */
export function minimumVoxOffset(version: 1 | 2): number {
  return version === 1 ? 352 : 544;
}
