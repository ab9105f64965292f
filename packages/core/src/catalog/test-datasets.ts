import type { DatasetEntry } from './catalog-entry.js';

/** Made-up entries for the search tests: their facts are not real and never enter catalog/. */
export function testDataset(
  overrides: Partial<DatasetEntry> & Pick<DatasetEntry, 'id' | 'name'>,
): DatasetEntry {
  return {
    summary: '',
    modalities: ['ct'],
    bodyRegions: ['abdomen'],
    tasks: ['segmentation'],
    annotationTypes: ['mask'],
    labels: [],
    subjects: null,
    images: null,
    imageUnit: 'volumes',
    fileFormats: ['nifti'],
    license: 'CC BY 4.0',
    access: 'open',
    year: null,
    url: 'https://example.org',
    citation: 'Test.',
    notes: '',
    sources: [{ url: 'https://example.org', checked: '2026-11-28', facts: 'none: a test entry' }],
    ...overrides,
  };
}

export const TEST_DATASETS: readonly DatasetEntry[] = [
  testDataset({
    id: 'kidney-ct',
    name: 'Kidney Tumour CT',
    summary: 'Contrast CT of renal tumours with kidney, tumour and cyst masks.',
    bodyRegions: ['kidney', 'abdomen'],
    labels: ['kidney', 'tumor', 'cyst'],
    subjects: 489,
    year: 2023,
    license: 'CC BY-NC-SA 4.0',
  }),
  testDataset({
    id: 'liver-ct',
    name: 'Liver Lesions',
    summary: 'Liver and lesion masks in portal venous CT.',
    bodyRegions: ['liver', 'abdomen'],
    subjects: 131,
    year: 2017,
  }),
  testDataset({
    id: 'chest-films',
    name: 'Chest Films',
    summary: 'Frontal chest radiographs with 14 finding labels.',
    modalities: ['xray'],
    bodyRegions: ['chest'],
    tasks: ['classification'],
    annotationTypes: ['image-label'],
    imageUnit: 'images',
    fileFormats: ['png'],
    subjects: 30_805,
    year: 2017,
    license: 'CC0 1.0',
  }),
  testDataset({
    id: 'kidney-mr',
    name: 'Renal MR',
    summary: 'Kidney segmentation in T2 MRI.',
    modalities: ['mri'],
    bodyRegions: ['kidney'],
    subjects: 40,
    year: 2019,
    access: 'registration',
    license: 'Challenge rules',
  }),
];
