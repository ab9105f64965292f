import type { AnnotationPayloadOf, ClassificationData } from '../../annotation/index.js';
import type {
  ExportAnnotation,
  ExportDataset,
  ExportFile,
  ExportLabel,
  SkippedAnnotation,
} from '../export-dataset.js';
import { cell, csvFile, optionalIndexCell, readCsvTable, readRows, requiredCell } from './csv-table.js';
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
 * labels.csv: one row per classification answer. `level` says whether it labels the image, its series or
 * its study; `value` is the option id (single choice), the chosen option ids sorted and joined by '|'
 * (multiple choice), or the free text. `kind` (single | multiple | text) makes the row unambiguous; slice,
 * frame and annotation_id keep what else the payload held, so the file reads back to the same annotations.
 */
export const LABELS_CSV = 'labels.csv';

export const LABELS_CSV_COLUMNS = [
  'case_name',
  'image_id',
  'subject_id',
  'split',
  'level',
  'label',
  'value',
  'kind',
  'slice',
  'frame',
  'annotation_id',
] as const;

export const CHOICE_SEPARATOR = '|';

/** The value cell: why a value cannot be written, or its text. */
export function classificationValueText(value: ClassificationData['value']): string | { reason: string } {
  if (value.kind === 'single') return value.choice;
  if (value.kind === 'text') return value.text;
  if (value.choices.some((c) => c.includes(CHOICE_SEPARATOR)))
    return { reason: `an option id contains "${CHOICE_SEPARATOR}", the separator of multiple choices` };
  return [...value.choices].sort().join(CHOICE_SEPARATOR);
}

export function writeLabelsCsv(dataset: ExportDataset): TableWrite {
  const rows: string[][] = [];
  const skipped: SkippedAnnotation[] = [];
  const images = new Map(dataset.images.map((i) => [i.id, i]));
  const labels = new Map(dataset.labels.map((l) => [l.id, l]));
  for (const a of annotationsOfType(dataset.annotations, 'classification')) {
    const image = images.get(a.imageId);
    const label = labels.get(a.labelId);
    if (!image || !label) {
      const reason = `its ${image ? 'label' : 'image'} is not in the dataset`;
      skipped.push({ annotationId: a.id, type: 'classification', reason });
      continue;
    }
    const value = classificationValueText(a.payload.data.value);
    if (typeof value !== 'string') {
      skipped.push({ annotationId: a.id, type: 'classification', reason: value.reason });
      continue;
    }
    const { level, value: v } = a.payload.data;
    rows.push([
      image.caseName,
      image.id,
      image.subjectId,
      image.split ?? '',
      level,
      label.name,
      value,
      v.kind,
      ...locationCells(a.payload.imageRef),
      a.id,
    ]);
  }
  return { file: csvFile(LABELS_CSV, LABELS_CSV_COLUMNS, rows), skipped };
}

const LEVELS = ['image', 'series', 'study'] as const;
const KINDS = ['single', 'multiple', 'text'] as const;

/**
 * The kind of a row without a `kind` cell (a hand-made file): text for a label without options, multiple
 * when the value holds '|' or the label is listed as multiple choice, else single.
 */
function inferredKind(
  label: ExportLabel,
  value: string,
  multiple: ReadonlySet<string>,
): ClassificationData['value']['kind'] {
  if (!label.options?.length) return 'text';
  return value.includes(CHOICE_SEPARATOR) || multiple.has(label.id) ? 'multiple' : 'single';
}

/** An option of `label` by id, or else by name (hand-made files use names). */
export function optionId(label: ExportLabel, text: string, column: string): string {
  const option = label.options?.find((o) => o.id === text) ?? label.options?.find((o) => o.name === text);
  if (!option) throw new CellError(column, `"${text}" is not an option of label "${label.name}"`);
  return option.id;
}

export function classificationValue(
  label: ExportLabel,
  kind: ClassificationData['value']['kind'],
  text: string,
  column: string,
): ClassificationData['value'] {
  if (kind === 'text') return { kind, text };
  if (kind === 'single') return { kind, choice: optionId(label, text, column) };
  const choices = text === '' ? [] : text.split(CHOICE_SEPARATOR).map((t) => optionId(label, t, column));
  // Sorted, as the writer sorts them: a multiple-choice answer is a set, and every importer gives one order.
  return { kind, choices: choices.sort() };
}

export interface LabelsCsvReadOptions {
  /** Label ids whose rows are multiple choice when the file has no `kind` column. */
  readonly multipleChoiceLabelIds?: readonly string[];
}

/** Reads labels.csv (or a hand-made file with at least case_name or image_id, label and value) back. */
export function readLabelsCsv(
  file: ExportFile,
  context: TableImportContext,
  options: LabelsCsvReadOptions = {},
): ExportAnnotation[] {
  const table = readCsvTable(file, ['label', 'value']);
  const multiple = new Set(options.multipleChoiceLabelIds ?? []);
  return readRows(table, (row) => {
    const image = imageOfRow(context, cell(table, row, 'image_id'), cell(table, row, 'case_name'));
    const label = labelNamed(context, requiredCell(table, row, 'label'), 'classification');
    const levelText = cell(table, row, 'level') || 'image';
    const level = LEVELS.find((l) => l === levelText);
    if (!level) throw new CellError('level', `"${levelText}" is not one of ${LEVELS.join(', ')}`);
    const text = cell(table, row, 'value');
    const kindText = cell(table, row, 'kind') || inferredKind(label, text, multiple);
    const kind = KINDS.find((k) => k === kindText);
    if (!kind) throw new CellError('kind', `"${kindText}" is not one of ${KINDS.join(', ')}`);
    const imageRef = imageRefOf(
      image.id,
      optionalIndexCell(table, row, 'slice'),
      optionalIndexCell(table, row, 'frame'),
    );
    const payload: AnnotationPayloadOf<'classification'> = {
      schemaVersion: 1,
      type: 'classification',
      imageRef,
      labelId: label.id,
      data: { level, value: classificationValue(label, kind, text, 'value') },
    };
    return importedAnnotation(
      cell(table, row, 'annotation_id'),
      table.file,
      row.row,
      validPayload(payload, 'value'),
    );
  });
}
