import type { AnnotationPayloadOf, ClassificationData } from '../../annotation/index.js';
import type {
  ExportAnnotation,
  ExportDataset,
  ExportFile,
  ExportLabel,
  SkippedAnnotation,
} from '../export-dataset.js';
import { classificationValue } from './classification-long.js';
import { type CsvTable, type CsvTableRow, cell, csvFile, readCsvTable, readRows } from './csv-table.js';
import { annotationsOfType, imageOfRow, type TableImportContext } from './table-context.js';
import { CellError, TableImportError } from './table-import-error.js';
import { importedAnnotation, validPayload } from './table-payload.js';
import type { TableWrite } from './table-write.js';

/**
 * labels_wide.csv, the ChestX-ray14 / CheXpert layout: one row per image, one column per classification
 * label. A single-choice label's cell holds the option id, a free-text label's cell the text, and a
 * multiple-choice label has one 0/1 column per option, named `<label>:<option name>`. An empty cell (all
 * empty, for a multiple-choice label) means the image has no answer for that label. Only image-level answers
 * of the whole image fit this layout; the others are listed as skipped (labels.csv holds them all).
 */
export const LABELS_WIDE_CSV = 'labels_wide.csv';

const IMAGE_COLUMNS = ['case_name', 'image_id', 'subject_id', 'split'] as const;
export const OPTION_SEPARATOR = ':';

export interface LabelsWideOptions {
  /** Labels written as one 0/1 column per option even when no answer uses several choices. */
  readonly multipleChoiceLabelIds?: readonly string[];
}

type Kind = ClassificationData['value']['kind'];

/** How each classification label is laid out: multiple choice, single choice (it has options) or text. */
function labelKinds(dataset: ExportDataset, options: LabelsWideOptions): Map<ExportLabel, Kind> {
  const multiple = new Set(options.multipleChoiceLabelIds ?? []);
  for (const a of annotationsOfType(dataset.annotations, 'classification'))
    if (a.payload.data.value.kind === 'multiple') multiple.add(a.labelId);
  const kinds = new Map<ExportLabel, Kind>();
  for (const label of dataset.labels.filter((l) => l.type === 'classification')) {
    kinds.set(label, multiple.has(label.id) ? 'multiple' : label.options?.length ? 'single' : 'text');
  }
  return kinds;
}

function columnsOf(label: ExportLabel, kind: Kind): string[] {
  if (kind !== 'multiple') return [label.name];
  return (label.options ?? []).map((o) => `${label.name}${OPTION_SEPARATOR}${o.name}`);
}

function cellsOf(label: ExportLabel, value: ClassificationData['value']): string[] {
  if (value.kind === 'multiple')
    return (label.options ?? []).map((o) => (value.choices.includes(o.id) ? '1' : '0'));
  return [value.kind === 'single' ? value.choice : value.text];
}

function skipReason(
  a: ExportAnnotation & { payload: AnnotationPayloadOf<'classification'> },
  kind: Kind | undefined,
): string | undefined {
  const { data, imageRef } = a.payload;
  if (kind === undefined) return 'its label is not a classification label of the dataset';
  if (data.level !== 'image')
    return `a ${data.level}-level answer (one row per image holds image-level answers)`;
  if (imageRef.sliceIndex !== undefined || imageRef.frameIndex !== undefined)
    return 'it answers for one slice or frame, not the whole image';
  if (data.value.kind !== kind) return `a ${data.value.kind} answer on a label laid out as ${kind}`;
  return undefined;
}

export function writeLabelsWideCsv(dataset: ExportDataset, options: LabelsWideOptions = {}): TableWrite {
  const kinds = labelKinds(dataset, options);
  const layout = [...kinds].map(([label, kind]) => ({ label, kind, columns: columnsOf(label, kind) }));
  const answers = new Map<string, ClassificationData['value']>();
  const skipped: SkippedAnnotation[] = [];
  for (const a of annotationsOfType(dataset.annotations, 'classification')) {
    const label = dataset.labels.find((l) => l.id === a.labelId);
    const key = `${a.imageId}\u0000${a.labelId}`;
    const reason =
      skipReason(a, label && kinds.get(label)) ??
      (answers.has(key) ? 'a second answer for the same image and label' : undefined);
    if (reason) skipped.push({ annotationId: a.id, type: 'classification', reason });
    else answers.set(key, a.payload.data.value);
  }
  const rows = dataset.images.map((image) => [
    image.caseName,
    image.id,
    image.subjectId,
    image.split ?? '',
    ...layout.flatMap(({ label, columns }) => {
      const value = answers.get(`${image.id}\u0000${label.id}`);
      return value ? cellsOf(label, value) : columns.map(() => '');
    }),
  ]);
  return {
    file: csvFile(LABELS_WIDE_CSV, [...IMAGE_COLUMNS, ...layout.flatMap((l) => l.columns)], rows),
    skipped,
  };
}

interface WideColumn {
  readonly label: ExportLabel;
  /** Set for a `<label>:<option>` column. */
  readonly optionId?: string;
  readonly column: string;
}

function wideColumns(table: CsvTable, context: TableImportContext, ignoreUnknown: boolean): WideColumn[] {
  const labels = context.labels.filter((l) => l.type === 'classification');
  const columns: WideColumn[] = [];
  const unknown: string[] = [];
  for (const column of table.header) {
    if ((IMAGE_COLUMNS as readonly string[]).includes(column)) continue;
    const byOption = labels.flatMap((label) =>
      (label.options ?? [])
        .filter((o) => `${label.name}${OPTION_SEPARATOR}${o.name}` === column)
        .map((o) => ({ label, optionId: o.id, column })),
    );
    const byLabel = labels.filter((l) => l.name === column).map((label) => ({ label, column }));
    const found = byOption[0] ?? byLabel[0];
    if (found) columns.push(found);
    else unknown.push(column);
  }
  if (unknown.length > 0 && !ignoreUnknown) {
    throw new TableImportError(
      unknown.map((column) => ({
        file: table.file,
        row: 1,
        column,
        message: 'no classification label or `<label>:<option>` has this name',
      })),
    );
  }
  return columns;
}

/** A multiple-choice label's answer from its 0/1 cells (ids sorted, as labels.csv writes them); all empty means no answer. */
function choicesOf(table: CsvTable, row: CsvTableRow, columns: readonly WideColumn[]): string[] | undefined {
  const cells = columns.map((c) => cell(table, row, c.column));
  if (cells.every((c) => c === '')) return undefined;
  const choices = columns.flatMap((c, i) => {
    const n = cells[i] === '' ? Number.NaN : Number(cells[i]);
    if (n !== 0 && n !== 1) throw new CellError(c.column, `"${cells[i]}" is not 0 or 1`);
    return n === 1 ? [c.optionId!] : [];
  });
  return choices.sort();
}

export interface LabelsWideReadOptions {
  /** Skip columns that name no classification label (e.g. a CheXpert file's Sex and Age); default false. */
  readonly ignoreUnknownColumns?: boolean;
}

/** Reads labels_wide.csv back: one image-level classification per non-empty label cell (or option group). */
export function readLabelsWideCsv(
  file: ExportFile,
  context: TableImportContext,
  options: LabelsWideReadOptions = {},
): ExportAnnotation[] {
  const table = readCsvTable(file, []);
  if (!table.header.includes('image_id') && !table.header.includes('case_name'))
    throw new TableImportError([
      { file: file.path, row: 1, column: 'image_id', message: 'the header needs image_id or case_name' },
    ]);
  const columns = wideColumns(table, context, options.ignoreUnknownColumns ?? false);
  const groups = new Map<ExportLabel, WideColumn[]>();
  for (const c of columns) groups.set(c.label, [...(groups.get(c.label) ?? []), c]);
  const perRow = readRows(table, (row) => {
    const image = imageOfRow(context, cell(table, row, 'image_id'), cell(table, row, 'case_name'));
    const out: ExportAnnotation[] = [];
    for (const [label, group] of groups) {
      let value: ClassificationData['value'] | undefined;
      if (group[0]!.optionId !== undefined) {
        const choices = choicesOf(table, row, group);
        value = choices && { kind: 'multiple', choices };
      } else {
        const text = cell(table, row, group[0]!.column);
        value =
          text === ''
            ? undefined
            : classificationValue(label, label.options?.length ? 'single' : 'text', text, group[0]!.column);
      }
      if (!value) continue;
      const payload = {
        schemaVersion: 1,
        type: 'classification',
        imageRef: { imageId: image.id },
        labelId: label.id,
        data: { level: 'image', value },
      };
      out.push(
        importedAnnotation(
          `${table.file}#${row.row}:${label.name}`,
          table.file,
          row.row,
          validPayload(payload, group[0]!.column),
        ),
      );
    }
    return out;
  });
  return perRow.flat();
}
