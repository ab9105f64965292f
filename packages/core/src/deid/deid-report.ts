import type { SubjectMapping } from './subject-pseudonym.js';
import type { ProfileAction } from './table-e1-1-row.js';

/** What was done to one attribute: removed, emptied, given a dummy, UID replaced, kept, cleaned or date-shifted. */
export type AppliedAction =
  | 'removed'
  | 'emptied'
  | 'dummy'
  | 'uid-replaced'
  | 'kept'
  | 'cleaned'
  | 'date-shifted'
  | 'pseudonym';

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
  private readonly entries = new Map<string, Map<AppliedAction, AttributeReportEntry>>();
  private readonly subjectsByKey = new Map<string, SubjectMapping>();

  /** Notes an original identity and its pseudonym, once per distinct identity. */
  recordSubject(subject: SubjectMapping): void {
    const key = JSON.stringify([
      subject.pseudonym,
      subject.patientId,
      subject.patientName,
      subject.issuerOfPatientId,
    ]);
    if (!this.subjectsByKey.has(key)) this.subjectsByKey.set(key, subject);
  }

  /**
   * The re-identification mapping: identifying by definition, so callers keep it apart from the
   * de-identified data (the CLI writes it only when asked, the server into its vault).
   */
  subjects(): SubjectMapping[] {
    return [...this.subjectsByKey.values()].sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
  }

  record(tag: string, name: string, action: ProfileAction | '', applied: AppliedAction): void {
    // By tag, then by what was applied: called for every element of every file, so no key is built.
    let byApplied = this.entries.get(tag);
    if (!byApplied) {
      byApplied = new Map();
      this.entries.set(tag, byApplied);
    }
    const entry = byApplied.get(applied);
    if (entry) entry.count += 1;
    else byApplied.set(applied, { tag, name, action, applied, count: 1 });
  }

  /** Entries in tag order. */
  list(): AttributeReportEntry[] {
    return [...this.entries.values()]
      .flatMap((byApplied) => [...byApplied.values()])
      .sort((a, b) => a.tag.localeCompare(b.tag) || a.applied.localeCompare(b.applied));
  }
}
