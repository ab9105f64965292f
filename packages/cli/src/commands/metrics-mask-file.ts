import { type ImageGeometry, ImageReadError, isGzip, readDicomSeg, type SegSegment } from '@voxelhub/core';
import { readWholeFile } from '@voxelhub/core/node';
import { type LabelMap, labelMapFromNifti } from '@voxelhub/core/segmentation';

/** A mask file as `voxelhub metrics` compares it: a label map on a grid in patient space (LPS). */
export interface MaskFile {
  readonly path: string;
  readonly format: 'NIfTI' | 'DICOM SEG';
  readonly map: LabelMap;
  readonly geometry: ImageGeometry;
  /** DICOM SEG: the segments it defines, whose numbers are the labels. */
  readonly segments?: readonly SegSegment[];
  readonly warnings: readonly string[];
}

/** NIfTI-1 and NIfTI-2 begin with sizeof_hdr 348 or 540, in either byte order. */
function hasNiftiHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  return [348, 540].some((size) => view.getInt32(0, true) === size || view.getInt32(0, false) === size);
}

function looksLikeNifti(path: string, bytes: Uint8Array): boolean {
  return /\.nii(\.gz)?$/i.test(path) || isGzip(bytes) || hasNiftiHeader(bytes);
}

function readNiftiMask(path: string, bytes: Uint8Array): MaskFile {
  try {
    const { map, geometry } = labelMapFromNifti(bytes);
    return { path, format: 'NIfTI', map, geometry, warnings: [] };
  } catch (error) {
    throw error instanceof ImageReadError ? error.withFile(path) : error;
  }
}

async function readSegMask(path: string, bytes: Uint8Array): Promise<MaskFile> {
  try {
    const seg = await readDicomSeg(bytes, { name: path });
    const warnings = [...seg.warnings];
    if (seg.overlappingVoxels > 0) {
      warnings.push(
        `${seg.overlappingVoxels} voxels belong to more than one segment; each counts for the highest segment number only`,
      );
    }
    return {
      path,
      format: 'DICOM SEG',
      map: { dims: seg.dims, voxels: seg.labelMap },
      geometry: seg.geometry,
      segments: seg.segments,
      warnings,
    };
  } catch (error) {
    if (error instanceof ImageReadError && error.code === 'NOT_DICOM') {
      throw new ImageReadError(
        'NOT_DICOM',
        'neither NIfTI (.nii, .nii.gz) nor DICOM: metrics compares NIfTI label maps and DICOM SEG files',
        path,
      );
    }
    throw error;
  }
}

/**
 * Reads a NIfTI label map (.nii, .nii.gz, told by name or content) or a DICOM SEG. Failures are
 * ImageReadErrors naming the file.
 */
export async function readMaskFile(path: string): Promise<MaskFile> {
  const bytes = await readWholeFile(path);
  return looksLikeNifti(path, bytes) ? readNiftiMask(path, bytes) : readSegMask(path, bytes);
}
