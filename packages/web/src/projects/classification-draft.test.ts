import { describe, expect, it } from 'vitest';
import {
  addOption,
  classificationOf,
  optionDrafts,
  optionErrors,
  removeOption,
  renameOption,
} from './classification-draft.js';

const SAVED = optionDrafts({
  kind: 'single',
  options: [
    { id: 'normal', name: 'Normal' },
    { id: 'benign', name: 'Benign' },
  ],
});

describe('option drafts', () => {
  it('adds empty options with distinct keys and no id yet', () => {
    const two = addOption(addOption([]));
    expect(two.map((o) => [o.id, o.name])).toEqual([
      [null, ''],
      [null, ''],
    ]);
    expect(new Set(two.map((o) => o.key)).size).toBe(2);
    // A key freed by a removal is not handed out twice.
    const afterRemoval = addOption(removeOption(two, two[0]!.key));
    expect(new Set(afterRemoval.map((o) => o.key)).size).toBe(2);
  });

  it('keeps a saved option’s id through a rename, and makes new ids from names, clear of the saved ones', () => {
    let options = renameOption(SAVED, SAVED[0]!.key, 'No finding');
    options = addOption(options);
    options = renameOption(options, options[2]!.key, ' Benign ');
    options = addOption(options);
    options = renameOption(options, options[3]!.key, 'Malignant');
    expect(classificationOf('multiple', options)).toEqual({
      kind: 'multiple',
      options: [
        { id: 'normal', name: 'No finding' },
        { id: 'benign', name: 'Benign' },
        { id: 'benign-2', name: 'Benign' },
        { id: 'malignant', name: 'Malignant' },
      ],
    });
  });

  it('sends no options for a free-text question', () => {
    expect(classificationOf('text', SAVED)).toEqual({ kind: 'text', options: [] });
  });
});

describe('optionErrors', () => {
  it('accepts named, distinct options, and free text without any', () => {
    expect(optionErrors('single', SAVED)).toEqual({});
    expect(optionErrors('text', [])).toEqual({});
  });

  it('asks for an option, a name for each, and different names', () => {
    expect(optionErrors('multiple', [])).toEqual({
      'classification.options': 'a multiple-choice question needs an option',
    });
    const options = renameOption(addOption(addOption(SAVED)), 'new:3', 'normal ');
    expect(optionErrors('single', options)).toEqual({
      'classification.options.2.name': "another option is named 'normal'",
      'classification.options.3.name': 'an option needs a name',
    });
  });
});
