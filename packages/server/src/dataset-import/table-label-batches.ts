import { IDENTITY3 } from '@voxelhub/core';
import {
  csvBytes,
  type DatasetLayout,
  type ExportAnnotation,
  type ExportImage,
  type ExportLabel,
  type FindingsColumn,
  parseCsv,
  readFindingsCsv,
  TableImportError,
  writeAnnotationsJson,
} from '@voxelhub/core/export';
import type { ImportCase } from '../annotation-import/project-cases.js';
import {
  type BatchSource,
  caseOfPath,
  inRuns,
  type LabelBatch,
  type LabelBatches,
  noCaseReason,
} from './label-batch.js';
import { imagePathMatcher } from './match-image-path.js';

type TableLayout = Extract<DatasetLayout, { kind: 'image-csv' }>;

/** Rows per batch: one transaction, one annotations.json in memory. */
const ROWS_PER_BATCH = 500;

interface PlacedRow {
  /** Its row number in the CSV as a spreadsheet shows it (the header is row 1). */
  readonly row: number;
  readonly cells: string[];
  readonly case: ImportCase;
}

/**
 * How each label column is answered: ChestX-ray14's 'A|B' is multiple choice (the layout's value 2). The
 * label is the project's of that name, in the project's spelling (names match case-insensitively).
 */
function findingsColumns(layout: TableLayout, projectLabels: readonly ExportLabel[]): FindingsColumn[] {
  const spelling = new Map(projectLabels.map((l) => [l.name.toLowerCase(), l.name]));
  return layout.labels
    .filter((l) => l.type === 'classification' && layout.labelColumns.includes(l.name))
    .map((l) => ({
      column: l.name,
      label: spelling.get(l.name.toLowerCase()) ?? l.name,
      kind: !l.options?.length ? 'text' : l.value === 2 ? 'multiple' : 'single',
    }));
}

/** The case as an image of an annotations.json: named by its id, which the import places it by. */
function exportImage(c: ImportCase): ExportImage {
  return {
    id: c.id,
    subjectId: c.id,
    caseName: c.id,
    format: 'png',
    modality: null,
    geometry: c.geometry ?? { dims: [1, 1, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY3 },
  };
}

/**
 * A ChestX-ray14 / CheXpert table in runs of 500 rows. Each row's image cell is found among the folder's
 * images; a run is read by core's findings reader (split on '|', options matched by name) against the
 * project's labels, and its answers go to the annotation import as an annotations.json. A bad cell is
 * reported with its row and the run read again without that row.
 */
export async function tableLabelBatches(
  layout: TableLayout,
  source: BatchSource,
  projectLabels: readonly ExportLabel[],
): Promise<LabelBatches> {
  const [header = [], ...records] = parseCsv(await source.folder.readText(layout.csv), layout.csv);
  const imageAt = header.indexOf(layout.imageColumn);
  const matchImage = imagePathMatcher(layout.images);
  const skipped: { file: string; reason: string }[] = [];
  const placed: PlacedRow[] = [];
  records.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const name = cells[imageAt] ?? '';
    const path = matchImage(name, layout.csv);
    const target = path === undefined ? undefined : caseOfPath(source, path);
    if (path === undefined || !target)
      skipped.push({
        file: `${layout.csv} row ${row}`,
        reason: path === undefined ? `no image file in the folder is "${name}"` : noCaseReason(source, path),
      });
    else placed.push({ row, cells, case: target });
  });
  const columns = findingsColumns(layout, projectLabels);
  const batches = inRuns(placed, ROWS_PER_BATCH).map(
    (run): LabelBatch => ({
      name: `${layout.csv} rows ${run[0]!.row}–${run.at(-1)!.row}`,
      format: 'annotations-json',
      files: async () => {
        const { annotations, bad } = readRun(
          layout.csv,
          { header, imageAt, columns, labels: projectLabels },
          run,
        );
        skipped.push(...bad);
        const images = [...new Map(run.map((r) => [r.case.id, exportImage(r.case)])).values()];
        return [writeAnnotationsJson({ name: layout.csv, images, labels: projectLabels, annotations })];
      },
    }),
  );
  return { batches, skipped };
}

/** The table's header, where its image column is, and how its label columns are read. */
interface TableShape {
  readonly header: readonly string[];
  readonly imageAt: number;
  readonly columns: readonly FindingsColumn[];
  readonly labels: readonly ExportLabel[];
}

/** The run's answers; rows with a bad cell are reported and left out (the run is read once more). */
function readRun(
  csv: string,
  table: TableShape,
  run: readonly PlacedRow[],
): { annotations: ExportAnnotation[]; bad: { file: string; reason: string }[] } {
  const bad: { file: string; reason: string }[] = [];
  let rows = [...run];
  for (let attempt = 0; attempt < 2; attempt++) {
    const file = {
      path: csv,
      bytes: csvBytes([[...table.header], ...rows.map((r) => withCase(r, table.imageAt))]),
    };
    try {
      const read = readFindingsCsv(
        file,
        { images: rows.map((r) => exportImage(r.case)), labels: table.labels },
        { imageColumn: table.header[table.imageAt]!, columns: table.columns },
      );
      // Core names an answer by the run's row; the report names the CSV's.
      return {
        annotations: read.map((a) => {
          const [, subRow, column] = /#(\d+):(.*)$/.exec(a.id) ?? [];
          const row = rows[Number(subRow) - 2]?.row ?? subRow;
          return { ...a, id: `${csv} row ${row}: ${column}` };
        }),
        bad,
      };
    } catch (error) {
      if (!(error instanceof TableImportError) || attempt > 0) throw error;
      const badRows = new Set(error.issues.map((i) => i.row));
      for (const issue of error.issues)
        bad.push({
          file: `${csv} row ${rows[issue.row - 2]?.row ?? issue.row}`,
          reason: `${issue.column ? `column "${issue.column}": ` : ''}${issue.message}`,
        });
      rows = rows.filter((_, i) => !badRows.has(i + 2));
    }
  }
  return { annotations: [], bad };
}

/** The row with its image cell replaced by its case's id, which the run's images are named by. */
function withCase(r: PlacedRow, imageAt: number): string[] {
  const cells = [...r.cells];
  cells[imageAt] = r.case.id;
  return cells;
}
