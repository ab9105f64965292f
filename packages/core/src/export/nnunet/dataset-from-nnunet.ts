import { ImageReadError } from '../../errors/image-read-error.js';
import type { ExportFile } from '../export-dataset.js';
import type {
  ImportedSegmentationCase,
  ImportedSegmentationDataset,
} from './imported-segmentation-dataset.js';
import { nnunetDatasetJsonSchema } from './nnunet-dataset-json.js';
import {
  fullPath,
  readDatasetJson,
  segmentationFolder,
  testCase,
  trainingCase,
} from './segmentation-folder.js';

/** nnU-Net's channel suffix on image file names: _0000, _0001, … */
const CHANNEL_SUFFIX = /_\d{4}$/;

/** Case identifiers of the files directly in `folder` ending in `ending`, with a `suffix` cut off too. */
function identifiers(paths: Iterable<string>, folder: string, ending: string, suffix?: RegExp): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(`${folder}/`) || !path.endsWith(ending)) continue;
    const name = path.slice(folder.length + 1, path.length - ending.length);
    if (name.includes('/') || name.startsWith('.')) continue;
    found.add(suffix ? name.replace(suffix, '') : name);
  }
  return [...found].sort();
}

/** The name after Dataset<XXX>_ in the folder name, when dataset.json has no "name". */
function nameFromFolder(root: string): string {
  const folder = root.slice(root.lastIndexOf('/') + 1);
  return /^Dataset\d{3}_(.+)$/.exec(folder)?.[1] ?? folder;
}

/**
 * An nnU-Net v2 raw dataset folder (as nnunetFiles writes it, or from anyone following
 * documentation/dataset_format.md with NIfTI files): dataset.json checked against its schema, each
 * labelsTr case with its label map and geometry, each imagesTs case with its image geometry.
 * `files` may hold the folder at any depth (found by its dataset.json). Problems are ImageReadErrors.
 */
export function datasetFromNnunet(files: readonly ExportFile[]): ImportedSegmentationDataset {
  const folder = segmentationFolder(files);
  const json = readDatasetJson(folder, nnunetDatasetJsonSchema);
  const ending = json.file_ending;
  if (ending !== '.nii.gz' && ending !== '.nii') {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      `file_ending ${ending}: only NIfTI is read`,
      fullPath(folder, 'dataset.json'),
    );
  }
  const channels = Object.keys(json.channel_names).sort((a, b) => Number(a) - Number(b));
  const imagesOf = (part: string, caseName: string) =>
    channels.map((k) => `${part}/${caseName}_${k.padStart(4, '0')}${ending}`);
  const labels = Object.entries(json.labels)
    .filter(([, value]) => value !== 0)
    .map(([name, classIndex]) => ({ name, classIndex }))
    .sort((a, b) => a.classIndex - b.classIndex);
  const trainingNames = identifiers(folder.files.keys(), 'labelsTr', ending);
  if (trainingNames.length !== json.numTraining) {
    throw new ImageReadError(
      'MALFORMED',
      `numTraining is ${json.numTraining} but labelsTr holds ${trainingNames.length} cases`,
      fullPath(folder, 'dataset.json'),
    );
  }
  const cases: ImportedSegmentationCase[] = trainingNames.map((name) =>
    trainingCase(folder, name, imagesOf('imagesTr', name), `labelsTr/${name}${ending}`, labels.length),
  );
  for (const name of identifiers(folder.files.keys(), 'imagesTs', ending, CHANNEL_SUFFIX)) {
    cases.push(testCase(folder, name, imagesOf('imagesTs', name)));
  }
  return {
    name: typeof json.name === 'string' ? json.name : nameFromFolder(folder.root),
    channelNames: json.channel_names,
    labels,
    cases,
  };
}
