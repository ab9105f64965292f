import type { LabelMap } from '../../segmentation/label-map.js';
import type { ImageGeometry } from '../../volume/image-volume.js';

/** A case as an nnU-Net or Decathlon folder holds it. */
export interface ImportedSegmentationCase {
  readonly caseName: string;
  /** 'train' for imagesTr/labelsTr cases (the folder does not say which were validation), else 'test'. */
  readonly split: 'train' | 'test';
  /** The case's image files among the files read, channel 0 first. */
  readonly imagePaths: readonly string[];
  /** From the label file for training cases, from the first image file for test cases; LPS. */
  readonly geometry: ImageGeometry;
  /** Training cases only; voxels hold the class values of `labels`. */
  readonly labelMap?: LabelMap;
}

export interface ImportedSegmentationDataset {
  readonly name: string;
  /** "0" → channel name, as dataset.json's channel_names (nnU-Net) or modality (Decathlon). */
  readonly channelNames: Readonly<Record<string, string>>;
  /** The classes without background, by value. */
  readonly labels: readonly { readonly name: string; readonly classIndex: number }[];
  readonly cases: readonly ImportedSegmentationCase[];
}
