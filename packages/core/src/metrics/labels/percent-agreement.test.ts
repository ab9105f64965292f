import { describe, expect, it } from 'vitest';
import { percentAgreement } from './percent-agreement.js';
import type { Rating } from './rating.js';

describe('percentAgreement', () => {
  it('two raters: agreeing items over items both rated (Wikipedia "Cohen\'s kappa" example: p_o = 0.7)', () => {
    // 20 Yes–Yes, 5 Yes–No, 10 No–Yes, 15 No–No: (20 + 15)/50 = 0.7.
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [
      ...Array(20).fill('yes'),
      ...Array(5).fill('no'),
      ...Array(10).fill('yes'),
      ...Array(15).fill('no'),
    ];
    expect(percentAgreement(a, b)).toBeCloseTo(0.7, 14);
  });

  it('two raters: drops items either left null', () => {
    // Items 0 and 3 are both rated; they agree on item 0 only: 1/2.
    expect(percentAgreement([1, null, 2, 3], [1, 2, null, 4])).toBe(0.5);
    expect(percentAgreement([1, null], [null, 2])).toBeNull();
  });

  it('many raters: mean over items of agreeing pairs / all pairs within the item', () => {
    // Item aab: 1 of 3 pairs agree; item aaa: 3 of 3; item ab−: 0 of 1; item a−−: no pair, dropped.
    // (1/3 + 1 + 0)/3 = 4/9.
    const ratings: Rating[][] = [
      ['a', 'a', 'b'],
      ['a', 'a', 'a'],
      ['a', 'b', null],
      ['a', null, null],
    ];
    expect(percentAgreement(ratings)).toBeCloseTo(4 / 9, 14);
  });

  it('many raters with two columns equals the two-rater form', () => {
    const a: Rating[] = [1, 2, null, 3, 3, 1];
    const b: Rating[] = [1, 3, 2, 3, null, 2];
    expect(percentAgreement(a.map((x, i) => [x, b[i]!]))).toBe(percentAgreement(a, b));
  });

  it('rejects bad input with clear errors', () => {
    expect(() => percentAgreement([1], [1, 2])).toThrow(/different numbers of items/);
    expect(() => percentAgreement([[1, 2], [1]])).toThrow(/same number of raters/);
    expect(() => percentAgreement([[1, 'x']])).toThrow(/mix numbers and strings/);
    expect(() => percentAgreement([[true as unknown as Rating, 1]])).toThrow(/a boolean is not a rating/);
    expect(() => percentAgreement([])).toThrow(RangeError);
    expect(() => percentAgreement([[1], [2]])).toThrow(/at least 2 raters/);
  });
});
