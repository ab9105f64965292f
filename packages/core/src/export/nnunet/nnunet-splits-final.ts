import type { ExportDataset } from '../export-dataset.js';
import { splitCases } from './segmentation-cases.js';

/** One fold of nnU-Net's splits_final.json: case identifiers to train on and to validate on. */
export interface NnunetFold {
  readonly train: readonly string[];
  readonly val: readonly string[];
}

/**
 * The dataset's own train/validation split as nnU-Net's splits_final.json (documentation/
 * manual_data_splits.md): one fold, train = split 'train' and unsplit images, val = split 'validation'.
 * It belongs in nnUNet_preprocessed/Dataset<XXX>_<Name>/ (not in the raw folder), after
 * nnUNetv2_plan_and_preprocess; then train fold 0. Undefined when no image is in validation: nnU-Net
 * then makes its own five folds.
 */
export function nnunetSplitsFinal(dataset: ExportDataset): NnunetFold[] | undefined {
  const { training } = splitCases(dataset.images);
  const val = training.filter((image) => image.split === 'validation').map((image) => image.caseName);
  if (val.length === 0) return undefined;
  const train = training.filter((image) => image.split !== 'validation').map((image) => image.caseName);
  return [{ train, val }];
}
