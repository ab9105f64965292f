import { describe, expect, it } from 'vitest';
import { EMPTY_PROJECT, toProjectInput, validateProject } from './project-form.js';

describe('validateProject', () => {
  it('needs a name', () => {
    expect(validateProject(EMPTY_PROJECT).fields).toHaveProperty('name');
  });

  it('takes 1 to 20 readers per item, whole numbers only', () => {
    const readers = (readersPerItem: string) =>
      'settings.readersPerItem' in validateProject({ ...EMPTY_PROJECT, name: 'p', readersPerItem }).fields;
    expect(['1', '3', '20'].map(readers)).toEqual([false, false, false]);
    expect(['0', '21', '1.5', '', 'two'].map(readers)).toEqual([true, true, true, true, true]);
  });

  it('makes the request body with the settings', () => {
    expect(
      toProjectInput({
        name: ' Liver study ',
        description: 'd',
        reading: 'open',
        readersPerItem: '2',
        assignment: 'least-loaded',
        requireDeidentification: false,
      }),
    ).toEqual({
      name: 'Liver study',
      description: 'd',
      settings: { reading: 'open', readersPerItem: 2, assignment: 'least-loaded' },
      requireDeidentification: false,
    });
  });

  it('deals readers round-robin unless the creator picks least-loaded, as the server does', () => {
    expect(toProjectInput({ ...EMPTY_PROJECT, name: 'p' }).settings.assignment).toBe('round-robin');
  });

  it('de-identifies on import unless the creator says otherwise', () => {
    expect(toProjectInput({ ...EMPTY_PROJECT, name: 'p' }).requireDeidentification).toBe(true);
  });
});
