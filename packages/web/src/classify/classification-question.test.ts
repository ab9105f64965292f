import { describe, expect, it } from 'vitest';
import {
  type ClassificationValue,
  classificationLabels,
  describeValue,
  displayedOptions,
  isChosen,
  questionOf,
} from './classification-question.js';
import { labelOf } from './test-entries.js';

const quality = {
  kind: 'single',
  options: [
    { id: 'good', name: 'Good' },
    { id: 'poor', name: 'Poor' },
  ],
} as const;

describe('classification questions', () => {
  it('asks only the classification labels', () => {
    const labels = [labelOf('a', 'box'), labelOf('b', 'classification'), labelOf('c', 'frame-label')];
    expect(classificationLabels(labels).map((l) => l.id)).toEqual(['b']);
  });

  it("takes the label's kind and options, and free text for a label without them", () => {
    expect(questionOf(labelOf('q', 'classification', { classification: quality }))).toBe(quality);
    expect(questionOf(labelOf('q', 'classification', { classification: null }))).toEqual({
      kind: 'text',
      options: [],
    });
  });

  it('keeps a saved choice the schema no longer offers visible, marked removed', () => {
    const value: ClassificationValue = { kind: 'multiple', choices: ['poor', 'blurred'] };
    expect(displayedOptions(quality, value)).toEqual([
      { id: 'good', name: 'Good', removed: false },
      { id: 'poor', name: 'Poor', removed: false },
      { id: 'blurred', name: 'blurred', removed: true },
    ]);
    expect(displayedOptions(quality, undefined).every((o) => !o.removed)).toBe(true);
  });

  it('says which options an answer chose', () => {
    expect(isChosen({ kind: 'single', choice: 'good' }, 'good')).toBe(true);
    expect(isChosen({ kind: 'single', choice: 'good' }, 'poor')).toBe(false);
    expect(isChosen({ kind: 'multiple', choices: ['a', 'b'] }, 'b')).toBe(true);
    expect(isChosen({ kind: 'text', text: 'good' }, 'good')).toBe(false);
    expect(isChosen(undefined, 'good')).toBe(false);
  });

  it('describes answers by option name, falling back to the id', () => {
    expect(describeValue(quality, { kind: 'single', choice: 'poor' })).toBe('Poor');
    expect(describeValue(quality, { kind: 'multiple', choices: ['good', 'gone'] })).toBe('Good, gone');
    expect(describeValue(quality, { kind: 'text', text: 'motion' })).toBe('motion');
  });
});
