import { describe, expect, it } from 'vitest';
import { draftOf, termsInput, validateTerms } from './dataset-terms.js';

describe('the dataset license and citation form', () => {
  it('starts from the stored terms, blank where none is stated', () => {
    expect(draftOf({ license: { name: 'CC BY 4.0' } })).toEqual({
      licenseName: 'CC BY 4.0',
      licenseUrl: '',
      citation: '',
    });
    expect(draftOf(undefined)).toEqual({ licenseName: '', licenseUrl: '', citation: '' });
  });

  it('sends blanks as null (removed) and trims what is typed', () => {
    expect(
      termsInput({ licenseName: ' CC BY 4.0 ', licenseUrl: ' https://x.org/l ', citation: '  ' }),
    ).toEqual({
      license: { name: 'CC BY 4.0', url: 'https://x.org/l' },
      citation: null,
    });
    expect(termsInput({ licenseName: '', licenseUrl: '', citation: 'Doe 2026.' })).toEqual({
      license: null,
      citation: 'Doe 2026.',
    });
  });

  it('wants a license name with a URL, and an http(s) URL', () => {
    expect(validateTerms({ licenseName: '', licenseUrl: 'https://x.org', citation: '' }).fields).toEqual({
      licenseName: 'name the license the URL points to',
    });
    expect(
      validateTerms({ licenseName: 'Mine', licenseUrl: 'javascript:alert(1)', citation: '' }).fields,
    ).toEqual({
      licenseUrl: 'an http:// or https:// address',
    });
    expect(validateTerms({ licenseName: 'Mine', licenseUrl: '', citation: '' }).fields).toEqual({});
  });
});
