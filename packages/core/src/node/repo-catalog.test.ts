import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog.js';
import type { DatasetEntry } from '../catalog/catalog-entry.js';
import { readCatalog } from './read-catalog.js';

/** The repository's own catalog/ folder: every file must fit the schema, and it must cover the field. */
const CATALOG_ROOT = fileURLToPath(new URL('../../../../catalog', import.meta.url));

let catalog: Catalog;
beforeAll(async () => {
  catalog = await readCatalog(CATALOG_ROOT);
});

function some(predicate: (d: DatasetEntry) => boolean): DatasetEntry[] {
  return catalog.datasets.filter(predicate);
}

describe('the catalog in catalog/', () => {
  it('holds at least 80 datasets, each checked against a source', () => {
    expect(catalog.datasets.length).toBeGreaterThanOrEqual(80);
    for (const d of catalog.datasets) expect(d.sources.length, d.id).toBeGreaterThan(0);
  });

  it('covers every modality the issue names', () => {
    for (const modality of ['xray', 'mammography', 'ct', 'mri', 'ultrasound', 'pet'] as const)
      expect(some((d) => d.modalities.includes(modality)).length, modality).toBeGreaterThanOrEqual(2);
    expect(some((d) => d.modalities.length > 1).length, 'multi-modal').toBeGreaterThanOrEqual(3);
  });

  // The uses the issue names: the datasets the field actually uses for each must be there.
  const uses: [string, (d: DatasetEntry) => boolean][] = [
    [
      'chest X-ray classification',
      (d) =>
        d.modalities.includes('xray') &&
        d.bodyRegions.includes('chest') &&
        d.tasks.includes('classification'),
    ],
    [
      'lung nodules in CT',
      (d) => d.modalities.includes('ct') && d.bodyRegions.includes('lung') && d.tasks.includes('detection'),
    ],
    [
      'kidney tumours in CT',
      (d) =>
        d.modalities.includes('ct') && d.bodyRegions.includes('kidney') && d.tasks.includes('segmentation'),
    ],
    [
      'liver tumours in CT',
      (d) =>
        d.modalities.includes('ct') && d.bodyRegions.includes('liver') && d.tasks.includes('segmentation'),
    ],
    [
      'whole-body organ segmentation',
      (d) => d.bodyRegions.includes('whole-body') && d.tasks.includes('segmentation'),
    ],
    [
      'brain tumours in MRI',
      (d) =>
        d.modalities.includes('mri') && d.bodyRegions.includes('brain') && d.tasks.includes('segmentation'),
    ],
    ['cardiac MR', (d) => d.modalities.includes('mri') && d.bodyRegions.includes('heart')],
    ['knee MR', (d) => d.modalities.includes('mri') && d.bodyRegions.includes('knee')],
    ['prostate', (d) => d.bodyRegions.includes('prostate')],
    ['breast ultrasound', (d) => d.modalities.includes('ultrasound') && d.bodyRegions.includes('breast')],
    ['echocardiography', (d) => d.modalities.includes('ultrasound') && d.bodyRegions.includes('heart')],
    ['fetal ultrasound', (d) => d.modalities.includes('ultrasound') && d.bodyRegions.includes('fetus')],
    ['mammography screening', (d) => d.modalities.includes('mammography')],
  ];
  it.each(uses)('has datasets for %s', (_use, predicate) => {
    expect(some(predicate).length).toBeGreaterThanOrEqual(1);
  });

  it('catalogues annotation tools and learning resources, DICOM PS3.15 and PS3.18 among them', () => {
    expect(catalog.tools.length).toBeGreaterThanOrEqual(10);
    expect(catalog.resources.length).toBeGreaterThanOrEqual(10);
    const standards = catalog.resources.filter((r) => r.kind === 'standard').map((r) => r.name);
    expect(standards.some((name) => name.includes('PS3.15'))).toBe(true);
    expect(standards.some((name) => name.includes('PS3.18'))).toBe(true);
  });

  it('names each dataset once', () => {
    const names = catalog.datasets.map((d) => d.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});
