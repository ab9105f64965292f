import { describe, expect, it } from 'vitest';
import { naturalCompare, orderCategories } from './category-order.js';

describe('naturalCompare', () => {
  it('orders numbers by value and digit runs in strings by integer value', () => {
    expect([10, 2, -1, 2.5].sort(naturalCompare)).toEqual([-1, 2, 2.5, 10]);
    expect(['grade 10', 'grade 2', 'grade 1', 'Grade 3'].sort(naturalCompare)).toEqual([
      'Grade 3',
      'grade 1',
      'grade 2',
      'grade 10',
    ]);
    expect(['b', 'a10', 'a9', 'a', '10', '9'].sort(naturalCompare)).toEqual([
      '9',
      '10',
      'a',
      'a9',
      'a10',
      'b',
    ]);
  });

  it('is a total order: equal-valued digit runs fall back to code units', () => {
    expect(['07', '7', '007'].sort(naturalCompare)).toEqual(['007', '07', '7']);
    expect(naturalCompare('x', 'x')).toBe(0);
  });
});

describe('orderCategories', () => {
  it('keeps a given order and checks it', () => {
    expect(orderCategories('t', new Set(['b']), ['c', 'b', 'a'])).toEqual(['c', 'b', 'a']);
    expect(() => orderCategories('t', new Set(['d']), ['a'])).toThrow(
      /t: rating "d" is not among the categories \["a"\]/,
    );
    expect(() => orderCategories('t', new Set(), [1, 'a'])).toThrow(/mix numbers and strings/);
    expect(() => orderCategories('t', new Set(), [1, Number.NaN])).toThrow(TypeError);
  });
});
