import type { DatasetFacet } from '@voxelhub/core/catalog';
import { FACET_TITLES, facetValueTitle } from './facet-titles.js';

/** One facet's values with how many datasets each would give; checked values filter (OR within a facet). */
export function FacetList(props: {
  readonly facet: DatasetFacet;
  readonly counts: Readonly<Record<string, number>>;
  readonly selected: readonly string[];
  readonly onToggle: (value: string) => void;
}) {
  const values = Object.keys(props.counts)
    .concat(props.selected.filter((v) => !(v in props.counts)))
    .sort((a, b) => (props.counts[b] ?? 0) - (props.counts[a] ?? 0) || a.localeCompare(b));
  if (values.length === 0) return null;
  return (
    <fieldset className="facet">
      <legend>{FACET_TITLES[props.facet]}</legend>
      {values.map((value) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={props.selected.includes(value)}
            onChange={() => props.onToggle(value)}
          />
          <span>{facetValueTitle(props.facet, value)}</span>
          <span className="muted">{props.counts[value] ?? 0}</span>
        </label>
      ))}
    </fieldset>
  );
}
