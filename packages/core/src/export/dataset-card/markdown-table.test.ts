import { describe, expect, it } from 'vitest';
import { escapeMarkdownCell, markdownTable } from './markdown-table.js';

describe('escapeMarkdownCell', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['line 1\nline 2', 'line 1 line 2'],
    ['one\r\ntwo\rthree', 'one two three'],
    ['ends with \\', 'ends with \\\\'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeMarkdownCell(text)).toBe(escaped);
  });
});

describe('markdownTable', () => {
  it('draws a header, an alignment rule (numbers right) and escaped rows', () => {
    const table = { headers: ['Label', 'Count'], rows: [['a|b', '3']], numeric: [false, true] };
    expect(markdownTable(table)).toBe('| Label | Count |\n| --- | ---: |\n| a\\|b | 3 |');
  });
});
