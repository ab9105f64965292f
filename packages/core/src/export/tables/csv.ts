import { TableImportError } from './table-import-error.js';

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it holds a comma,
 * a double quote, CR or LF, with inner quotes doubled. Written here rather than taken from npm because it is
 * tiny and must be exact (byte-for-byte output, errors naming file, row and column), and no maintained
 * dependency-free CSV library is in the project.
 *
 * Reading is as strict as the RFC about quotes (a quote inside an unquoted field, or text after a closing
 * quote, is an error) and lenient where real files differ: LF or lone CR also end a record, a leading
 * UTF-8 BOM is dropped, and blank lines are skipped.
 */

export type CsvRow = readonly string[];

const NEEDS_QUOTES = /[",\r\n]/;

export function formatCsvField(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Every record followed by CRLF (the RFC makes the last one optional; writing it keeps appends safe). */
export function formatCsv(rows: readonly CsvRow[]): string {
  return rows.map((row) => `${row.map(formatCsvField).join(',')}\r\n`).join('');
}

/** UTF-8 without a BOM. */
export function csvBytes(rows: readonly CsvRow[]): Uint8Array {
  return new TextEncoder().encode(formatCsv(rows));
}

function csvError(file: string, row: number, column: number, message: string): TableImportError {
  return new TableImportError([{ file, row, column: `#${column}`, message }]);
}

/**
 * Reads the quoted field starting at `start` (its opening quote): its text and the index after the closing
 * quote, which must be followed by a comma, a line break or the end.
 */
function readQuoted(
  text: string,
  start: number,
  where: () => [number, number],
  file: string,
): [string, number] {
  let field = '';
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) throw csvError(file, ...where(), 'a quoted field is not closed');
    field += text.slice(j, q);
    if (text[q + 1] !== '"') {
      const next = text[q + 1];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
        throw csvError(file, ...where(), 'text after the closing quote of a field');
      return [field, q + 1];
    }
    field += '"';
    j = q + 2;
  }
}

/** The records of `text` (row 1 first). `file` names the file in errors. */
export function parseCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const where = (): [number, number] => [rows.length + 1, row.length + 1];
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    // A blank line is a record of one empty field; real files have them (often at the end), so skip them.
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      [field, i] = readQuoted(text, i, where, file);
      if (i === text.length) break;
      continue;
    }
    if (c === '"') throw csvError(file, ...where(), 'a quote inside an unquoted field');
    if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c === '\r') {
      endRow();
      if (text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
