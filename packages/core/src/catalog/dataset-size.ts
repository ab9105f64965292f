import type { DatasetEntry } from './catalog-entry.js';

/** The size facet: subjects, in decades, since "a few dozen patients" and "a hundred thousand" need different plans. */
export const SIZE_BUCKETS = ['< 100', '100–999', '1,000–9,999', '≥ 10,000', 'unknown'] as const;
export type SizeBucket = (typeof SIZE_BUCKETS)[number];

export function sizeBucket(dataset: Pick<DatasetEntry, 'subjects'>): SizeBucket {
  const n = dataset.subjects;
  if (n === null) return 'unknown';
  if (n < 100) return '< 100';
  if (n < 1000) return '100–999';
  if (n < 10_000) return '1,000–9,999';
  return '≥ 10,000';
}
