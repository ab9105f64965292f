import { describe, expect, it } from 'vitest';
import { optionIdFromName } from './option-id.js';

const NONE = new Set<string>();

describe('optionIdFromName', () => {
  it.each([
    ['Normal', 'normal'],
    ['Motion artefact', 'motion-artefact'],
    ['  Ground-glass / solid  ', 'ground-glass-solid'],
    ['Bénin', 'benin'],
    ['BI-RADS 4a', 'bi-rads-4a'],
    ['???', 'option'],
    ['日本', 'option'],
  ])('%j → %j', (name, id) => {
    expect(optionIdFromName(name, NONE)).toBe(id);
  });

  it('adds -2, -3… until the id is free', () => {
    expect(optionIdFromName('Normal', new Set(['normal']))).toBe('normal-2');
    expect(optionIdFromName('Normal', new Set(['normal', 'normal-2']))).toBe('normal-3');
  });

  it('keeps ids within the server’s 64 characters and its allowed letters', () => {
    const long = `${'a'.repeat(55)} b c`;
    expect(optionIdFromName(long, NONE)).toBe('a'.repeat(55));
    const id = optionIdFromName(long, new Set(['a'.repeat(55)]));
    expect(id).toBe(`${'a'.repeat(55)}-2`);
    expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
  });
});
