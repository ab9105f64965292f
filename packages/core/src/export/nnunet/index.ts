export { channelNameOf } from './channel-name.js';
export { datasetFromMsd } from './dataset-from-msd.js';
export { datasetFromNnunet } from './dataset-from-nnunet.js';
export type {
  ImportedSegmentationCase,
  ImportedSegmentationDataset,
} from './imported-segmentation-dataset.js';
export { type MsdDatasetJson, msdDatasetJsonSchema } from './msd-dataset-json.js';
export { type MsdExportInput, msdFiles } from './msd-files.js';
export { type NnunetDatasetJson, nnunetDatasetJsonSchema } from './nnunet-dataset-json.js';
export { type NnunetExportInput, nnunetFiles } from './nnunet-files.js';
export { type NnunetFold, nnunetSplitsFinal } from './nnunet-splits-final.js';
export type { SegmentationClass } from './segmentation-classes.js';
export type {
  CaseLabelMap,
  CaseVolume,
  PerImage,
  SegmentationExportInput,
} from './segmentation-export-input.js';
