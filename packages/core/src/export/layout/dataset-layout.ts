import type { LabelType } from '../../annotation/index.js';

/**
 * What a downloaded dataset folder holds, recognised from its file names (and a few small files): which
 * files are images, where the labels are, and which labels a project for it needs. The server imports the
 * images, then the labels as annotations on them (issue 8).
 */

/** One case of a segmentation folder: its image files (one per channel) and its label map, if any. */
export interface LayoutCase {
  readonly name: string;
  readonly images: readonly string[];
  readonly label?: string;
  readonly split: 'train' | 'test';
}

/** A label the dataset uses, as a project label. */
export interface LayoutLabel {
  readonly name: string;
  readonly type: LabelType;
  /** Its value in label maps, or its category / class id in COCO and YOLO. */
  readonly value?: number;
  /** A classification's options (CSV findings). */
  readonly options?: readonly string[];
}

interface LayoutBase {
  /** One line a person reads: "nnU-Net v2 raw dataset Dataset003_Liver: 131 training cases, 70 test". */
  readonly summary: string;
  readonly labels: readonly LayoutLabel[];
  /** Files that are neither images nor labels of the layout, left alone. */
  readonly ignored: readonly string[];
}

export type DatasetLayout =
  | (LayoutBase & {
      readonly kind: 'nnunet' | 'msd';
      readonly datasetJson: string;
      readonly cases: readonly LayoutCase[];
    })
  | (LayoutBase & {
      readonly kind: 'coco';
      readonly annotationFiles: readonly string[];
      readonly images: readonly string[];
    })
  | (LayoutBase & {
      readonly kind: 'yolo';
      readonly dataYaml: string;
      readonly images: readonly string[];
      readonly labelFiles: readonly string[];
    })
  | (LayoutBase & {
      readonly kind: 'image-csv';
      readonly csv: string;
      /** The CSV column naming each row's image file. */
      readonly imageColumn: string;
      /** Columns read as labels: a multiple-choice findings column, or one yes/no column per finding. */
      readonly labelColumns: readonly string[];
      readonly images: readonly string[];
    })
  | (LayoutBase & {
      readonly kind: 'dicom';
      /** Every file that may be DICOM: the server reads each header to tell images from SEG and RTSTRUCT. */
      readonly files: readonly string[];
    })
  | (LayoutBase & { readonly kind: 'images'; readonly images: readonly string[] });

export type DatasetLayoutKind = DatasetLayout['kind'];

export const LAYOUT_TITLES: Record<DatasetLayoutKind, string> = {
  nnunet: 'nnU-Net v2 raw dataset',
  msd: 'Medical Segmentation Decathlon task',
  coco: 'COCO',
  yolo: 'YOLO',
  'image-csv': 'Images with a CSV of labels',
  dicom: 'DICOM folder',
  images: 'Image files',
};
