import type { ExportImage, Split } from '../export-dataset.js';

/**
 * Where things go in a YOLO export. Ultralytics finds a label file by swapping `images` for `labels` in an
 * image's path and its extension for `.txt`, so both trees share folder and file names, and folders are flat:
 * one file per 2D image and one per slice (or frame) of a volume or cine, named `<caseName>_slice_0042`.
 */

/** YOLO's split folder for a Voxelhub split: 'validation' is `val`; images without a split train. */
export type YoloSplit = 'train' | 'val' | 'test';

export function yoloSplitOf(split: Split | undefined): YoloSplit {
  if (split === 'validation') return 'val';
  return split === 'test' ? 'test' : 'train';
}

/** One image file in YOLO's sense: an image, or one slice or frame of it. */
export interface YoloPlane {
  readonly image: ExportImage;
  /** The slice or frame (k); 0 for a 2D image. */
  readonly slice: number;
  /** File name without extension, e.g. 'case_0001' (2D) or 'case_0001_slice_0042'. */
  readonly name: string;
  readonly split: YoloSplit;
}

/**
 * The file name of slice `slice` of `image`: its case name for a one-slice image, else `<caseName>_slice_`
 * and the slice number zero-padded to at least 4 digits (more when the image has 10 000 slices or more, so
 * names still sort).
 */
export function yoloPlaneName(image: ExportImage, slice: number): string {
  const slices = image.geometry.dims[2];
  if (slices === 1) return image.caseName;
  const digits = Math.max(4, String(slices - 1).length);
  return `${image.caseName}_slice_${String(slice).padStart(digits, '0')}`;
}

export function yoloPlane(image: ExportImage, slice: number): YoloPlane {
  return { image, slice, name: yoloPlaneName(image, slice), split: yoloSplitOf(image.split) };
}

/** `labels/<split>/<name>.txt` */
export function yoloLabelPath(plane: YoloPlane): string {
  return `labels/${plane.split}/${plane.name}.txt`;
}

/** `images/<split>/<name>.png`: where the caller writes the rendered slice (this module writes no pixels). */
export function yoloImagePath(plane: YoloPlane): string {
  return `images/${plane.split}/${plane.name}.png`;
}
