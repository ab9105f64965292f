import { daysBetween } from './chart-scale.js';
import type { AnnotatorQuality, PerLabelQuality, QualityReport, QualitySummary } from './quality-api.js';

/**
 * The share of a label's measured items that pass its threshold: (n − below) / n. Labels mix Dice, F1,
 * label agreement and millimetres, whose means cannot share one axis; the pass rate can.
 */
export function passRate(label: Pick<PerLabelQuality, 'n' | 'belowThreshold'>): number | null {
  if (label.n <= 0) return null;
  return Math.min(Math.max((label.n - label.belowThreshold) / label.n, 0), 1);
}

/** The summary as labelled counts, in the order an item moves through them. */
export function summaryCounts(summary: QualitySummary): { readonly name: string; readonly count: number }[] {
  return [
    { name: 'Items', count: summary.items },
    { name: 'Reading', count: summary.reading },
    { name: 'Computing', count: summary.computing },
    { name: 'Agreed', count: summary.agreed },
    { name: 'Disputed', count: summary.disputed },
    { name: 'Resolved', count: summary.resolved },
    { name: 'Sent back', count: summary.sentBack },
  ];
}

export type SortDirection = 'ascending' | 'descending';

/**
 * Orders rows by a key that may be missing: missing values go last whichever the direction (an annotator
 * with nothing measured is not the best nor the worst), ties keep their order. Returns a new array.
 */
export function sortByNullable<T>(
  rows: readonly T[],
  key: (row: T) => number | string | null,
  direction: SortDirection,
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: key(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const order =
        typeof a.value === 'string' || typeof b.value === 'string'
          ? String(a.value).localeCompare(String(b.value))
          : a.value - b.value;
      return sign * order || a.index - b.index;
    })
    .map((entry) => entry.row);
}

export type AnnotatorColumn = 'name' | 'done' | 'agreement' | 'minutes';

const ANNOTATOR_KEYS: Readonly<Record<AnnotatorColumn, (a: AnnotatorQuality) => number | string | null>> = {
  name: (a) => a.displayName,
  done: (a) => a.itemsDone,
  agreement: (a) => a.meanAgreement,
  minutes: (a) => a.medianMinutesPerItem,
};

export function sortAnnotators(
  rows: readonly AnnotatorQuality[],
  column: AnnotatorColumn,
  direction: SortDirection,
): AnnotatorQuality[] {
  return sortByNullable(rows, ANNOTATOR_KEYS[column], direction);
}

/** The first and last day any annotator finished something, or null when nobody did. */
export function throughputDays(perAnnotator: readonly AnnotatorQuality[]): string[] {
  const dates = perAnnotator.flatMap((a) => a.throughputPerDay.map((d) => d.date)).sort();
  if (dates.length === 0) return [];
  return daysBetween(dates[0]!, dates[dates.length - 1]!);
}

/**
 * An annotator's items done per day over `days`, 0 on days the server left out: every sparkline then spans
 * the same days and can be compared by eye.
 */
export function throughputSeries(annotator: AnnotatorQuality, days: readonly string[]): number[] {
  const byDay = new Map<string, number>();
  for (const { date, done } of annotator.throughputPerDay) byDay.set(date, (byDay.get(date) ?? 0) + done);
  return days.map((day) => byDay.get(day) ?? 0);
}

/** Agreement over time on a continuous day axis: days without computed items are gaps (null). */
export function agreementOverTime(
  overTime: QualityReport['overTime'],
): { readonly date: string; readonly value: number | null; readonly items: number }[] {
  if (overTime.length === 0) return [];
  const sorted = [...overTime].sort((a, b) => a.date.localeCompare(b.date));
  const byDay = new Map(sorted.map((d) => [d.date, d]));
  return daysBetween(sorted[0]!.date, sorted[sorted.length - 1]!.date).map((date) => {
    const day = byDay.get(date);
    return { date, value: day?.meanAgreement ?? null, items: day?.items ?? 0 };
  });
}
