import type { AnnotatedPoint } from '../../annotation/index.js';
import { indexToPatient, patientToIndex } from '../../volume/patient-coordinates.js';
import type {
  ExportAnnotation,
  ExportDataset,
  ExportFile,
  ExportImage,
  SkippedAnnotation,
} from '../export-dataset.js';
import {
  type CsvTable,
  type CsvTableRow,
  cell,
  csvFile,
  numberText,
  optionalIndexCell,
  parseNumberCell,
  readCsvTable,
  readRows,
  requiredCell,
} from './csv-table.js';
import {
  annotationsOfType,
  imageOfRow,
  imageRefOf,
  labelNamed,
  locationCells,
  type TableImportContext,
} from './table-context.js';
import { CellError } from './table-import-error.js';
import { importedAnnotation, validPayload } from './table-payload.js';
import type { TableWrite } from './table-write.js';

/**
 * landmarks.csv: one row per landmark. i, j, k are the continuous voxel index (k the slice or frame axis),
 * x, y, z the same point in patient space (LPS, mm); slice or frame is where it was placed (empty for a
 * landmark of the whole image). On import either triple may be left empty: it is derived from the other
 * through the image's geometry.
 */
export const LANDMARKS_CSV = 'landmarks.csv';

export const LANDMARKS_CSV_COLUMNS = [
  'case_name',
  'image_id',
  'label',
  'name',
  'i',
  'j',
  'k',
  'x',
  'y',
  'z',
  'slice',
  'frame',
  'annotation_id',
] as const;

export function writeLandmarksCsv(dataset: ExportDataset): TableWrite {
  const rows: string[][] = [];
  const skipped: SkippedAnnotation[] = [];
  for (const a of annotationsOfType(dataset.annotations, 'landmark')) {
    const image = dataset.images.find((i) => i.id === a.imageId);
    const label = dataset.labels.find((l) => l.id === a.labelId);
    if (!image || !label) {
      const reason = `its ${image ? 'label' : 'image'} is not in the dataset`;
      skipped.push({ annotationId: a.id, type: 'landmark', reason });
      continue;
    }
    const { name, point } = a.payload.data;
    rows.push([
      image.caseName,
      image.id,
      label.name,
      name,
      ...point.index.map(numberText),
      ...point.patient.map(numberText),
      ...locationCells(a.payload.imageRef),
      a.id,
    ]);
  }
  return { file: csvFile(LANDMARKS_CSV, LANDMARKS_CSV_COLUMNS, rows), skipped };
}

function optionalTriple(
  table: CsvTable,
  row: CsvTableRow,
  columns: readonly string[],
): [number, number, number] | undefined {
  const cells = columns.map((c) => cell(table, row, c));
  if (cells.every((c) => c === '')) return undefined;
  return cells.map((text, n) => {
    if (text === '') throw new CellError(columns[n]!, 'is empty (give all three coordinates or none)');
    return parseNumberCell(text, columns[n]!);
  }) as [number, number, number];
}

function pointOfRow(table: CsvTable, row: CsvTableRow, image: ExportImage): AnnotatedPoint {
  const index = optionalTriple(table, row, ['i', 'j', 'k']);
  const patient = optionalTriple(table, row, ['x', 'y', 'z']);
  if (index && patient) return { index, patient };
  if (index) {
    const [x, y, z] = indexToPatient(image.geometry, index);
    return { index, patient: [x, y, z] };
  }
  if (patient) {
    const [i, j, k] = patientToIndex(image.geometry, patient);
    return { index: [i, j, k], patient };
  }
  throw new CellError('i', 'give the voxel index (i, j, k), the patient position (x, y, z), or both');
}

export function readLandmarksCsv(file: ExportFile, context: TableImportContext): ExportAnnotation[] {
  const table = readCsvTable(file, ['label', 'name']);
  return readRows(table, (row) => {
    const image = imageOfRow(context, cell(table, row, 'image_id'), cell(table, row, 'case_name'));
    const label = labelNamed(context, requiredCell(table, row, 'label'), 'point');
    const imageRef = imageRefOf(
      image.id,
      optionalIndexCell(table, row, 'slice'),
      optionalIndexCell(table, row, 'frame'),
    );
    const data = { name: requiredCell(table, row, 'name'), point: pointOfRow(table, row, image) };
    const payload = { schemaVersion: 2, type: 'landmark', imageRef, labelId: label.id, data };
    return importedAnnotation(
      cell(table, row, 'annotation_id'),
      table.file,
      row.row,
      validPayload(payload, 'name'),
    );
  });
}
