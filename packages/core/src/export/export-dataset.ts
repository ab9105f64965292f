import type { AnnotationPayload, LabelType } from '../annotation/index.js';
import type { ImageGeometry } from '../volume/image-volume.js';

/**
 * What every export format is written from, and what every importer gives back: a frozen set of images,
 * the label schema, and the annotations (a project's accepted annotations or its consensus). Formats
 * differ in what they can carry; each writer documents what it leaves out.
 */

export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface ExportImage {
  /** The image's id in Voxelhub (stable across versions). */
  readonly id: string;
  /** The subject (patient pseudonym) it belongs to: splits never put one subject in two splits. */
  readonly subjectId: string;
  /** A file-name-safe case name unique in the dataset, e.g. 'case_0001' (formats that name files use it). */
  readonly caseName: string;
  readonly format: 'dicom' | 'nifti' | 'png' | 'jpeg';
  readonly modality: string | null;
  /** The voxel grid: columns, rows, slices (or frames), spacing, origin and direction in LPS. */
  readonly geometry: ImageGeometry;
  readonly split?: Split;
}

export interface ExportLabel {
  readonly id: string;
  readonly name: string;
  readonly type: LabelType;
  /** '#rrggbb' */
  readonly colour: string;
  /** The class number formats use: 1, 2, … in schema order (0 is background in label maps). */
  readonly classIndex: number;
  /** Option ids and names of a classification label. */
  readonly options?: readonly { readonly id: string; readonly name: string }[];
}

export interface ExportAnnotation {
  readonly id: string;
  readonly imageId: string;
  readonly labelId: string;
  readonly payload: AnnotationPayload;
}

export interface ExportDataset {
  readonly name: string;
  readonly images: readonly ExportImage[];
  readonly labels: readonly ExportLabel[];
  readonly annotations: readonly ExportAnnotation[];
}

/** A file an exporter writes: a path inside the export (forward slashes) and its bytes. */
export interface ExportFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** An annotation a format cannot carry, and why (each writer lists what it left out). */
export interface SkippedAnnotation {
  readonly annotationId: string;
  readonly type: AnnotationPayload['type'];
  readonly reason: string;
}
