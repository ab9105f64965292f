import { describe, expect, it } from 'vitest';
import { queryFromSearch, searchFromQuery, toggleFilter } from './catalog-address.js';

describe('the catalog address', () => {
  it('reads text, repeated facet values and the sort, and writes them back the same', () => {
    const search = '?q=kidney+tumour&modality=ct&modality=mri&access=open&sort=newest';
    const query = queryFromSearch(search);
    expect(query).toEqual({
      text: 'kidney tumour',
      filters: { modality: ['ct', 'mri'], access: ['open'] },
      sort: 'newest',
    });
    expect(searchFromQuery(query)).toBe(search);
  });

  it('keeps the text as typed, trailing space included, so typing in the box is not undone', () => {
    expect(queryFromSearch(searchFromQuery({ text: 'CT ', filters: {} })).text).toBe('CT ');
  });

  it('ignores an unknown sort and unknown parameters, and writes nothing for an empty search', () => {
    expect(queryFromSearch('?sort=random&colour=red')).toEqual({ text: '', filters: {} });
    expect(searchFromQuery({ text: '  ', filters: {} })).toBe('');
  });

  it('switches a facet value on and off', () => {
    const on = toggleFilter({ text: '' }, 'task', 'segmentation');
    expect(on.filters?.task).toEqual(['segmentation']);
    expect(toggleFilter(on, 'task', 'segmentation').filters?.task).toEqual([]);
  });
});
