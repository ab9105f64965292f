/**
 * The report of a finished dataset import, read from GET …/dataset-imports/:jobId (its `report`) or from
 * the job (GET …/jobs/:jobId, the last event of …/events: its `result`). The report is the server's DatasetImportReport (server/src/dataset-import/
 * dataset-import-report.ts): labels created and matched, images imported, already there, failed and held
 * for review, annotations created per label, files skipped and why. Should the result be missing (a job
 * that failed before it had one), the job's own counts and failed items say what they can.
 */
export interface DatasetImportReport {
  readonly state: string;
  /** Why the job as a whole failed, if it did. */
  readonly error: string | null;
  readonly layoutSummary: string | null;
  readonly labels: { readonly created: readonly string[]; readonly existing: readonly string[] };
  readonly images: {
    readonly imported: number;
    readonly duplicates: number;
    readonly failed: number;
    /** Held for review of burned-in text (de-identification): not in the project until accepted. */
    readonly held: number;
  };
  readonly annotations: readonly { readonly label: string; readonly count: number }[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  readonly failures: readonly { readonly name: string; readonly reason: string }[];
}

type Json = Record<string, unknown>;

function objectOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function textIn(source: Json, ...keys: string[]): string {
  for (const key of keys) if (typeof source[key] === 'string') return source[key] as string;
  return '';
}

/** [{file, reason}] (the report) or [{name, code, reason}] (the job's failed and skipped items). */
function namedReasons(value: unknown) {
  if (!Array.isArray(value)) return undefined;
  return value
    .map(objectOf)
    .map((row) => ({ name: textIn(row, 'file', 'name'), reason: textIn(row, 'reason') }));
}

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === 'string' ? v : textIn(objectOf(v), 'name'))).filter(Boolean);
}

/** GET …/dataset-imports/:jobId has it as `report`; a job view as `result` (JSON, or its text). */
function resultOf(view: Json): Json {
  const result = view.report ?? view.result;
  if (typeof result !== 'string') return objectOf(result);
  try {
    return objectOf(JSON.parse(result));
  } catch {
    return {};
  }
}

export function datasetImportReportOf(job: unknown): DatasetImportReport {
  const view = objectOf(job);
  const result = resultOf(view);
  const counts = objectOf(view.counts);
  const images = objectOf(result.images);
  const annotations = objectOf(result.annotations);
  const labels = objectOf(result.labels);
  const failures = namedReasons(images.failed) ?? namedReasons(view.failures) ?? [];
  return {
    state: textIn(view, 'state') || 'done',
    error: textIn(view, 'error') || null,
    layoutSummary: textIn(objectOf(result.layout), 'summary') || null,
    labels: { created: names(labels.created), existing: names(labels.existing) },
    images: {
      imported: numberOr(images.imported, numberOr(counts.imported, 0)),
      duplicates: numberOr(images.duplicates, numberOr(counts.duplicates, 0)),
      failed: Array.isArray(images.failed) ? images.failed.length : numberOr(counts.failed, failures.length),
      held: Array.isArray(images.held) ? images.held.length : 0,
    },
    annotations: (Array.isArray(annotations.created) ? annotations.created : []).map(objectOf).map((row) => ({
      label: textIn(row, 'label', 'name'),
      count: numberOr(row.count, 0),
    })),
    skipped: namedReasons(annotations.skipped) ?? namedReasons(view.skippedItems) ?? [],
    failures,
  };
}

/** One line saying what happened. */
export function reportSummary(report: DatasetImportReport): string {
  const { imported, duplicates, failed, held } = report.images;
  const annotations = report.annotations.reduce((sum, row) => sum + row.count, 0);
  const parts = [
    `${imported} image${imported === 1 ? '' : 's'} imported`,
    ...(duplicates > 0 ? [`${duplicates} already in the project`] : []),
    ...(held > 0 ? [`${held} held for privacy review`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
    `${annotations} annotation${annotations === 1 ? '' : 's'} created`,
    ...(report.skipped.length > 0 ? [`${report.skipped.length} skipped`] : []),
  ];
  return parts.join(', ');
}
