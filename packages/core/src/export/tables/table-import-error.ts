/**
 * What an importer reports about a file it cannot read: every bad cell, each with the file, the row and the
 * column (or JSON field) it is in. CSV rows are counted as records, the header being row 1 (as a
 * spreadsheet shows them); annotations.json rows are indexes into its `annotations` (or `images`, `labels`)
 * array, and `column` is then the field path.
 */
export interface TableIssue {
  readonly file: string;
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

export function describeTableIssue(issue: TableIssue): string {
  const column = issue.column ? `, column "${issue.column}"` : '';
  return `${issue.file} row ${issue.row}${column}: ${issue.message}`;
}

/** Most issues listed in the message; all of them are on `issues`. */
const LISTED_IN_MESSAGE = 20;

/** An expected failure: a table or JSON file that does not import. Lists every bad cell found. */
export class TableImportError extends TypeError {
  override readonly name = 'TableImportError';
  readonly issues: readonly TableIssue[];

  constructor(issues: readonly TableIssue[]) {
    const listed = issues.slice(0, LISTED_IN_MESSAGE).map(describeTableIssue).join('; ');
    const more = issues.length > LISTED_IN_MESSAGE ? ` (and ${issues.length - LISTED_IN_MESSAGE} more)` : '';
    super(`${listed}${more}`);
    this.issues = issues;
  }
}

/** Thrown by a cell reader inside one row; the row loop adds the file and row and carries on. */
export class CellError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}
