import type { DatasetEntry } from '@voxelhub/core/catalog';
import { describe, expect, it } from 'vitest';
import { draftFor, provenanceOf, toCopyProjectInput, validateCopyProject } from './copy-project-form.js';

/** A catalog entry with only what the dialog reads filled in truthfully (not a real catalog file). */
function testDataset(
  overrides: Partial<DatasetEntry> & Pick<DatasetEntry, 'id' | 'name' | 'citation' | 'license'>,
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
    access: 'open',
    year: null,
    url: 'https://example.org',
    notes: '',
    sources: [{ url: 'https://example.org', checked: '2026-11-28', facts: 'none: a test entry' }],
    ...overrides,
  };
}

const LIVER = testDataset({
  id: 'msd-liver',
  name: 'Decathlon Liver',
  url: 'https://medicaldecathlon.com/',
  citation: 'Antonelli M, et al. The Medical Segmentation Decathlon. Nat Commun. 2022.',
  doi: '10.1038/s41467-022-30695-9',
  license: 'CC BY-SA 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
});

describe('the new project of a local copy', () => {
  it('is named after the dataset and carries its citation and license', () => {
    const draft = draftFor(LIVER);
    expect(draft.name).toBe('Decathlon Liver');
    expect(draft.requireDeidentification).toBe(true);
    expect(draft.description).toBe(provenanceOf(LIVER));
    expect(draft.description.split('\n')).toEqual([
      'Imported from a local copy of Decathlon Liver (https://medicaldecathlon.com/).',
      'Cite: Antonelli M, et al. The Medical Segmentation Decathlon. Nat Commun. 2022. https://doi.org/10.1038/s41467-022-30695-9',
      'License: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
    ]);
    expect(provenanceOf(testDataset({ id: 'x', name: 'X', citation: 'C.', license: 'CC0' }))).toBe(
      'Imported from a local copy of X (https://example.org).\nCite: C.\nLicense: CC0',
    );
  });

  it('needs a name within the server’s limits', () => {
    const draft = draftFor(LIVER);
    expect(validateCopyProject(draft)).toEqual({ fields: {}, form: null });
    expect(validateCopyProject({ ...draft, name: '  ' }).fields).toEqual({ name: 'a project needs a name' });
    expect(validateCopyProject({ ...draft, name: 'n'.repeat(201) }).fields.name).toBe(
      'at most 200 characters',
    );
    expect(validateCopyProject({ ...draft, description: 'd'.repeat(20_001) }).fields.description).toBe(
      'at most 20,000 characters',
    );
  });

  it('is created with the new-project form’s defaults and the de-identification choice', () => {
    expect(
      toCopyProjectInput({ ...draftFor(LIVER), name: ' Liver ', requireDeidentification: false }, LIVER),
    ).toEqual({
      name: 'Liver',
      description: provenanceOf(LIVER),
      settings: {
        reading: 'blind',
        readersPerItem: 1,
        assignment: 'round-robin',
        // Exports of the project state the dataset's license and citation on their cards.
        dataset: {
          license: { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
          citation:
            'Antonelli M, et al. The Medical Segmentation Decathlon. Nat Commun. 2022. https://doi.org/10.1038/s41467-022-30695-9',
        },
      },
      requireDeidentification: false,
    });
  });
});
