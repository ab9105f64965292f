import type { ExportFile } from '../export-dataset.js';
import type { ImportedSegmentationDataset } from './imported-segmentation-dataset.js';
import { msdDatasetJsonSchema } from './msd-dataset-json.js';
import { readDatasetJson, segmentationFolder, testCase, trainingCase } from './segmentation-folder.js';

/** './imagesTr/la_003.nii.gz' → 'imagesTr/la_003.nii.gz'. */
function relative(path: string): string {
  return path.replace(/^\.\//, '');
}

/** 'imagesTr/la_003.nii.gz' → 'la_003'. */
function caseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.nii\.gz$/, '');
}

/**
 * A Medical Segmentation Decathlon task folder (as msdFiles writes it, or one of the ten tasks):
 * dataset.json checked against its schema, its training pairs with label map and geometry, its test
 * images with their geometry. Problems are ImageReadErrors naming the file.
 */
export function datasetFromMsd(files: readonly ExportFile[]): ImportedSegmentationDataset {
  const folder = segmentationFolder(files);
  const json = readDatasetJson(folder, msdDatasetJsonSchema);
  const labels = Object.entries(json.labels)
    .filter(([key]) => key !== '0')
    .map(([key, name]) => ({ name, classIndex: Number(key) }))
    .sort((a, b) => a.classIndex - b.classIndex);
  const training = json.training.map(({ image, label }) =>
    trainingCase(folder, caseNameOf(label), [relative(image)], relative(label), labels.length),
  );
  const test = json.test.map((image) => testCase(folder, caseNameOf(image), [relative(image)]));
  return { name: json.name, channelNames: json.modality, labels, cases: [...training, ...test] };
}
