import { describe, expect, it } from 'vitest';
import { CatalogFileError, parseCatalogFile } from './parse-catalog-file.js';

const tool = {
  id: 'itk-snap',
  name: 'ITK-SNAP',
  summary: 'Segmentation of 3D medical images.',
  license: 'GPL-3.0',
  platforms: ['windows', 'linux'],
  formats: ['NIfTI', 'DICOM'],
  annotationTypes: ['mask'],
  url: 'http://www.itksnap.org',
  sources: [{ url: 'http://www.itksnap.org', checked: '2026-11-28', facts: 'license, platforms' }],
};

function problems(kind: 'tools' | 'datasets', file: string, text: string): readonly string[] {
  try {
    parseCatalogFile(kind, file, text);
  } catch (error) {
    if (error instanceof CatalogFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseCatalogFile', () => {
  it('reads a valid entry and fills the defaults', () => {
    const entry = parseCatalogFile('tools', 'catalog/tools/itk-snap.json', JSON.stringify(tool));
    expect(entry.name).toBe('ITK-SNAP');
    expect(entry.notes).toBe('');
  });

  it('names the file and the reason when the text is not JSON', () => {
    expect(() => parseCatalogFile('tools', 'catalog/tools/itk-snap.json', '{"id": ')).toThrow(
      /catalog\/tools\/itk-snap\.json: not JSON/,
    );
  });

  it('refuses an id that is not the file name', () => {
    expect(problems('tools', 'catalog/tools/slicer.json', JSON.stringify(tool))).toEqual([
      'id "itk-snap" must equal the file name "slicer"',
    ]);
  });

  it('lists every field that breaks the schema, by path', () => {
    const bad = {
      ...tool,
      platforms: ['linux', 'linux', 'amiga'],
      url: 'ftp://example.org',
      sources: [{ url: 'https://x.org', checked: 'yesterday', facts: 'all' }],
      extra: 1,
    };
    const found = problems('tools', 'catalog/tools/itk-snap.json', JSON.stringify(bad));
    expect(found.some((p) => p.startsWith('platforms.2:'))).toBe(true);
    expect(found.some((p) => p.startsWith('url:'))).toBe(true);
    expect(found.some((p) => p.startsWith('sources.0.checked:'))).toBe(true);
    expect(found.some((p) => p.includes('extra'))).toBe(true);
  });

  it('refuses repeated facet values and guessed negative counts in a dataset', () => {
    const dataset = {
      id: 'toy',
      name: 'Toy',
      summary: 'x',
      modalities: ['ct', 'ct'],
      bodyRegions: ['kidney'],
      tasks: ['segmentation'],
      annotationTypes: ['mask'],
      labels: [],
      subjects: -3,
      images: null,
      imageUnit: 'volumes',
      fileFormats: ['nifti'],
      license: 'CC BY 4.0',
      access: 'open',
      year: null,
      url: 'https://example.org',
      citation: 'x',
      sources: [{ url: 'https://example.org', checked: '2026-11-28', facts: 'all' }],
    };
    const found = problems('datasets', 'catalog/datasets/toy.json', JSON.stringify(dataset));
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^modalities:.*repeat/)]));
    expect(found.some((p) => p.startsWith('subjects:'))).toBe(true);
  });
});
