import { describe, expect, it } from 'vitest';
import { licenseFamily } from './license-family.js';
import { searchCatalog } from './search-catalog.js';
import { searchWords } from './search-text.js';
import { TEST_DATASETS, testDataset } from './test-datasets.js';

const ids = (text: string, extra: Parameters<typeof searchCatalog>[1] = {}) =>
  searchCatalog(TEST_DATASETS, { text, ...extra }).hits.map((h) => h.dataset.id);

describe('searchCatalog', () => {
  it('finds "CT kidney segmentation" by modality, region and task', () => {
    expect(ids('CT kidney segmentation')).toEqual(['kidney-ct']);
    // Without a modality, the dataset about the kidney alone comes before the one about the abdomen too.
    expect(ids('kidney segmentation')).toEqual(['kidney-mr', 'kidney-ct']);
  });

  it('ranks a dataset about what was asked above one that is also about it', () => {
    const broad = testDataset({
      id: 'abdomen-ct-mr',
      name: 'Abdomen CT MR Segmentation',
      modalities: ['ct', 'mri'],
      bodyRegions: ['abdomen', 'liver', 'kidney', 'pancreas'],
    });
    const focused = testDataset({
      id: 'kidney-ct-2',
      name: 'Kidney Segmentation',
      bodyRegions: ['kidney', 'abdomen'],
    });
    const hits = searchCatalog([broad, focused], { text: 'CT kidney segmentation' }).hits.map(
      (h) => h.dataset.id,
    );
    expect(hits).toEqual(['kidney-ct-2', 'abdomen-ct-mr']);
  });

  it('meets the spellings of one thing: tumour/tumor, X-ray/radiograph, renal/kidney, plurals', () => {
    expect(ids('tumour')).toEqual(['kidney-ct']);
    expect(ids('x-ray')).toEqual(['chest-films']);
    expect(ids('chest radiographs')).toEqual(['chest-films']);
    expect(ids('renal masks')).toEqual(expect.arrayContaining(['kidney-ct', 'kidney-mr']));
  });

  it('needs every word, and finds a word typed in part', () => {
    expect(ids('kidney liver')).toEqual([]);
    expect(ids('lesi')).toEqual(['liver-ct']);
  });

  it('filters by facets, OR within a facet and AND across them, and counts the other facets', () => {
    const result = searchCatalog(TEST_DATASETS, { filters: { modality: ['ct'], access: ['open'] } });
    expect(result.hits.map((h) => h.dataset.id)).toEqual(['kidney-ct', 'liver-ct']);
    // The modality counts ignore the modality filter but keep the access one.
    expect(result.facets.modality).toEqual({ ct: 2, xray: 1 });
    expect(result.facets.access).toEqual({ open: 2 });
    expect(result.facets.size).toEqual({ '100–999': 2 });
    expect(result.facets.license).toEqual({ 'CC BY': 1, 'CC BY-NC-SA': 1 });
    const both = searchCatalog(TEST_DATASETS, { filters: { modality: ['ct', 'mri'] } });
    expect(both.hits).toHaveLength(3);
  });

  it('sorts by name, newest and largest', () => {
    expect(ids('', { sort: 'name' })).toEqual(['chest-films', 'kidney-ct', 'liver-ct', 'kidney-mr']);
    expect(ids('', { sort: 'newest' })).toEqual(['kidney-ct', 'kidney-mr', 'chest-films', 'liver-ct']);
    expect(ids('', { sort: 'largest' })).toEqual(['chest-films', 'kidney-ct', 'liver-ct', 'kidney-mr']);
  });
});

describe('searchWords', () => {
  it('splits hyphenated words and keeps them whole', () => {
    expect(searchWords('Whole-body CT')).toEqual(['whole-body', 'whole', 'body', 'ct']);
  });
});

describe('licenseFamily', () => {
  it.each([
    ['CC BY 4.0', 'CC BY'],
    ['Creative Commons Attribution-NonCommercial-ShareAlike 4.0', 'CC BY-NC-SA'],
    ['CC BY-NC-ND 4.0', 'CC BY-NC-ND'],
    ['CC0 1.0', 'CC0 / public domain'],
    ['ODC-By 1.0', 'Other open license'],
    ['PhysioNet Credentialed Health Data License 1.5.0', 'Data-use agreement'],
    ['Kaggle competition rules', 'Other terms'],
  ])('%s is %s', (license, family) => {
    expect(licenseFamily(license)).toBe(family);
  });
});
