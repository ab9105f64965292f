import { describe, expect, it } from 'vitest';
import { majorityLabel } from './majority-label.js';

describe('majorityLabel', () => {
  it.each([
    // votes, expected value, needs adjudication — counted by hand.
    [['a', 'a', 'b'], 'a', false], // 2 of 3 > half
    [['a', 'b'], null, true], // 1–1 tie
    [['a', 'a', 'b', 'b'], null, true], // 2–2 tie
    [['a', 'a', 'b', 'c'], null, true], // 2 of 4 is not more than half
    [['a', 'a', null], 'a', false], // 2 of 3 readers, one abstained
    [['a', null, null], null, true], // 1 of 3: abstentions still count as readers
    [[], null, true], // nobody voted
    [['x'], 'x', false],
  ] as const)('%j → %s', (votes, value, needsAdjudication) => {
    const result = majorityLabel(votes);
    expect(result.value).toBe(value);
    expect(result.needsAdjudication).toBe(needsAdjudication);
  });

  it('reports the vote counts and abstentions', () => {
    expect(majorityLabel(['a', 'b', 'a', null, 'c'])).toEqual({
      value: null,
      votes: { a: 2, b: 1, c: 1 },
      abstentions: 1,
      needsAdjudication: true,
    });
  });

  it('applies minimumFraction strictly, and still calls a tie for the most votes a tie', () => {
    // 3 of 4 = 0.75: above 0.7, not above 0.75.
    expect(majorityLabel(['a', 'a', 'a', 'b'], { minimumFraction: 0.7 }).value).toBe('a');
    expect(majorityLabel(['a', 'a', 'a', 'b'], { minimumFraction: 0.75 }).value).toBeNull();
    // A plurality rule (fraction 0): 2 of 5 wins, but a 2–2 tie does not.
    expect(majorityLabel(['a', 'a', 'b', 'c', 'd'], { minimumFraction: 0 }).value).toBe('a');
    expect(majorityLabel(['a', 'a', 'b', 'b', 'c'], { minimumFraction: 0 }).needsAdjudication).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => majorityLabel(['a'], { minimumFraction: 1 })).toThrow(RangeError);
    // @ts-expect-error: a number is not a vote
    expect(() => majorityLabel(['a', 3])).toThrow(/reader 1/);
  });
});
