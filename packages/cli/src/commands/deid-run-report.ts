import type {
  AppliedAction,
  AttributeReportEntry,
  ConfidentialityOption,
  JpegScrubReport,
  Leak,
  NiftiScrubReport,
  PngScrubReport,
} from '@voxelhub/core';
import type { BurnedInOutcome } from './deid-burned-in.js';
import type { DeidFileKind } from './deid-file.js';
import type { DeidKey } from './deid-key.js';
import type { NameMode } from './deid-output-names.js';

export type FileStatus = 'done' | 'would-write' | 'skipped' | 'failed';

/** What happened to one input file. `input` is its path relative to the argument it was found under. */
export interface FileOutcome {
  readonly input: string;
  readonly status: FileStatus;
  readonly output?: string;
  readonly kind?: DeidFileKind;
  readonly reason?: string;
  readonly error?: { readonly code: string; readonly detail: string };
  readonly report?: unknown;
  readonly leaks?: readonly Leak[];
  /** Set for DICOM files flagged for burned-in text. */
  readonly burnedIn?: BurnedInOutcome;
}

/** One attribute (or NIfTI field, PNG chunk, JPEG segment) and what was done to it, over all files. */
export interface AttributeTotal {
  readonly tag: string;
  readonly name: string;
  readonly action: string;
  readonly applied: AppliedAction;
  count: number;
  files: number;
}

export interface RunContext {
  readonly output: string | undefined;
  readonly dryRun: boolean;
  readonly options: readonly ConfidentialityOption[];
  readonly key: DeidKey;
  readonly names: NameMode;
  readonly tableEdition: string;
  readonly tableSource: string;
  /** The burned-in text rules: the rule file or 'default', and how many rules. */
  readonly burnedInRules: { readonly source: string; readonly count: number };
}

/** A file's entries in the shape of core's DICOM report, whatever its kind, so totals span all files. */
function entriesOf(outcome: FileOutcome): Omit<AttributeTotal, 'files'>[] {
  const r = outcome.report;
  switch (outcome.kind) {
    case 'dicom':
      return r as AttributeReportEntry[];
    case 'nifti': {
      const n = r as NiftiScrubReport;
      return [
        ...n.clearedFields.map((f) => entry(`NIfTI ${f}`, 'emptied')),
        ...n.extensions.map((e) => entry(`NIfTI header extension (ecode ${e.ecode})`, 'removed')),
      ];
    }
    case 'png':
      return (r as PngScrubReport).removedChunks.map((c) => entry(`PNG ${c.type} chunk`, 'removed', c.count));
    case 'jpeg':
      return (r as JpegScrubReport).removedSegments.map((s) =>
        entry(`JPEG ${s.segment} ${s.kind}`, 'removed', s.count),
      );
    default:
      return [];
  }
}

function entry(name: string, applied: AppliedAction, count = 1): Omit<AttributeTotal, 'files'> {
  return { tag: '', name, action: '', applied, count };
}

export function attributeTotals(outcomes: readonly FileOutcome[]): AttributeTotal[] {
  const totals = new Map<string, AttributeTotal>();
  for (const outcome of outcomes) {
    for (const e of entriesOf(outcome)) {
      const key = `${e.tag}|${e.name}|${e.applied}`;
      const total = totals.get(key);
      if (total) {
        total.count += e.count;
        total.files += 1;
      } else
        totals.set(key, {
          tag: e.tag,
          name: e.name,
          action: e.action,
          applied: e.applied,
          count: e.count,
          files: 1,
        });
    }
  }
  return [...totals.values()].sort(
    (a, b) => b.count - a.count || a.tag.localeCompare(b.tag) || a.name.localeCompare(b.name),
  );
}

export function countByStatus(outcomes: readonly FileOutcome[]): Record<FileStatus, number> {
  const counts: Record<FileStatus, number> = { done: 0, 'would-write': 0, skipped: 0, failed: 0 };
  for (const o of outcomes) counts[o.status] += 1;
  return counts;
}

/**
 * A file's entry as written to a report. Leaked values themselves never go in (the report travels with
 * the data), only where they are; input paths only when `withInputs`, since a PACS export's folder and
 * file names may be the patients' names.
 */
function fileEntry(o: FileOutcome, withInputs: boolean) {
  return {
    ...(withInputs ? { input: o.input } : {}),
    output: o.output ?? null,
    kind: o.kind ?? null,
    status: o.status,
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.error ? { error: o.error } : {}),
    ...(o.burnedIn ? { burnedIn: o.burnedIn } : {}),
    ...(o.report ? { report: o.report } : {}),
    leaks: (o.leaks ?? []).map((l) => ({ path: l.path, name: l.name })),
  };
}

/** Flagged files: how many, how many blanked, how many copied as they were and needing a look. */
function burnedInTotals(outcomes: readonly FileOutcome[]) {
  const flagged = outcomes.filter((o) => o.burnedIn && o.status !== 'failed');
  return {
    flagged: flagged.length,
    blanked: flagged.filter((o) => o.burnedIn?.status === 'blanked').length,
    needsReview: flagged.filter((o) => o.burnedIn?.status === 'needs review').length,
  };
}

/** The JSON report: run settings, totals per attribute and action, and one entry per file. */
export function runReportJson(outcomes: readonly FileOutcome[], context: RunContext, withInputs: boolean) {
  const counts = countByStatus(outcomes);
  return {
    tool: 'voxelhub deid',
    profile: {
      name: 'DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile',
      tableE1_1Edition: context.tableEdition,
      tableSource: context.tableSource,
    },
    options: context.options,
    key: {
      source: context.key.source,
      fingerprint: context.key.fingerprint,
      uidsReproducible: context.key.reproducible,
      ...(context.key.reproducible
        ? {}
        : { note: 'a random key was made for this run: UIDs, date shifts and names differ in every run' }),
    },
    names: context.names,
    burnedInRules: context.burnedInRules,
    dryRun: context.dryRun,
    totals: {
      files: outcomes.length,
      ...counts,
      leaks: outcomes.reduce((n, o) => n + (o.leaks?.length ?? 0), 0),
      burnedIn: burnedInTotals(outcomes),
    },
    attributes: attributeTotals(outcomes),
    files: outcomes.map((o) => fileEntry(o, withInputs)),
  };
}

export type RunReportJson = ReturnType<typeof runReportJson>;
