import type { LabelMap } from '../../segmentation/label-map.js';
import type { VoxelArray } from '../../volume/data-type.js';
import type { ImageGeometry, ImageVolume } from '../../volume/image-volume.js';
import type { ExportDataset, ExportImage } from '../export-dataset.js';

/** The voxels of one image and their grid: a plain pair, or an ImageVolume as core's readers give it. */
export type CaseVolume = { readonly data: VoxelArray; readonly geometry: ImageGeometry } | ImageVolume;

/** An image's composed label map (0 background, a label's classIndex elsewhere) on the image's own grid. */
export type CaseLabelMap = LabelMap & { readonly geometry: ImageGeometry };

/** Found by image id in a Map, or asked for one image at a time (so a caller need not hold them all). */
export type PerImage<T> = ReadonlyMap<string, T> | ((image: ExportImage) => T | undefined);

/** What the nnU-Net and Decathlon writers share: the dataset, its voxels, and which labels are classes. */
export interface SegmentationExportInput {
  readonly dataset: ExportDataset;
  readonly images: PerImage<CaseVolume>;
  /** Needed for every training case (split train, validation or none); test images need none. */
  readonly labelMaps: PerImage<CaseLabelMap>;
  /**
   * The labels that are classes in the label maps; default every label of type 'mask'. They become
   * classes 1…n in classIndex order (a schema whose other labels sit between them is renumbered).
   */
  readonly classLabelIds?: readonly string[];
  /**
   * How .nii.gz files are compressed; default fflate (pure JS, runs in the browser). Node callers pass
   * zlib's gzipSync, native and several times faster on a CT volume.
   */
  readonly gzip?: (nii: Uint8Array) => Uint8Array;
  /** The one input channel's name, {"0": "CT"}; default from the images' modality (see channelNameOf). */
  readonly channelNames?: Readonly<Record<'0', string>>;
}

export function lookUp<T>(source: PerImage<T>, image: ExportImage): T | undefined {
  return typeof source === 'function' ? source(image) : source.get(image.id);
}
