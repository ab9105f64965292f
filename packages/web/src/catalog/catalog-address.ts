import {
  CATALOG_SORTS,
  type CatalogQuery,
  type CatalogSort,
  DATASET_FACETS,
  type DatasetFacet,
} from '@voxelhub/core/catalog';

/**
 * The catalog page's search as an address query (`?q=kidney&modality=ct&modality=mri&sort=newest`), so a
 * search can be bookmarked, shared and gone back to with the browser's Back button.
 */
export function queryFromSearch(search: string): CatalogQuery {
  const params = new URLSearchParams(search);
  const filters: Partial<Record<DatasetFacet, string[]>> = {};
  for (const facet of DATASET_FACETS) {
    const values = params.getAll(facet).filter((v) => v !== '');
    if (values.length > 0) filters[facet] = [...new Set(values)];
  }
  const sort = params.get('sort');
  const text = params.get('q') ?? '';
  return {
    text,
    filters,
    ...(sort && (CATALOG_SORTS as readonly string[]).includes(sort) ? { sort: sort as CatalogSort } : {}),
  };
}

export function searchFromQuery(query: CatalogQuery): string {
  const params = new URLSearchParams();
  // Kept as typed (a trailing space too): the search box shows the address's text back as it was typed.
  if (query.text?.trim()) params.set('q', query.text);
  for (const facet of DATASET_FACETS)
    for (const value of query.filters?.[facet] ?? []) params.append(facet, value);
  if (query.sort) params.set('sort', query.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The query with one facet value switched on or off. */
export function toggleFilter(query: CatalogQuery, facet: DatasetFacet, value: string): CatalogQuery {
  const current = query.filters?.[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...query, filters: { ...query.filters, [facet]: next } };
}
