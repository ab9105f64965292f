import type { ExportDataset, ExportFile, SkippedAnnotation } from '../export-dataset.js';
import { writeAnnotationsJson } from './annotations-json.js';
import { writeLabelsCsv } from './classification-long.js';
import { type LabelsWideOptions, writeLabelsWideCsv } from './classification-wide.js';
import { writeLandmarksCsv } from './landmark-table.js';
import { writeMeasurementsCsv } from './measurement-table.js';

export interface AnnotationTables {
  /** labels.csv, labels_wide.csv, landmarks.csv, measurements.csv, annotations.json (in that order). */
  readonly files: readonly ExportFile[];
  /** Per CSV file, what it could not hold (annotations.json holds everything). */
  readonly skipped: readonly (SkippedAnnotation & { readonly file: string })[];
}

/** Every table of a dataset: classifications long and wide, landmarks, measurements, and the JSON of all. */
export function writeAnnotationTables(
  dataset: ExportDataset,
  options: LabelsWideOptions = {},
): AnnotationTables {
  const writes = [
    writeLabelsCsv(dataset),
    writeLabelsWideCsv(dataset, options),
    writeLandmarksCsv(dataset),
    writeMeasurementsCsv(dataset),
  ];
  return {
    files: [...writes.map((w) => w.file), writeAnnotationsJson(dataset)],
    skipped: writes.flatMap((w) => w.skipped.map((s) => ({ ...s, file: w.file.path }))),
  };
}
