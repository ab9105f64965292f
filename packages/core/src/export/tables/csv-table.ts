import type { ExportFile } from '../export-dataset.js';
import { type CsvRow, csvBytes, parseCsv } from './csv.js';
import { CellError, TableImportError, type TableIssue } from './table-import-error.js';

/** A CSV file read against its header: rows as cell lookups by column name, with row numbers for errors. */
export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly CsvTableRow[];
}

export interface CsvTableRow {
  /** The record number in the file, the header being row 1. */
  readonly row: number;
  readonly cells: readonly string[];
}

/** Text of a file: UTF-8 (a BOM is dropped by the decoder), invalid bytes an error naming the file. */
export function decodeUtf8(file: ExportFile): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new TableImportError([
      { file: file.path, row: 0, column: '', message: 'the file is not UTF-8 text' },
    ]);
  }
}

/** Parses `file` and checks that its header names every column in `required` once, and rows fit it. */
export function readCsvTable(file: ExportFile, required: readonly string[]): CsvTable {
  const [header = [], ...records] = parseCsv(decodeUtf8(file), file.path);
  const issues: TableIssue[] = [];
  const at = (row: number, column: string, message: string) =>
    issues.push({ file: file.path, row, column, message });
  for (const column of required) if (!header.includes(column)) at(1, column, 'the header lacks this column');
  header.forEach((column, c) => {
    if (header.indexOf(column) !== c) at(1, column, 'the header names this column twice');
  });
  const rows = records.map((cells, r) => {
    if (cells.length !== header.length)
      at(r + 2, '', `${cells.length} fields, but the header has ${header.length}`);
    return { row: r + 2, cells };
  });
  if (issues.length > 0) throw new TableImportError(issues);
  return { file: file.path, header, rows };
}

/** The cell of `column` in `row` (columns the header lacks read as empty, for optional columns). */
export function cell(table: CsvTable, row: CsvTableRow, column: string): string {
  const c = table.header.indexOf(column);
  return c < 0 ? '' : (row.cells[c] ?? '');
}

export function requiredCell(table: CsvTable, row: CsvTableRow, column: string): string {
  const value = cell(table, row, column);
  if (value === '') throw new CellError(column, 'is empty');
  return value;
}

// What String(n) writes for a finite number: decimal or exponent form, nothing else (no hex, no spaces).
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumberCell(text: string, column: string): number {
  const n = Number(text);
  if (!DECIMAL.test(text) || !Number.isFinite(n)) throw new CellError(column, `"${text}" is not a number`);
  return n;
}

export function numberCell(table: CsvTable, row: CsvTableRow, column: string): number {
  return parseNumberCell(requiredCell(table, row, column), column);
}

/** An optional non-negative integer (a slice or frame number). */
export function optionalIndexCell(table: CsvTable, row: CsvTableRow, column: string): number | undefined {
  const text = cell(table, row, column);
  if (text === '') return undefined;
  const n = parseNumberCell(text, column);
  if (!Number.isInteger(n) || n < 0) throw new CellError(column, `"${text}" is not a slice or frame number`);
  return n;
}

export function jsonCell(table: CsvTable, row: CsvTableRow, column: string): unknown {
  const text = requiredCell(table, row, column);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CellError(column, `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Runs `read` on every row, collecting CellErrors as issues with the file and row, and throws them all
 * together (other errors are bugs and propagate).
 */
export function readRows<T>(table: CsvTable, read: (row: CsvTableRow) => T | undefined): T[] {
  const issues: TableIssue[] = [];
  const out: T[] = [];
  for (const row of table.rows) {
    try {
      const value = read(row);
      if (value !== undefined) out.push(value);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      issues.push({ file: table.file, row: row.row, column: error.column, message: error.message });
    }
  }
  if (issues.length > 0) throw new TableImportError(issues);
  return out;
}

/**
 * A number as its shortest round-trip text (String(n)), except −0, which String writes as "0": "-0" reads
 * back as −0, so values survive export → import bit for bit.
 */
export function numberText(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

export function csvFile(path: string, header: CsvRow, rows: readonly CsvRow[]): ExportFile {
  return { path, bytes: csvBytes([header, ...rows]) };
}
