import { parseDicom, text } from '@voxelhub/core';
import type { ExportFile } from '@voxelhub/core/export';
import { ApiError } from '../errors/api-error.js';

/** The formats an annotation import reads; 'auto' tells them apart from the files (detectImportFormat). */
export const IMPORT_FORMATS = [
  'coco',
  'yolo',
  'nnunet',
  'msd',
  'nifti',
  'dicom-seg',
  'dicom-sr',
  'rtstruct',
  'csv',
  'annotations-json',
] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const isJson = (f: ExportFile) => f.path.toLowerCase().endsWith('.json') && !isManifest(f);
const isManifest = (f: ExportFile) => /(^|\/)manifest\.json$/.test(f.path);
export const isNifti = (f: ExportFile) => /\.nii(\.gz)?$/i.test(f.path);
export const isCsv = (f: ExportFile) => f.path.toLowerCase().endsWith('.csv');

function jsonOf(file: ExportFile): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(file.bytes));
  } catch {
    return undefined;
  }
}

function hasKeys(json: unknown, keys: readonly string[]): boolean {
  return typeof json === 'object' && json !== null && keys.every((k) => k in json);
}

/** A DICOM file's Modality (0008,0060), or undefined when the bytes are not DICOM. */
export function dicomModality(file: ExportFile): string | undefined {
  const looksDicom =
    /\.dcm$/i.test(file.path) ||
    (file.bytes.length > 132 && new TextDecoder().decode(file.bytes.subarray(128, 132)) === 'DICM');
  if (!looksDicom) return undefined;
  try {
    return text(parseDicom(file.bytes, { file: file.path, untilPixelData: true }).dataSet, 'x00080060');
  } catch {
    return undefined;
  }
}

function datasetJsonFormat(files: readonly ExportFile[]): ImportFormat | undefined {
  const datasetJson = files.find((f) => /(^|\/)dataset\.json$/.test(f.path));
  if (!datasetJson) return undefined;
  const json = jsonOf(datasetJson);
  if (hasKeys(json, ['training'])) return 'msd';
  if (hasKeys(json, ['channel_names']) || hasKeys(json, ['file_ending'])) return 'nnunet';
  return undefined;
}

/**
 * Which format the files are, from their contents: dataset.json with `training` (Decathlon) or
 * `channel_names` (nnU-Net); data.yaml with labels/ (YOLO); a JSON of images, categories and annotations
 * (COCO) or of images, labels and annotations (Voxelhub's annotations.json); DICOM of Modality SEG, SR or RTSTRUCT;
 * .nii/.nii.gz label maps; .csv tables. VALIDATION_FAILED when nothing fits.
 */
export function detectImportFormat(files: readonly ExportFile[]): ImportFormat {
  const folder = datasetJsonFormat(files);
  if (folder) return folder;
  const yaml = files.some((f) => /(^|\/)data\.ya?ml$/.test(f.path));
  if (yaml && files.some((f) => /(^|\/)labels\//.test(f.path))) return 'yolo';
  for (const file of files.filter(isJson)) {
    const json = jsonOf(file);
    if (hasKeys(json, ['images', 'categories', 'annotations'])) return 'coco';
    if (hasKeys(json, ['images', 'labels', 'annotations'])) return 'annotations-json';
  }
  for (const file of files) {
    const modality = dicomModality(file);
    if (modality === 'SEG') return 'dicom-seg';
    if (modality === 'SR') return 'dicom-sr';
    if (modality === 'RTSTRUCT') return 'rtstruct';
  }
  if (files.some(isNifti)) return 'nifti';
  if (files.some(isCsv)) return 'csv';
  throw new ApiError(
    'VALIDATION_FAILED',
    `cannot tell the format of ${files.map((f) => f.path).join(', ') || 'the upload'}: ` +
      `send a COCO, YOLO, nnU-Net, Decathlon, NIfTI, DICOM SEG, SR or RTSTRUCT, CSV or annotations.json export, or name the format`,
  );
}
