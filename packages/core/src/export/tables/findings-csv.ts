import type { ClassificationData } from '../../annotation/index.js';
import type { ExportAnnotation, ExportFile, ExportImage } from '../export-dataset.js';
import { CHOICE_SEPARATOR } from './classification-long.js';
import { cell, readCsvTable, readRows, requiredCell } from './csv-table.js';
import { labelNamed, type TableImportContext } from './table-context.js';
import { CellError } from './table-import-error.js';
import { importedAnnotation, validPayload } from './table-payload.js';

/**
 * A plain "image name + label columns" CSV as public datasets ship it, e.g. ChestX-ray14's Data_Entry_2017.csv
 * (`Image Index,Finding Labels,…` with findings like `Cardiomegaly|Effusion` and `No Finding`). Each mapped
 * column answers one classification label: a multiple-choice column's cell is split on '|' and each part
 * matched to an option by name (or id); `noneValues` (default `No Finding`) mean no option is chosen unless
 * the label has an option of that name. Unmapped columns are ignored.
 */
export interface FindingsColumn {
  /** The header of the column, e.g. 'Finding Labels'. */
  readonly column: string;
  /** The classification label's name in the dataset. */
  readonly label: string;
  readonly kind: ClassificationData['value']['kind'];
}

export interface FindingsCsvOptions {
  /** The column holding the image's file name, e.g. 'Image Index'. */
  readonly imageColumn: string;
  readonly columns: readonly FindingsColumn[];
  /** Cells meaning "none of the options" in multiple-choice columns; default ['No Finding']. */
  readonly noneValues?: readonly string[];
  /** Level of the imported answers; default 'image'. */
  readonly level?: ClassificationData['level'];
}

/**
 * The image a name refers to: its id or case name, or its case name once the file extension is dropped
 * ('00000001_000.png' is case '00000001_000').
 */
function imageNamed(images: readonly ExportImage[], name: string, column: string): ExportImage {
  const stem = name.replace(/\.[^./\\]+$/, '');
  const image =
    images.find((i) => i.id === name || i.caseName === name) ?? images.find((i) => i.caseName === stem);
  if (!image) throw new CellError(column, `no image has id or case name "${name}" (or "${stem}")`);
  return image;
}

export function readFindingsCsv(
  file: ExportFile,
  context: TableImportContext,
  options: FindingsCsvOptions,
): ExportAnnotation[] {
  const table = readCsvTable(file, [options.imageColumn, ...options.columns.map((c) => c.column)]);
  const none = new Set(options.noneValues ?? ['No Finding']);
  const perRow = readRows(table, (row) => {
    const image = imageNamed(
      context.images,
      requiredCell(table, row, options.imageColumn),
      options.imageColumn,
    );
    return options.columns.flatMap(({ column, label: name, kind }) => {
      const label = labelNamed(context, name, 'classification', column);
      const text = cell(table, row, column).trim();
      if (text === '') return [];
      const option = (part: string) => {
        const found =
          label.options?.find((o) => o.name === part) ?? label.options?.find((o) => o.id === part);
        if (!found) throw new CellError(column, `"${part}" is not an option of label "${label.name}"`);
        return found.id;
      };
      let value: ClassificationData['value'];
      if (kind === 'text') value = { kind, text };
      else if (kind === 'single') value = { kind, choice: option(text) };
      else {
        const parts = text.split(CHOICE_SEPARATOR).map((p) => p.trim());
        const named = (p: string) => label.options?.some((o) => o.name === p || o.id === p);
        const choices = parts.filter((p) => named(p) || !none.has(p)).map(option);
        value = { kind, choices: [...new Set(choices)].sort() };
      }
      const payload = {
        schemaVersion: 1,
        type: 'classification',
        imageRef: { imageId: image.id },
        labelId: label.id,
        data: { level: options.level ?? 'image', value },
      };
      return [
        importedAnnotation(
          `${table.file}#${row.row}:${column}`,
          table.file,
          row.row,
          validPayload(payload, column),
        ),
      ];
    });
  });
  return perRow.flat();
}
