import { SPLITS } from '../export-dataset.js';
import type { SplitSummary } from '../splits/split-summary.js';
import type { DatasetCardInput, LabelAgreementSummary } from './dataset-card-input.js';
import type { CardTable } from './markdown-table.js';

/**
 * The card's tables as plain text, shared by the Markdown and the HTML renderer so the two always say the
 * same thing. Counts per split come from `summariseSplits`; the totals add the three splits.
 */

const SPLIT_HEADERS = SPLITS.map((split) => split[0]?.toUpperCase() + split.slice(1));

function splitOf(splits: readonly SplitSummary[], split: string): SplitSummary | undefined {
  return splits.find((s) => s.split === split);
}

export function splitTable(splits: readonly SplitSummary[]): CardTable {
  const rows = SPLITS.map((split, i) => {
    const s = splitOf(splits, split);
    return [
      SPLIT_HEADERS[i] ?? split,
      String(s?.subjects ?? 0),
      String(s?.images ?? 0),
      String(s?.annotations ?? 0),
    ];
  });
  const total = (key: 'subjects' | 'images' | 'annotations') =>
    String(splits.reduce((sum, s) => sum + s[key], 0));
  return {
    headers: ['Split', 'Subjects', 'Images', 'Annotations'],
    rows: [...rows, ['Total', total('subjects'), total('images'), total('annotations')]],
    numeric: [false, true, true, true],
  };
}

/** Images per modality and split; an unknown modality reads 'unknown'. */
export function modalityTable(splits: readonly SplitSummary[]): CardTable {
  const modalities = [...new Set(splits.flatMap((s) => s.modalities.map((m) => m.modality)))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const rows = modalities.map((modality) => {
    const perSplit = SPLITS.map(
      (split) => splitOf(splits, split)?.modalities.find((m) => m.modality === modality)?.images ?? 0,
    );
    const total = perSplit.reduce((sum, n) => sum + n, 0);
    return [modality ?? 'unknown', ...perSplit.map(String), String(total)];
  });
  return {
    headers: ['Modality', ...SPLIT_HEADERS, 'Total images'],
    rows,
    numeric: [false, true, true, true, true],
  };
}

/** Annotations per label (schema order) and split, with the label's type and the images it appears on. */
export function labelTable(input: DatasetCardInput): CardTable {
  const rows = input.dataset.labels.map((label) => {
    const counts = SPLITS.map((split) =>
      splitOf(input.splits, split)?.labels.find((l) => l.labelId === label.id),
    );
    const annotations = counts.map((c) => c?.annotations ?? 0);
    const images = counts.reduce((sum, c) => sum + (c?.images ?? 0), 0);
    const total = annotations.reduce((sum, n) => sum + n, 0);
    return [label.name, label.type, ...annotations.map(String), String(total), String(images)];
  });
  return {
    headers: ['Label', 'Type', ...SPLIT_HEADERS, 'Total annotations', 'Images'],
    rows,
    numeric: [false, false, true, true, true, true, true],
  };
}

export function annotatorTable(input: DatasetCardInput): CardTable {
  return {
    headers: ['Annotator', 'Items done'],
    rows: input.annotators.map((a) => [a.displayName, String(a.itemsDone)]),
    numeric: [false, true],
  };
}

const METRIC_NAMES: Readonly<Record<string, string>> = {
  dice: 'Dice',
  f1: 'F1',
  distanceMm: 'Distance (mm)',
  labelAgreement: 'Label agreement',
};

function formatScore(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

function formatAlpha(alpha: LabelAgreementSummary['krippendorffAlpha']): string {
  if (alpha === undefined) return '—';
  if (alpha.estimate === null) return 'n/a';
  const interval =
    alpha.lower === null || alpha.upper === null
      ? ''
      : ` (95% CI ${formatScore(alpha.lower)} to ${formatScore(alpha.upper)})`;
  return `${formatScore(alpha.estimate)}${interval}`;
}

/**
 * Per label: the metric, its mean over the items measured, the threshold (≥ for scores, ≤ for distances),
 * how many items failed it, and Krippendorff's alpha for classification labels ('—' for the others).
 */
export function agreementTable(agreement: readonly LabelAgreementSummary[]): CardTable {
  const rows = agreement.map((a) => [
    a.labelName,
    METRIC_NAMES[a.metric] ?? a.metric,
    formatScore(a.mean),
    String(a.n),
    `${a.higherIsBetter === false ? '≤' : '≥'} ${a.threshold}`,
    String(a.belowThreshold),
    formatAlpha(a.krippendorffAlpha),
  ]);
  return {
    headers: ['Label', 'Metric', 'Mean', 'Items', 'Threshold', 'Not meeting threshold', "Krippendorff's α"],
    rows,
    numeric: [false, false, true, true, true, true, false],
  };
}
