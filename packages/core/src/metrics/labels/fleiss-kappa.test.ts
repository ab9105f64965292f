import { describe, expect, it } from 'vitest';
import { fleissKappa, fleissKappaFromCounts } from './fleiss-kappa.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import type { Rating } from './rating.js';
import { mulberry32 } from './seeded-random.js';

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters each, 5 categories; the
// article gives p_j = 0.143, 0.200, 0.279, 0.150, 0.229, P̄ = 0.378, P_e = 0.213 and κ = 0.210.
const WIKIPEDIA_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/** The same table as ratings[item][rater]: category j repeated counts[i][j] times. */
function ratingsOf(counts: number[][]): Rating[][] {
  return counts.map((row) => row.flatMap((count, category) => Array<Rating>(count).fill(category + 1)));
}

describe('fleissKappa', () => {
  it("reproduces Wikipedia's worked example (κ = 0.210) from counts and from ratings", () => {
    expect(fleissKappaFromCounts(WIKIPEDIA_COUNTS)).toBeCloseTo(0.21, 3);
    expect(fleissKappa(ratingsOf(WIKIPEDIA_COUNTS))).toBeCloseTo(0.21, 3);
    // κ = (P̄ − P_e)/(1 − P_e) with the article's rounded P̄ = 0.378 and P_e = 0.213 gives 0.2097.
    expect(fleissKappaFromCounts(WIKIPEDIA_COUNTS)).toBeCloseTo((0.378 - 0.213) / (1 - 0.213), 2);
  });

  it('hand-derived example: 4 items × 3 raters, κ = 1/3', () => {
    // Items aaa, aab, bbb, abb: P_i = 1, 1/3, 1, 1/3 → P̄ = 2/3; p_a = p_b = 1/2 → P_e = 1/2;
    // κ = (2/3 − 1/2) / (1 − 1/2) = 1/3.
    const ratings = [
      ['a', 'a', 'a'],
      ['a', 'a', 'b'],
      ['b', 'b', 'b'],
      ['a', 'b', 'b'],
    ];
    expect(fleissKappa(ratings)).toBeCloseTo(1 / 3, 14);
  });

  it('relates to Krippendorff nominal α by α = 1 − (1 − κ)(Nn − 1)/(Nn) when every item has n ratings', () => {
    // With n ratings on each of N items, Krippendorff's D_o = 1 − P̄ and D_e = (1 − P_e)·Nn/(Nn − 1)
    // (o_cc sums n_ic(n_ic − 1)/(n − 1) over items), so α = 1 − (1 − κ)(Nn − 1)/(Nn): the two agree
    // as Nn grows. Checked here on seeded random tables, with krippendorffAlpha as the other side.
    const random = mulberry32(11);
    for (let trial = 0; trial < 20; trial++) {
      const items = 3 + Math.floor(random() * 40);
      const raters = 2 + Math.floor(random() * 5);
      const ratings = Array.from({ length: items }, () => {
        const truth = Math.floor(random() * 4);
        return Array.from({ length: raters }, () => (random() < 0.5 ? truth : Math.floor(random() * 4)));
      });
      const kappa = fleissKappa(ratings)!;
      const units = Array.from({ length: raters }, (_, r) => ratings.map((item) => item[r]!));
      const total = items * raters;
      expect(krippendorffAlpha(units)).toBeCloseTo(1 - ((1 - kappa) * (total - 1)) / total, 12);
    }
  });

  it('accepts missing ratings while every item keeps the same number of ratings', () => {
    const full = [
      ['a', 'a', 'a'],
      ['a', 'a', 'b'],
      ['b', 'b', 'b'],
      ['a', 'b', 'b'],
    ];
    const spread: Rating[][] = [
      ['a', null, 'a', 'a'],
      [null, 'a', 'a', 'b'],
      ['b', 'b', null, 'b'],
      ['a', 'b', 'b', null],
    ];
    expect(fleissKappa(spread)).toBe(fleissKappa(full));
  });

  it('returns null when every rating is one category (P_e = 1)', () => {
    expect(
      fleissKappa([
        [2, 2],
        [2, 2],
      ]),
    ).toBeNull();
    expect(
      fleissKappaFromCounts([
        [0, 3],
        [0, 3],
      ]),
    ).toBeNull();
  });

  it('rejects bad input with clear errors', () => {
    expect(() =>
      fleissKappa([
        ['a', 'b', null],
        ['a', 'b', 'b'],
      ]),
    ).toThrow(/same number of ratings for every item; item 0 has 2, item 1 has 3/);
    expect(() => fleissKappa([['a'], ['b']])).toThrow(/at least 2 ratings/);
    expect(() => fleissKappa([['a', 'b'], ['a']])).toThrow(/same number of raters/);
    expect(() => fleissKappa([])).toThrow(RangeError);
    expect(() => fleissKappa([[null, null]])).toThrow(/every rating is missing/);
    expect(() => fleissKappa([[1, 'a']])).toThrow(/mix numbers and strings/);
    expect(() => fleissKappaFromCounts([[1, -1]])).toThrow(/non-negative integer/);
    expect(() => fleissKappaFromCounts([[1.5, 0.5]])).toThrow(/non-negative integer/);
  });
});
