import { describe, expect, it } from 'vitest';
import { singleAnswer, textAnswer, toggledAnswer } from './classification-value.js';

describe('answers from the controls', () => {
  it('makes a single choice', () => {
    expect(singleAnswer('good')).toEqual({ kind: 'single', choice: 'good' });
  });

  it('ticks and unticks options, keeping the order they were ticked in', () => {
    const a = toggledAnswer(undefined, 'a', true);
    expect(a).toEqual({ kind: 'multiple', choices: ['a'] });
    const ab = toggledAnswer(a!, 'b', true);
    expect(ab).toEqual({ kind: 'multiple', choices: ['a', 'b'] });
    expect(toggledAnswer(ab!, 'a', false)).toEqual({ kind: 'multiple', choices: ['b'] });
    expect(toggledAnswer(ab!, 'a', true)).toEqual({ kind: 'multiple', choices: ['b', 'a'] });
  });

  it('is no answer once the last option is unticked', () => {
    expect(toggledAnswer({ kind: 'multiple', choices: ['a'] }, 'a', false)).toBeNull();
  });

  it('starts afresh from an answer of another kind', () => {
    expect(toggledAnswer({ kind: 'single', choice: 'a' }, 'b', true)).toEqual({
      kind: 'multiple',
      choices: ['b'],
    });
  });

  it('keeps text as typed, and blank text is no answer', () => {
    expect(textAnswer('  motion artefact ')).toEqual({ kind: 'text', text: '  motion artefact ' });
    expect(textAnswer(' \n\t')).toBeNull();
    expect(textAnswer('')).toBeNull();
  });
});
