import { describe, expect, it } from 'vitest';
import { draftOf, EMPTY_LABEL, toLabelInput, validateLabel } from './label-form.js';

describe('validateLabel', () => {
  it('accepts a named label with a #rrggbb colour and no code', () => {
    expect(validateLabel({ ...EMPTY_LABEL, name: 'Liver' }).fields).toEqual({});
  });

  it('asks for a name and a #rrggbb colour', () => {
    const { fields } = validateLabel({ ...EMPTY_LABEL, name: '  ', colour: 'red' });
    expect(Object.keys(fields).sort()).toEqual(['colour', 'name']);
  });

  it('asks for the missing parts of a code that is half filled in', () => {
    const { fields } = validateLabel({ ...EMPTY_LABEL, name: 'Liver', codeSystem: 'SCT' });
    expect(Object.keys(fields).sort()).toEqual(['code.meaning', 'code.value']);
  });
});

describe('toLabelInput', () => {
  it('sends a full code, trimmed, and the colour in lower case', () => {
    const input = toLabelInput({
      ...EMPTY_LABEL,
      name: ' Liver ',
      colour: '#AABBCC',
      codeSystem: 'SCT',
      codeValue: '10200004',
      codeMeaning: ' Liver',
    });
    expect(input).toMatchObject({
      name: 'Liver',
      colour: '#aabbcc',
      code: { system: 'SCT', value: '10200004', meaning: 'Liver' },
    });
  });

  it('sends no code when the code fields are empty, and round-trips through draftOf', () => {
    const input = toLabelInput({ ...EMPTY_LABEL, name: 'Nodule', type: 'point', guideline: 'centre' });
    expect(input.code).toBeNull();
    expect(toLabelInput(draftOf(input))).toEqual(input);
  });
});

describe('classification labels', () => {
  const finding = {
    name: 'Finding',
    type: 'classification' as const,
    colour: '#f58231',
    code: null,
    guideline: '',
    classification: {
      kind: 'single' as const,
      options: [
        { id: 'normal', name: 'Normal' },
        { id: 'benign', name: 'Benign' },
      ],
    },
  };

  it('round-trips kind and options through draftOf, and sends null for other types', () => {
    expect(toLabelInput(draftOf(finding))).toEqual(finding);
    expect(toLabelInput({ ...draftOf(finding), type: 'box' }).classification).toBeNull();
  });

  it('keeps the options while another type is picked, so switching back loses nothing', () => {
    const draft = { ...draftOf(finding), type: 'box' as const };
    expect(toLabelInput({ ...draft, type: 'classification' }).classification).toEqual(finding.classification);
  });

  it('checks the options only of a classification label', () => {
    const empty = { ...EMPTY_LABEL, name: 'Finding', type: 'classification' as const };
    expect(validateLabel(empty).fields).toEqual({
      'classification.options': 'a single-choice question needs an option',
    });
    expect(validateLabel({ ...empty, classificationKind: 'text' }).fields).toEqual({});
    expect(validateLabel({ ...empty, type: 'box' }).fields).toEqual({});
  });
});
