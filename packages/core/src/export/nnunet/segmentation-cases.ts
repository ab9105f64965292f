import type { ExportImage } from '../export-dataset.js';
import { fflateGzip, geometryOf, labelNifti, volumeNifti } from './case-nifti.js';
import { classVoxels } from './class-voxels.js';
import type { SegmentationClass } from './segmentation-classes.js';
import { lookUp, type SegmentationExportInput } from './segmentation-export-input.js';

/** One case ready to be named and written: its image file and, for a training case, its label file. */
export interface SegmentationCase {
  readonly image: ExportImage;
  readonly imageBytes: Uint8Array;
  /** Absent for test cases: nnU-Net and the Decathlon keep no test labels. */
  readonly labelBytes?: Uint8Array;
}

/** Safe in any file system and free of '/' (paths) and spaces (shell scripts that train on them). */
const CASE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The cases in two parts: training (splits train and validation, and images with no split — nnU-Net
 * makes its own cross-validation folds from them) and test. Case names are checked to be file-name
 * safe and unique.
 */
export function splitCases(images: readonly ExportImage[]): { training: ExportImage[]; test: ExportImage[] } {
  const seen = new Set<string>();
  for (const image of images) {
    if (!CASE_NAME.test(image.caseName)) {
      throw new RangeError(`case name '${image.caseName}' must be letters, digits, '.', '_' or '-'`);
    }
    if (seen.has(image.caseName)) throw new RangeError(`two images share the case name ${image.caseName}`);
    seen.add(image.caseName);
  }
  return {
    training: images.filter((image) => image.split !== 'test'),
    test: images.filter((image) => image.split === 'test'),
  };
}

/** Reads the case's voxels and writes its NIfTI files; `withLabel` for training cases. */
export function segmentationCase(
  input: SegmentationExportInput,
  image: ExportImage,
  classes: readonly SegmentationClass[],
  withLabel: boolean,
  compress: boolean,
): SegmentationCase {
  const volume = lookUp(input.images, image);
  if (!volume) throw new RangeError(`no image voxels given for ${image.caseName} (image ${image.id})`);
  const gzip = compress ? (input.gzip ?? fflateGzip) : undefined;
  const imageBytes = volumeNifti(volume, image.caseName, gzip);
  if (!withLabel) return { image, imageBytes };
  const map = lookUp(input.labelMaps, image);
  if (!map)
    throw new RangeError(`no label map given for training case ${image.caseName} (image ${image.id})`);
  const voxels = classVoxels(map, classes, image.caseName);
  const labelBytes = labelNifti(map, voxels, geometryOf(volume), image.caseName, gzip);
  return { image, imageBytes, labelBytes };
}
