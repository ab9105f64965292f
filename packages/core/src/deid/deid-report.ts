import type { ProfileAction } from './table-e1-1-row.js';

/** What was done to one attribute: removed, emptied, given a dummy, UID replaced, kept, cleaned or date-shifted. */
export type AppliedAction =
  | 'removed'
  | 'emptied'
  | 'dummy'
  | 'uid-replaced'
  | 'kept'
  | 'cleaned'
  | 'date-shifted';

export interface AttributeReportEntry {
  /** 8 hex digits, upper case. */
  readonly tag: string;
  /** The Table E.1-1 name, or 'Private attribute' / '' for attributes outside the table. */
  readonly name: string;
  /** The action the table and the options call for ('' for attributes outside the table). */
  readonly action: ProfileAction | '';
  readonly applied: AppliedAction;
  count: number;
}

/** Per attribute, which action was applied and how often; one report can span many files. */
export class DeidReport {
  private readonly entries = new Map<string, AttributeReportEntry>();

  record(tag: string, name: string, action: ProfileAction | '', applied: AppliedAction): void {
    const key = `${tag}|${applied}`;
    const entry = this.entries.get(key);
    if (entry) entry.count += 1;
    else this.entries.set(key, { tag, name, action, applied, count: 1 });
  }

  /** Entries in tag order. */
  list(): AttributeReportEntry[] {
    return [...this.entries.values()].sort(
      (a, b) => a.tag.localeCompare(b.tag) || a.applied.localeCompare(b.applied),
    );
  }
}
