import type { ExportFile } from '../export-dataset.js';
import { channelNamesFor } from './channel-name.js';
import { jsonFile } from './json-file.js';
import { type NnunetDatasetJson, nnunetDatasetJsonSchema } from './nnunet-dataset-json.js';
import { type SegmentationCase, segmentationCase, splitCases } from './segmentation-cases.js';
import { type SegmentationClass, segmentationClasses } from './segmentation-classes.js';
import type { SegmentationExportInput } from './segmentation-export-input.js';

export interface NnunetExportInput extends SegmentationExportInput {
  /** 1–999; nnU-Net reserves 1–10 for the Decathlon and suggests 500+ for your own. */
  readonly datasetId: number;
  /** Letters, digits, '_' and '-': the folder is Dataset<id, 3 digits>_<datasetName>. */
  readonly datasetName: string;
  /** '.nii.gz' (default) or '.nii'; nnU-Net's NibabelIO and SimpleITKIO read both. */
  readonly fileEnding?: '.nii.gz' | '.nii';
}

/** nnU-Net's channel suffix: the four-digit channel number after the case identifier. */
const CHANNEL_0 = '_0000';

export function nnunetFolderName(datasetId: number, datasetName: string): string {
  if (!Number.isInteger(datasetId) || datasetId < 1 || datasetId > 999) {
    throw new RangeError(`datasetId must be an integer 1–999, not ${datasetId}`);
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(datasetName)) {
    throw new RangeError(`datasetName '${datasetName}' must be letters, digits, '_' or '-'`);
  }
  return `Dataset${String(datasetId).padStart(3, '0')}_${datasetName}`;
}

export function nnunetDatasetJson(
  input: NnunetExportInput,
  classes: readonly SegmentationClass[],
  numTraining: number,
): NnunetDatasetJson {
  const labels: Record<string, number> = { background: 0 };
  for (const c of classes) labels[c.name] = c.value;
  return nnunetDatasetJsonSchema.parse({
    name: input.datasetName,
    channel_names: channelNamesFor(input.dataset.images, input.channelNames),
    labels,
    numTraining,
    file_ending: input.fileEnding ?? '.nii.gz',
  });
}

function caseFiles(root: string, c: SegmentationCase, ending: string): ExportFile[] {
  const name = c.image.caseName;
  if (!c.labelBytes) return [{ path: `${root}/imagesTs/${name}${CHANNEL_0}${ending}`, bytes: c.imageBytes }];
  return [
    { path: `${root}/imagesTr/${name}${CHANNEL_0}${ending}`, bytes: c.imageBytes },
    { path: `${root}/labelsTr/${name}${ending}`, bytes: c.labelBytes },
  ];
}

/**
 * The dataset in nnU-Net v2's raw layout (documentation/dataset_format.md), under
 * Dataset<XXX>_<Name>/: imagesTr/<case>_0000<ending> and labelsTr/<case><ending> for the train,
 * validation and unsplit images (nnU-Net makes its own cross-validation folds), imagesTs/<case>_0000
 * for test images (no labels), and dataset.json. Each label file is written on its image's geometry,
 * uint8 (uint16 past 255 classes), classes numbered 1…n in classIndex order. Bad input is a RangeError.
 */
export function nnunetFiles(input: NnunetExportInput): ExportFile[] {
  const root = nnunetFolderName(input.datasetId, input.datasetName);
  const ending = input.fileEnding ?? '.nii.gz';
  if (ending !== '.nii.gz' && ending !== '.nii')
    throw new RangeError(`fileEnding must be .nii.gz or .nii, not ${ending}`);
  const classes = segmentationClasses(input.dataset, input.classLabelIds);
  const { training, test } = splitCases(input.dataset.images);
  const datasetJson = nnunetDatasetJson(input, classes, training.length);
  const compress = ending === '.nii.gz';
  const files: ExportFile[] = [];
  for (const image of training) {
    files.push(...caseFiles(root, segmentationCase(input, image, classes, true, compress), ending));
  }
  for (const image of test) {
    files.push(...caseFiles(root, segmentationCase(input, image, classes, false, compress), ending));
  }
  files.push(jsonFile(`${root}/dataset.json`, datasetJson));
  return files;
}
