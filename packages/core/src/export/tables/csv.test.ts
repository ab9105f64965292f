import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvBytes, formatCsv, formatCsvField, parseCsv } from './csv.js';
import { PYTHON_CSV_READER } from './python-csv.js';
import { TableImportError } from './table-import-error.js';

/** The cells Python's csv module reads from each text. */
function pythonCsvRows(texts: readonly string[]): string[][][] {
  const out = execFileSync('/usr/bin/python3', ['-c', PYTHON_CSV_READER], { input: JSON.stringify(texts) });
  return JSON.parse(out.toString());
}

// RFC 4180 §2: fields with commas, quotes or line breaks are enclosed in quotes, inner quotes doubled,
// records end with CRLF.
describe('formatCsv', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [' spaced ', ' spaced '],
    ['ünïcødé', 'ünïcødé'],
  ])('writes %j as %j', (field, written) => {
    expect(formatCsvField(field)).toBe(written);
  });

  it('ends every record with CRLF', () => {
    expect(
      formatCsv([
        ['a', 'b'],
        ['', 'c'],
      ]),
    ).toBe('a,b\r\n,c\r\n');
  });

  it('writes UTF-8 without a BOM', () => {
    expect([...csvBytes([['é']])]).toEqual([0xc3, 0xa9, 0x0d, 0x0a]);
  });
});

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'CRLF records',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'no final line break',
      'a,b\r\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['LF and lone CR records', 'a\nb\rc', [['a'], ['b'], ['c']]],
    [
      'empty fields',
      ',,\r\n,x,',
      [
        ['', '', ''],
        ['', 'x', ''],
      ],
    ],
    ['quoted comma, quote, CRLF', '"a,b","say ""hi""","x\r\ny"', [['a,b', 'say "hi"', 'x\r\ny']]],
    ['an empty quoted field', '"",a', [['', 'a']]],
    [
      'a leading BOM',
      '\uFEFFid,name\r\n1,x',
      [
        ['id', 'name'],
        ['1', 'x'],
      ],
    ],
    ['blank lines', 'a\r\n\r\nb\r\n\r\n', [['a'], ['b']]],
    ['spaces kept', ' a , b ', [[' a ', ' b ']]],
  ])('reads %s', (_, text, rows) => {
    expect(parseCsv(text, 't.csv')).toEqual(rows);
    // Python's csv module reads the same cells (it keeps blank lines as [], which we skip).
    expect(pythonCsvRows([text.replace(/^\uFEFF/, '')])[0]!.filter((r) => r.length > 0)).toEqual(rows);
  });

  it.each([
    ['an unclosed quote', 'a,"b\r\nc', 't.csv row 1, column "#2": a quoted field is not closed'],
    [
      'text after a closing quote',
      'x\r\n"a"b,c',
      't.csv row 2, column "#1": text after the closing quote of a field',
    ],
    [
      'a quote inside an unquoted field',
      'a,b"c',
      't.csv row 1, column "#2": a quote inside an unquoted field',
    ],
  ])('rejects %s, naming file, row and column', (_, text, message) => {
    expect(() => parseCsv(text, 't.csv')).toThrow(TableImportError);
    expect(() => parseCsv(text, 't.csv')).toThrow(message);
  });
});

describe('round trip', () => {
  // Cells drawn from the characters that matter to quoting, plus any unicode.
  const cellArb = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é') }),
    fc.string({ unit: 'grapheme' }),
  );
  // Rows that are not a single empty cell: that record is a blank line, which readers skip.
  const rowsArb = fc.array(
    fc.array(cellArb, { minLength: 1, maxLength: 5 }).filter((r) => !(r.length === 1 && r[0] === '')),
    { minLength: 1, maxLength: 6 },
  );

  it('parseCsv(formatCsv(rows)) gives the rows back', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        expect(parseCsv(formatCsv(rows), 'r.csv')).toEqual(rows);
      }),
      {
        numRuns: 500,
      },
    );
  });

  it("Python's csv module reads the same cells from what we write", () => {
    const samples = fc.sample(rowsArb, { numRuns: 300, seed: 7 });
    expect(pythonCsvRows(samples.map(formatCsv))).toEqual(samples);
  });
});
