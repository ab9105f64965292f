import { type CodedConcept, SCT, UCUM } from '../../annotation/index.js';
import type { ExportAnnotation, ExportDataset, ExportFile, SkippedAnnotation } from '../export-dataset.js';
import {
  type CsvTable,
  type CsvTableRow,
  cell,
  csvFile,
  jsonCell,
  numberCell,
  numberText,
  optionalIndexCell,
  readCsvTable,
  readRows,
  requiredCell,
} from './csv-table.js';
import {
  figuresNeeded,
  figuresOf,
  handlesOf,
  isMeasurementPayload,
  MEASUREMENT_TYPES,
  type MeasurementFigure,
  type MeasurementKind,
  type MeasurementType,
  measurementData,
  ROI_FIGURES,
} from './measurement-rows.js';
import {
  imageOfRow,
  imageRefOf,
  labelNamed,
  locationCells,
  type TableImportContext,
} from './table-context.js';
import { CellError, TableImportError, type TableIssue } from './table-import-error.js';
import { importedAnnotation, validPayload } from './table-payload.js';
import type { TableWrite } from './table-write.js';

/**
 * measurements.csv: one row per measured figure. A length (mm) or angle (deg) is one row; an ellipse,
 * circle or rectangle ROI is five (area in mm2, then mean, sd, min, max in the image's unit, e.g. HU).
 * `unit` is the UCUM code (unit_scheme and unit_meaning complete the coded unit); concept_* is what was
 * measured (SNOMED CT); `points` holds the handles as JSON (an ROI's on each of its rows); rows of one
 * annotation share its annotation_id.
 */
export const MEASUREMENTS_CSV = 'measurements.csv';

export const MEASUREMENTS_CSV_COLUMNS = [
  'case_name',
  'image_id',
  'label',
  'kind',
  'value',
  'unit',
  'unit_scheme',
  'unit_meaning',
  'type',
  'concept_value',
  'concept_scheme',
  'concept_meaning',
  'slice',
  'frame',
  'points',
  'annotation_id',
] as const;

export function writeMeasurementsCsv(dataset: ExportDataset): TableWrite {
  const rows: string[][] = [];
  const skipped: SkippedAnnotation[] = [];
  for (const a of dataset.annotations) {
    const payload = a.payload;
    if (!isMeasurementPayload(payload)) continue;
    const image = dataset.images.find((i) => i.id === a.imageId);
    const label = dataset.labels.find((l) => l.id === a.labelId);
    if (!image || !label) {
      skipped.push({
        annotationId: a.id,
        type: payload.type,
        reason: `its ${image ? 'label' : 'image'} is not in the dataset`,
      });
      continue;
    }
    const { concept } = payload.data;
    const points = JSON.stringify(handlesOf(payload));
    for (const f of figuresOf(payload)) {
      rows.push([
        image.caseName,
        image.id,
        label.name,
        f.kind,
        numberText(f.value),
        f.unit.value,
        f.unit.scheme,
        f.unit.meaning,
        payload.type,
        concept.value,
        concept.scheme,
        concept.meaning,
        ...locationCells(payload.imageRef),
        points,
        a.id,
      ]);
    }
  }
  return { file: csvFile(MEASUREMENTS_CSV, MEASUREMENTS_CSV_COLUMNS, rows), skipped };
}

const KINDS: readonly MeasurementKind[] = ['length', 'angle', ...ROI_FIGURES];

/** One row read: its figure and what its annotation's other rows must agree on. */
interface MeasurementRow {
  readonly row: number;
  readonly key: string;
  readonly annotationId: string;
  readonly figure: MeasurementFigure;
  readonly imageId: string;
  readonly labelId: string;
  readonly type: MeasurementType;
  readonly concept: CodedConcept;
  readonly slice: number | undefined;
  readonly frame: number | undefined;
  readonly points: string;
  readonly handles: unknown;
}

/** A coded value from three cells; scheme and meaning may be left empty for UCUM units a hand-made file names. */
function unitOfRow(table: CsvTable, row: CsvTableRow): CodedConcept {
  const value = requiredCell(table, row, 'unit');
  const scheme = cell(table, row, 'unit_scheme') || 'UCUM';
  const known = Object.values(UCUM).find((u) => u.scheme === scheme && u.value === value);
  return { value, scheme, meaning: cell(table, row, 'unit_meaning') || known?.meaning || value };
}

function conceptOfRow(table: CsvTable, row: CsvTableRow, type: MeasurementType): CodedConcept {
  const value = cell(table, row, 'concept_value');
  if (value === '' && (type === 'length' || type === 'angle')) return SCT[type];
  return {
    value: requiredCell(table, row, 'concept_value'),
    scheme: requiredCell(table, row, 'concept_scheme'),
    meaning: requiredCell(table, row, 'concept_meaning'),
  };
}

function readMeasurementRow(table: CsvTable, row: CsvTableRow, context: TableImportContext): MeasurementRow {
  const image = imageOfRow(context, cell(table, row, 'image_id'), cell(table, row, 'case_name'));
  const label = labelNamed(context, requiredCell(table, row, 'label'), 'measurement');
  const kindText = requiredCell(table, row, 'kind');
  const kind = KINDS.find((k) => k === kindText);
  if (!kind) throw new CellError('kind', `"${kindText}" is not one of ${KINDS.join(', ')}`);
  const typeText = cell(table, row, 'type') || (kind === 'length' || kind === 'angle' ? kind : '');
  const type = MEASUREMENT_TYPES.find((t) => t === typeText);
  if (!type) throw new CellError('type', `"${typeText}" is not one of ${MEASUREMENT_TYPES.join(', ')}`);
  if (!figuresNeeded(type).includes(kind)) throw new CellError('kind', `a ${type} has no "${kind}" figure`);
  const slice = optionalIndexCell(table, row, 'slice');
  const frame = optionalIndexCell(table, row, 'frame');
  const points = requiredCell(table, row, 'points');
  const annotationId = cell(table, row, 'annotation_id');
  return {
    row: row.row,
    key: annotationId || [image.id, label.id, type, slice, frame, points].join('\u0000'),
    annotationId,
    figure: { kind, value: numberCell(table, row, 'value'), unit: unitOfRow(table, row) },
    imageId: image.id,
    labelId: label.id,
    type,
    concept: conceptOfRow(table, row, type),
    slice,
    frame,
    points,
    handles: jsonCell(table, row, 'points'),
  };
}

const SHARED = ['imageId', 'labelId', 'type', 'slice', 'frame', 'points'] as const;
const COLUMN_OF_SHARED = {
  imageId: 'image_id',
  labelId: 'label',
  type: 'type',
  slice: 'slice',
  frame: 'frame',
  points: 'points',
};

/** The column a payload problem is best reported on (handles problems go to `points`). */
function columnOfPayloadPath(path: string): string | undefined {
  if (path.startsWith('data.value') || path.startsWith('data.statistics.'))
    return path === 'data.statistics.unit' ? 'unit' : 'value';
  if (path.startsWith('data.unit')) return 'unit';
  if (path.startsWith('data.concept')) return 'concept_value';
  if (path.startsWith('imageRef')) return 'slice';
  return undefined;
}

/** The annotation a group of rows describes; throws CellError naming the first cell that disagrees. */
function annotationOfGroup(group: readonly MeasurementRow[], file: string): ExportAnnotation {
  const first = group[0]!;
  const figures = new Map<MeasurementKind, MeasurementFigure>();
  for (const r of group) {
    for (const key of SHARED)
      if (r[key] !== first[key])
        throw new CellError(
          COLUMN_OF_SHARED[key],
          `row ${r.row} differs from row ${first.row} of the same annotation`,
        );
    if (figures.has(r.figure.kind))
      throw new CellError('kind', `row ${r.row} is a second "${r.figure.kind}" row for one annotation`);
    figures.set(r.figure.kind, r.figure);
  }
  const missing = figuresNeeded(first.type).filter((k) => !figures.has(k));
  if (missing.length > 0)
    throw new CellError('kind', `the ${first.type} lacks its ${missing.join(', ')} row(s)`);
  const payload = {
    schemaVersion: 1,
    type: first.type,
    imageRef: imageRefOf(first.imageId, first.slice, first.frame),
    labelId: first.labelId,
    data: measurementData(first.type, first.handles, first.concept, figures),
  };
  return importedAnnotation(
    first.annotationId,
    file,
    first.row,
    validPayload(payload, 'points', columnOfPayloadPath),
  );
}

/** Reads measurements.csv back into length, angle and ROI payloads, checked against core's schemas. */
export function readMeasurementsCsv(file: ExportFile, context: TableImportContext): ExportAnnotation[] {
  const table = readCsvTable(file, ['label', 'kind', 'value', 'unit', 'points']);
  const rows = readRows(table, (row) => readMeasurementRow(table, row, context));
  const groups = new Map<string, MeasurementRow[]>();
  for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
  const issues: TableIssue[] = [];
  const annotations: ExportAnnotation[] = [];
  for (const group of groups.values()) {
    try {
      annotations.push(annotationOfGroup(group, table.file));
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      issues.push({ file: table.file, row: group[0]!.row, column: error.column, message: error.message });
    }
  }
  if (issues.length > 0) throw new TableImportError(issues);
  return annotations;
}
