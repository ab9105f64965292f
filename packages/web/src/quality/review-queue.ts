import { formatMetric, formatNumber, formatThreshold } from './metric-format.js';
import type { LabelAgreement, QualityItem } from './quality-api.js';

/**
 * Disputed items worst first (lowest threshold-normalised score), items not yet scored last, then the
 * oldest first: the server sorts this way too, but a page assembled from several answers must stay sorted.
 */
export function sortWorstFirst(items: readonly QualityItem[]): QualityItem[] {
  return [...items].sort((a, b) => {
    if (a.worst !== b.worst) {
      if (a.worst === null) return 1;
      if (b.worst === null) return -1;
      return a.worst - b.worst;
    }
    return a.createdAt.localeCompare(b.createdAt);
  });
}

/** The labels an item fails, worst first by how far under their threshold they are. */
export function failingLabels(item: QualityItem): LabelAgreement[] {
  return (item.agreement ?? []).filter((label) => !label.passed);
}

export interface QueueRow {
  readonly id: string;
  readonly worstText: string;
  /** "Liver: 0.61 (≥ 0.80)"; a missing value says why, when the server said. */
  readonly failing: readonly string[];
  readonly readers: string;
}

export function queueRow(item: QualityItem): QueueRow {
  return {
    id: item.id,
    worstText: formatNumber(item.worst),
    failing: failingLabels(item).map((label) => {
      const rule = formatThreshold(label.threshold, label.metric, label.higherIsBetter);
      const why = label.value === null && label.note ? `; ${label.note}` : '';
      return `${label.labelName}: ${formatMetric(label.value, label.metric)} (${rule}${why})`;
    }),
    readers: item.readers.map((reader) => reader.displayName).join(', '),
  };
}

/** What an item is, for a heading or a link: its series or image id, shortened. */
export function itemTitle(item: Pick<QualityItem, 'id' | 'seriesUid' | 'imageId'>): string {
  if (item.seriesUid) return `Series …${item.seriesUid.slice(-12)}`;
  if (item.imageId) return `Image ${item.imageId.slice(0, 8)}`;
  return `Item ${item.id.slice(0, 8)}`;
}

/**
 * The disputed item to review after this one: the first of the (worst-first) list that is not the current
 * item, which may still be listed if the answer came before the decision was saved. Null when none is left.
 */
export function nextItemId(items: readonly Pick<QualityItem, 'id'>[], currentId: string): string | null {
  return items.find((item) => item.id !== currentId)?.id ?? null;
}
