import {
  CATALOG_SORTS,
  type Catalog,
  type CatalogSort,
  DATASET_FACETS,
  searchCatalog,
} from '@voxelhub/core/catalog';
import { useEffect, useMemo, useRef } from 'react';
import { useApiGet } from '../api/use-api-get.js';
import { LoadState } from '../app/LoadState.js';
import { navigate } from '../app/navigation.js';
import { queryFromSearch, searchFromQuery, toggleFilter } from './catalog-address.js';
import { DatasetCard } from './DatasetCard.js';
import { FacetList } from './FacetList.js';
import { OtherEntries } from './OtherEntries.js';
import './catalog.css';

const SORT_TITLES: Record<CatalogSort, string> = {
  relevance: 'Best match',
  name: 'Name',
  newest: 'Newest',
  largest: 'Most subjects',
};

/**
 * The catalog (issue 8): public datasets searched by words and narrowed by facets, each a card with its
 * size, license and access; then the annotation tools and learning resources. The search lives in the
 * address (`?q=…&modality=ct`), so Back and bookmarks work. `/` focuses the search box.
 */
export function CatalogPage({ search }: { readonly search: string }) {
  const loaded = useApiGet<Catalog>('/api/catalog');
  return (
    <main className="page catalog-page">
      <h1>Catalog</h1>
      <LoadState loaded={loaded}>
        {(catalog) => <CatalogSearch catalog={catalog} search={search} />}
      </LoadState>
    </main>
  );
}

function CatalogSearch({ catalog, search }: { readonly catalog: Catalog; readonly search: string }) {
  const query = useMemo(() => queryFromSearch(search), [search]);
  const result = useMemo(() => searchCatalog(catalog.datasets, query), [catalog, query]);
  const input = useRef<HTMLInputElement>(null);
  const go = (next: typeof query, replace = false) =>
    navigate(`/catalog${searchFromQuery(next)}`, { replace });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select')) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <search className="catalog-bar">
        <input
          ref={input}
          type="search"
          aria-label="Search datasets"
          placeholder="Search datasets, e.g. CT kidney segmentation  ( / )"
          value={query.text ?? ''}
          onChange={(event) => go({ ...query, text: event.target.value }, true)}
        />
        <label>
          Sort{' '}
          <select
            value={query.sort ?? (query.text?.trim() ? 'relevance' : 'name')}
            onChange={(event) => go({ ...query, sort: event.target.value as CatalogSort })}
          >
            {CATALOG_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_TITLES[s]}
              </option>
            ))}
          </select>
        </label>
      </search>
      <div className="catalog-layout">
        <aside aria-label="Filters">
          {DATASET_FACETS.map((facet) => (
            <FacetList
              key={facet}
              facet={facet}
              counts={result.facets[facet]}
              selected={query.filters?.[facet] ?? []}
              onToggle={(value) => go(toggleFilter(query, facet, value))}
            />
          ))}
        </aside>
        <section aria-label="Datasets">
          <p className="muted" role="status">
            {result.hits.length} of {catalog.datasets.length} datasets
          </p>
          {result.hits.length === 0 ? (
            <p>No dataset matches every word and filter. Try fewer words, or clear a filter.</p>
          ) : (
            <div className="dataset-cards">
              {result.hits.map((hit) => (
                <DatasetCard key={hit.dataset.id} dataset={hit.dataset} />
              ))}
            </div>
          )}
          <OtherEntries catalog={catalog} />
        </section>
      </div>
    </>
  );
}
