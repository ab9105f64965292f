/** A table both renderers draw: header cells, rows of plain-text cells, and which columns are numbers. */
export interface CardTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns aligned right (numbers); the rest align left. */
  readonly numeric: readonly boolean[];
}

/**
 * A cell's text made safe for a GitHub-flavoured Markdown table: a `|` would end the cell and a line break
 * the row, so pipes are backslash-escaped and line breaks become spaces. Backslashes are doubled first so
 * that a trailing `\` cannot escape the cell's closing pipe.
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, ' ');
}

export function markdownTable(table: CardTable): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  const rule = `| ${table.headers.map((_, column) => (table.numeric[column] ? '---:' : '---')).join(' | ')} |`;
  return [line(table.headers), rule, ...table.rows.map(line)].join('\n');
}
