import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { LabelMap } from '@voxelhub/core/segmentation';
import type { LabelType } from '../storage/schema.js';

/**
 * What every format reader gives back, before anything is written: annotations and label maps placed on
 * the project's cases, each naming the label it wants by name (labels are matched or made afterwards),
 * and the items it could not place, each with its file and the reason.
 */

/** A label as a file names it: matched to the project's labels by name, case-insensitively. */
export interface WantedLabel {
  readonly name: string;
  readonly type: LabelType;
  /** '#rrggbb', used when the label is created. */
  readonly colour?: string;
  /** Options of a classification label the file defines (annotations.json), for creating it. */
  readonly options?: readonly { readonly id: string; readonly name: string }[];
}

export interface ImportedAnnotation {
  /** The file (path inside the archive) it came from. */
  readonly file: string;
  readonly caseId: string;
  readonly label: WantedLabel;
  /** On the case: imageRef.imageId is the case id, sliceIndex its slice; labelId is replaced when written. */
  readonly payload: AnnotationPayload;
}

/** One segment of an imported label map: the voxel value and the label it stands for. */
export interface ImportedSegment {
  readonly value: number;
  readonly label: WantedLabel;
}

/** A label map already on its case's grid; it becomes one label-map segmentation, as the viewer saves it. */
export interface ImportedLabelMap {
  readonly file: string;
  readonly caseId: string;
  readonly labelMap: LabelMap;
  readonly segments: readonly ImportedSegment[];
}

export interface SkippedItem {
  readonly file: string;
  readonly reason: string;
}

export interface ImportedItems {
  readonly annotations: readonly ImportedAnnotation[];
  readonly labelMaps: readonly ImportedLabelMap[];
  readonly skipped: readonly SkippedItem[];
}
