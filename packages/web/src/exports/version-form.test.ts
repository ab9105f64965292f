import { describe, expect, it } from 'vitest';
import { hasErrors } from '../projects/field-errors.js';
import { EMPTY_VERSION, toVersionInput, validateVersion } from './version-form.js';

describe('the new-version form', () => {
  it('accepts the defaults once named, and sends numbers', () => {
    const draft = { ...EMPTY_VERSION, name: ' v1.0 ' };
    expect(hasErrors(validateVersion(draft))).toBe(false);
    expect(toVersionInput(draft)).toEqual({
      name: 'v1.0',
      note: '',
      source: 'consensus',
      splits: { seed: 1, train: 0.7, validation: 0.15, test: 0.15 },
    });
  });

  it('names each problem where the server would', () => {
    const errors = validateVersion({ ...EMPTY_VERSION, name: 'v1/2', seed: '-3', test: 'x' });
    expect(errors.fields).toEqual({
      name: "Letters, digits, '.', '_', '-' and spaces only",
      'splits.seed': 'A whole number from 0 to 4294967295',
      'splits.test': 'A fraction from 0 to 1',
    });
    expect(validateVersion(EMPTY_VERSION).fields.name).toBe('Give the version a name');
  });

  it('asks for fractions that add up to 1', () => {
    const errors = validateVersion({ ...EMPTY_VERSION, name: 'v2', train: '0.8' });
    expect(errors.fields).toEqual({
      splits: 'Train, validation and test must add up to 1 (they add up to 1.1)',
    });
    expect(
      hasErrors(validateVersion({ ...EMPTY_VERSION, name: 'v2', train: '1', validation: '0', test: '0' })),
    ).toBe(false);
  });
});
