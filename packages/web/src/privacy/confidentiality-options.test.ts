import { CONFIDENTIALITY_OPTIONS } from '@voxelhub/core';
import { describe, expect, it } from 'vitest';
import { OPTION_CHOICES, toggleOption, withExclusiveDates } from './confidentiality-options.js';

describe('confidentiality option choices', () => {
  it('explains every option the profile has, in its order', () => {
    expect(OPTION_CHOICES.map((c) => c.option)).toEqual([...CONFIDENTIALITY_OPTIONS]);
    for (const choice of OPTION_CHOICES) expect(choice.explanation.length).toBeGreaterThan(20);
  });

  it('adds and removes options, keeping the standard order', () => {
    expect(toggleOption(['cleanDescriptors'], 'retainUIDs', true)).toEqual([
      'retainUIDs',
      'cleanDescriptors',
    ]);
    expect(toggleOption(['retainUIDs', 'cleanDescriptors'], 'retainUIDs', false)).toEqual([
      'cleanDescriptors',
    ]);
    expect(toggleOption(['retainUIDs'], 'retainUIDs', true)).toEqual(['retainUIDs']);
  });

  it('keeps one way of retaining dates', () => {
    const modified = ['cleanDescriptors', 'retainLongitudinalModifiedDates'] as const;
    expect(withExclusiveDates(modified, 'retainLongitudinalFullDates', true)).toEqual([
      'retainLongitudinalFullDates',
      'cleanDescriptors',
    ]);
    expect(withExclusiveDates(modified, 'retainLongitudinalModifiedDates', false)).toEqual([
      'cleanDescriptors',
    ]);
  });
});
