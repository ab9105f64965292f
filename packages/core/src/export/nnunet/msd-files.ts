import type { ExportFile } from '../export-dataset.js';
import { channelNamesFor } from './channel-name.js';
import { jsonFile } from './json-file.js';
import { type MsdDatasetJson, msdDatasetJsonSchema } from './msd-dataset-json.js';
import { segmentationCase, splitCases } from './segmentation-cases.js';
import { type SegmentationClass, segmentationClasses } from './segmentation-classes.js';
import type { SegmentationExportInput } from './segmentation-export-input.js';

export interface MsdExportInput extends SegmentationExportInput {
  /** 1–999, written with at least two digits (Task01 … Task10 are the Decathlon's own). */
  readonly taskId: number;
  /**
   * Letters, digits and '-': the folder is Task<id>_<taskName>, and nnUNetv2_convert_MSD_dataset splits
   * the folder name at its one '_'.
   */
  readonly taskName: string;
  /** dataset.json "description"; default the dataset's name. */
  readonly description?: string;
}

export function msdFolderName(taskId: number, taskName: string): string {
  if (!Number.isInteger(taskId) || taskId < 1 || taskId > 999) {
    throw new RangeError(`taskId must be an integer 1–999, not ${taskId}`);
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(taskName)) {
    throw new RangeError(`taskName '${taskName}' must be letters, digits or '-' (no '_')`);
  }
  return `Task${String(taskId).padStart(2, '0')}_${taskName}`;
}

function msdDatasetJson(
  input: MsdExportInput,
  classes: readonly SegmentationClass[],
  training: readonly string[],
  test: readonly string[],
): MsdDatasetJson {
  const labels: Record<string, string> = { '0': 'background' };
  for (const c of classes) labels[String(c.value)] = c.name;
  return msdDatasetJsonSchema.parse({
    name: input.taskName,
    description: input.description ?? input.dataset.name,
    tensorImageSize: '3D',
    modality: channelNamesFor(input.dataset.images, input.channelNames),
    labels,
    numTraining: training.length,
    numTest: test.length,
    training: training.map((c) => ({ image: `./imagesTr/${c}.nii.gz`, label: `./labelsTr/${c}.nii.gz` })),
    test: test.map((c) => `./imagesTs/${c}.nii.gz`),
  });
}

/**
 * The dataset in the Medical Segmentation Decathlon's layout, under Task<XX>_<Name>/: imagesTr/<case>.nii.gz
 * and labelsTr/<case>.nii.gz for train, validation and unsplit images, imagesTs/<case>.nii.gz for test
 * images, and dataset.json listing them. Images and labels are written as nnunetFiles writes them.
 */
export function msdFiles(input: MsdExportInput): ExportFile[] {
  const root = msdFolderName(input.taskId, input.taskName);
  const classes = segmentationClasses(input.dataset, input.classLabelIds);
  const { training, test } = splitCases(input.dataset.images);
  const datasetJson = msdDatasetJson(
    input,
    classes,
    training.map((i) => i.caseName),
    test.map((i) => i.caseName),
  );
  const files: ExportFile[] = [];
  for (const image of training) {
    const c = segmentationCase(input, image, classes, true, true);
    files.push({ path: `${root}/imagesTr/${image.caseName}.nii.gz`, bytes: c.imageBytes });
    files.push({ path: `${root}/labelsTr/${image.caseName}.nii.gz`, bytes: c.labelBytes! });
  }
  for (const image of test) {
    const c = segmentationCase(input, image, classes, false, true);
    files.push({ path: `${root}/imagesTs/${image.caseName}.nii.gz`, bytes: c.imageBytes });
  }
  files.push(jsonFile(`${root}/dataset.json`, datasetJson));
  return files;
}
