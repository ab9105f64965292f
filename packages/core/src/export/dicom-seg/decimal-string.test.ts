import { describe, expect, it } from 'vitest';
import { decimalString } from './decimal-string.js';

describe('decimalString (DS, at most 16 characters: PS3.5 6.2)', () => {
  it.each<[number, string]>([
    [2.5, '2.5'],
    [-235.199997, '-235.199997'],
    // 0.1 + 0.2 is 0.30000000000000004 (19 characters); 15 significant digits give 0.3 back.
    [0.1 + 0.2, '0.3'],
    // cos(90°) in floating point: 6.123233995736766e-17 is 21 characters; 11 digits fit.
    [Math.cos(Math.PI / 2), '6.1232339957e-17'],
    // −1/3: '-0.3333333333333333' is 19 characters; '-0.3333333333333' is the 16 that fit.
    [-1 / 3, '-0.3333333333333'],
  ])('%s → %s', (value, text) => {
    expect(decimalString(value)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(16);
  });

  it('refuses a value that is not finite', () => {
    expect(() => decimalString(Number.NaN)).toThrow(RangeError);
  });
});
