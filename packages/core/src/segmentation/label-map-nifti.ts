import { gzipSync } from 'fflate';
import { ImageReadError } from '../errors/image-read-error.js';
// The narrow modules, not ../nifti/index.js: this file ships in the browser bundle (fflate is its
// only package; Node's zlib stays under src/node).
import { readNifti } from '../nifti/read-nifti.js';
import { writeNifti } from '../nifti/write-nifti.js';
import type { VoxelArray } from '../volume/data-type.js';
import type { ImageGeometry, ImageVolume } from '../volume/image-volume.js';
import { assertValidLabelMap, type LabelMap } from './label-map.js';

/** NIFTI_INTENT_LABEL: "the value at each voxel is an index into some set of labels". */
const NIFTI_INTENT_LABEL = 1002;

export interface LabelMapNiftiOptions {
  /** gzip the file (.nii.gz); default false. */
  gzip?: boolean;
}

/**
 * A single-file NIfTI-1 (NIfTI-2 past 32767 voxels along an axis) of a label map, uint8 or uint16 as
 * its voxels are, intent code NIFTI_INTENT_LABEL. `geometry` places it: sform exact and qform from the
 * direction, both RAS as NIfTI wants (core's writer negates the LPS x and y).
 */
export function labelMapToNifti(
  map: LabelMap,
  geometry: ImageGeometry,
  options: LabelMapNiftiOptions = {},
): Uint8Array {
  assertValidLabelMap(map);
  if (!geometry.dims.every((d, axis) => d === map.dims[axis])) {
    throw new RangeError(
      `geometry dims ${geometry.dims.join('×')} differ from label map dims ${map.dims.join('×')}`,
    );
  }
  const image: ImageVolume = {
    dims: map.dims,
    spacing: geometry.spacing,
    origin: geometry.origin,
    direction: geometry.direction,
    kind: 'volume',
    timepoints: 1,
    dataType: map.voxels instanceof Uint8Array ? 'uint8' : 'uint16',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data: map.voxels,
    meta: { niftiIntentCode: NIFTI_INTENT_LABEL },
    warnings: [],
  };
  const nii = writeNifti(image);
  return options.gzip ? gzipSync(nii) : nii;
}

/** Label values held in another type (int16 and float32 label maps are common) as uint8 or uint16. */
function labelVoxels(data: VoxelArray): Uint8Array | Uint16Array {
  if (data instanceof Uint8Array || data instanceof Uint16Array) return data;
  let max = 0;
  for (const value of data) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
      throw new ImageReadError('UNSUPPORTED_IMAGE', `a label map holds whole numbers 0–65535, not ${value}`);
    }
    if (value > max) max = value;
  }
  return max <= 0xff ? Uint8Array.from(data) : Uint16Array.from(data);
}

/**
 * The label map in a NIfTI file (.nii or .nii.gz bytes) and its geometry, LPS as everywhere in core.
 * uint8 and uint16 files keep their type; other types are accepted when every voxel is a whole number
 * 0–65535 (as uint8 when all fit). Files that cannot be a label map throw ImageReadError.
 */
export function labelMapFromNifti(bytes: Uint8Array): { map: LabelMap; geometry: ImageGeometry } {
  const image = readNifti(bytes);
  if (image.timepoints !== 1 || image.samplesPerPixel !== 1) {
    throw new ImageReadError('UNSUPPORTED_IMAGE', 'a label map has one value per voxel and one timepoint');
  }
  const { dims, spacing, origin, direction } = image;
  return { map: { dims, voxels: labelVoxels(image.data) }, geometry: { dims, spacing, origin, direction } };
}
