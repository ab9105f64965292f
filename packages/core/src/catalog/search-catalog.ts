import type { DatasetEntry } from './catalog-entry.js';
import { MODALITY_TITLES } from './catalog-vocabulary.js';
import { sizeBucket } from './dataset-size.js';
import { licenseFamily } from './license-family.js';
import { searchWords } from './search-text.js';

/** The facets a dataset is filtered by; each value list is OR within the facet, AND across facets. */
export const DATASET_FACETS = [
  'modality',
  'bodyRegion',
  'task',
  'annotationType',
  'license',
  'access',
  'size',
] as const;
export type DatasetFacet = (typeof DATASET_FACETS)[number];

export const CATALOG_SORTS = ['relevance', 'name', 'newest', 'largest'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface CatalogQuery {
  readonly text?: string;
  readonly filters?: Partial<Record<DatasetFacet, readonly string[]>>;
  /** Default: relevance when there is text, else name. */
  readonly sort?: CatalogSort;
}

export interface DatasetHit {
  readonly dataset: DatasetEntry;
  readonly score: number;
}

export interface CatalogSearchResult {
  readonly hits: readonly DatasetHit[];
  /**
   * For each facet, how many datasets would match with each value, given the text and the *other* facets'
   * filters (so choosing "CT" still shows how many MRI datasets there are).
   */
  readonly facets: Record<DatasetFacet, Record<string, number>>;
}

export function facetValues(dataset: DatasetEntry, facet: DatasetFacet): readonly string[] {
  switch (facet) {
    case 'modality':
      return dataset.modalities;
    case 'bodyRegion':
      return dataset.bodyRegions;
    case 'task':
      return dataset.tasks;
    case 'annotationType':
      return dataset.annotationTypes;
    case 'license':
      return [licenseFamily(dataset.license)];
    case 'access':
      return [dataset.access];
    case 'size':
      return [sizeBucket(dataset)];
  }
}

/** Field weights: a word in the name or a facet value says more than one in the notes. */
function weightedWords(dataset: DatasetEntry): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of searchWords(text)) weights.set(word, Math.max(weights.get(word) ?? 0, weight));
  };
  add(`${dataset.name} ${dataset.id}`, 5);
  add(dataset.modalities.map((m) => `${m} ${MODALITY_TITLES[m]}`).join(' '), 4);
  add([...dataset.bodyRegions, ...dataset.tasks, ...dataset.annotationTypes].join(' '), 4);
  add(dataset.labels.join(' '), 3);
  add(dataset.summary, 2);
  add(`${dataset.notes} ${dataset.citation} ${dataset.fileFormats.join(' ')}`, 1);
  return weights;
}

/** Every query word must be found; the score adds each word's best field weight. Undefined: no match. */
function textScore(words: Map<string, number>, query: readonly string[]): number | undefined {
  let score = 0;
  for (const word of query) {
    let best = words.get(word) ?? 0;
    // A word typed in part ("nod") still finds "nodule", at half weight.
    if (best === 0 && word.length >= 3)
      for (const [w, weight] of words) if (w.startsWith(word)) best = Math.max(best, weight / 2);
    if (best === 0) return undefined;
    score += best;
  }
  return score;
}

/**
 * A bonus for datasets about what was asked rather than also about it: a query word that is one of a
 * facet's values adds 1 / (how many values the facet lists). "CT kidney" ranks a CT-only kidney dataset
 * above a CT-and-MRI abdominal one that lists the kidney among five organs.
 */
function focus(dataset: DatasetEntry, words: readonly string[]): number {
  let bonus = 0;
  for (const values of [dataset.modalities, dataset.bodyRegions, dataset.tasks]) {
    const own = new Set(values.flatMap((v) => searchWords(v)));
    for (const word of words) if (own.has(word)) bonus += 1 / values.length;
  }
  return bonus;
}

function passes(dataset: DatasetEntry, query: CatalogQuery, except?: DatasetFacet): boolean {
  for (const facet of DATASET_FACETS) {
    const wanted = query.filters?.[facet];
    if (facet === except || !wanted || wanted.length === 0) continue;
    const values = facetValues(dataset, facet);
    if (!wanted.some((w) => values.includes(w))) return false;
  }
  return true;
}

function compareHits(sort: CatalogSort) {
  const byName = (a: DatasetHit, b: DatasetHit) => a.dataset.name.localeCompare(b.dataset.name, 'en');
  return (a: DatasetHit, b: DatasetHit): number => {
    switch (sort) {
      case 'relevance':
        return b.score - a.score || byName(a, b);
      case 'newest':
        return (b.dataset.year ?? 0) - (a.dataset.year ?? 0) || byName(a, b);
      case 'largest':
        return (b.dataset.subjects ?? -1) - (a.dataset.subjects ?? -1) || byName(a, b);
      case 'name':
        return byName(a, b);
    }
  };
}

/**
 * Full-text and faceted search over the catalog's datasets: the hits, sorted, and the facet counts for a
 * sidebar. Plain in-memory scoring: the catalog is a few hundred entries, and the same function serves the
 * CLI and the browser.
 */
export function searchCatalog(
  datasets: readonly DatasetEntry[],
  query: CatalogQuery = {},
): CatalogSearchResult {
  const words = searchWords(query.text ?? '');
  const scored: DatasetHit[] = [];
  for (const dataset of datasets) {
    const score = words.length === 0 ? 0 : textScore(weightedWords(dataset), words);
    if (score !== undefined) scored.push({ dataset, score: score + focus(dataset, words) });
  }
  const facets = Object.fromEntries(
    DATASET_FACETS.map((facet) => {
      const counts: Record<string, number> = {};
      for (const hit of scored)
        if (passes(hit.dataset, query, facet))
          for (const value of facetValues(hit.dataset, facet)) counts[value] = (counts[value] ?? 0) + 1;
      return [facet, counts];
    }),
  ) as Record<DatasetFacet, Record<string, number>>;
  const sort = query.sort ?? (words.length > 0 ? 'relevance' : 'name');
  const hits = scored.filter((hit) => passes(hit.dataset, query)).sort(compareHits(sort));
  return { hits, facets };
}
