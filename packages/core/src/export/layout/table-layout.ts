import { parseCsv } from '../tables/csv.js';
import type { DatasetLayout, LayoutLabel } from './dataset-layout.js';
import { baseName } from './layout-paths.js';

type TableLayout = Extract<DatasetLayout, { kind: 'image-csv' }>;

/** A column with more distinct answers than this (ages, ids, free text) is not a label. */
const MAX_OPTIONS = 50;
/** Cells that mean "no answer" in public label tables (CheXpert leaves blanks). */
const BLANK = new Set(['', 'nan', 'NaN']);

/**
 * The column naming each row's image: the first whose cells, in the first rows, are file names (or
 * relative paths ending in one) of the folder's images.
 */
function imageColumn(header: readonly string[], rows: readonly string[][], images: readonly string[]) {
  const names = new Set(images.map(baseName));
  const sample = rows.slice(0, 20);
  return header.findIndex((_, c) =>
    sample.some((row) => {
      const cell = row[c]?.trim() ?? '';
      return cell !== '' && (names.has(cell) || names.has(baseName(cell)));
    }),
  );
}

/**
 * Each other column with at most 50 distinct answers becomes a classification label: multiple choice when
 * a cell lists several answers with '|' (ChestX-ray14's "Finding Labels"), single choice otherwise (one
 * CheXpert finding column, with its 1.0 / 0.0 / -1.0 answers as options).
 */
function labelColumns(header: readonly string[], rows: readonly string[][], skip: number): LayoutLabel[] {
  return header.flatMap((name, c): LayoutLabel[] => {
    if (c === skip) return [];
    const values = new Set<string>();
    let multiple = false;
    for (const row of rows) {
      const cell = row[c]?.trim() ?? '';
      if (BLANK.has(cell)) continue;
      const parts = cell.split('|').map((p) => p.trim());
      if (parts.length > 1) multiple = true;
      for (const p of parts) values.add(p);
      if (values.size > MAX_OPTIONS) return [];
    }
    if (values.size === 0) return [];
    const options = [...values].sort((a, b) => a.localeCompare(b));
    return [{ name, type: 'classification', options, ...(multiple ? { value: 2 } : { value: 1 }) }];
  });
}

/**
 * The non-blank records of a CSV, or none when it is not well-formed CSV: such a file is simply not the
 * label table (a folder may hold any CSV), so it does not stop the folder from being recognised.
 */
function readableCsv(text: string, path: string): string[][] {
  try {
    return parseCsv(text, path).filter((r) => r.some((cell) => cell.trim() !== ''));
  } catch {
    return [];
  }
}

/**
 * A folder of images with a CSV of labels (ChestX-ray14, CheXpert): the first CSV with an image column.
 * `value` of a classification label says how many answers a row may give: 1 (single) or 2 (several).
 */
export function tableLayout(
  csvFiles: readonly { path: string; text: string }[],
  images: readonly string[],
  paths: readonly string[],
): TableLayout | undefined {
  for (const { path, text } of csvFiles) {
    const records = readableCsv(text, path);
    const [header, ...rows] = records;
    if (!header || rows.length === 0) continue;
    const column = imageColumn(header, rows, images);
    if (column < 0) continue;
    const labels = labelColumns(header, rows, column);
    const used = new Set([path, ...images]);
    return {
      kind: 'image-csv',
      csv: path,
      imageColumn: header[column]!,
      labelColumns: labels.map((l) => l.name),
      images,
      labels,
      ignored: paths.filter((p) => !used.has(p)),
      summary: `${images.length} images with ${path} (${rows.length} rows); image column "${header[column]}", labels ${labels.map((l) => l.name).join(', ') || 'none'}`,
    };
  }
  return undefined;
}
