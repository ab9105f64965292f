import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, type MeasurementLevel } from './krippendorff-alpha.js';
import type { Rating } from './rating.js';
import { mulberry32 } from './seeded-random.js';

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43), section C:
// 4 observers (A–D, rows) × 12 units, values 1–5, * = missing; the same matrix as in Wikipedia's
// "Krippendorff's alpha" computational example. Unit 12 holds a single value (B: 3) and is dropped.
const PAPER_EXAMPLE: Rating[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe('krippendorffAlpha on the published examples of Krippendorff (2011)', () => {
  const published: [MeasurementLevel, number][] = [
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
  ];
  for (const [level, alpha] of published) {
    it(`section C, 4 observers with missing data: ${level} α = ${alpha}`, () => {
      expect(krippendorffAlpha(PAPER_EXAMPLE, { level })).toBeCloseTo(alpha, 3);
    });
  }

  it('section C without the single-valued unit 12 gives the same values', () => {
    const eleven = PAPER_EXAMPLE.map((row) => row.slice(0, 11));
    for (const [level] of published) {
      expect(krippendorffAlpha(eleven, { level })).toBe(krippendorffAlpha(PAPER_EXAMPLE, { level }));
    }
  });

  it('section A, binary data, two observers, 10 units: α = 0.095', () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlpha([a, b])).toBeCloseTo(0.095, 3);
  });

  it('section B, nominal data, two observers, 12 units: α = 0.692', () => {
    const a = ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'];
    const b = ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'];
    expect(krippendorffAlpha([a, b])).toBeCloseTo(0.692, 3);
  });
});

describe('krippendorffAlpha on hand-derived cases', () => {
  // Units (1, 2), (3, 3) and (5, −): the third has one value and is dropped. Pairable values 1, 2, 3, 3
  // (n = 4); o_12 = o_21 = 1, o_33 = 2; n_1 = n_2 = 1, n_3 = 2.
  const data: Rating[][] = [
    [1, 3, 5],
    [2, 3, null],
  ];

  it('interval: Σoδ² = 2, Σ n_c n_k δ² = 2(1 + 2·4 + 2·1) = 22, α = 1 − 3·2/22 = 8/11', () => {
    expect(krippendorffAlpha(data, { level: 'interval' })).toBeCloseTo(8 / 11, 14);
  });

  it('ordinal: δ²_12 = 1, δ²_13 = (4 − 1.5)², δ²_23 = (3 − 1.5)², Σ n n δ² = 36, α = 1 − 6/36 = 5/6', () => {
    expect(krippendorffAlpha(data, { level: 'ordinal' })).toBeCloseTo(5 / 6, 14);
  });

  it('nominal: Σoδ² = 2, Σ n n δ² = 2(1 + 2 + 2) = 10, α = 1 − 6/10 = 2/5', () => {
    expect(krippendorffAlpha(data)).toBeCloseTo(2 / 5, 14);
  });

  it('ordinal order of strings follows `categories` (or natural order), not code units', () => {
    const words = [
      ['low', 'mid', 'high'],
      ['mid', 'mid', 'high'],
    ];
    const asNumbers = [
      [1, 2, 3],
      [2, 2, 3],
    ];
    const order = ['low', 'mid', 'high'];
    expect(krippendorffAlpha(words, { level: 'ordinal', categories: order })).toBe(
      krippendorffAlpha(asNumbers, { level: 'ordinal' }),
    );
    expect(
      krippendorffAlpha(
        [
          ['g2', 'g9'],
          ['g10', 'g9'],
        ],
        { level: 'ordinal' },
      ),
    ).toBe(
      krippendorffAlpha(
        [
          [1, 2],
          [3, 2],
        ],
        { level: 'ordinal' },
      ),
    );
  });

  it('two raters, no missing data: nominal α = 1 − (1 − π)(2N − 1)/(2N) with Scott’s π', () => {
    // Scott's π = (p_o − p_e)/(1 − p_e) with p_e = Σ_c (n_c/2N)² over the pooled 2N ratings. For
    // alpha, D_o = 1 − p_o and D_e = (1 − p_e)·2N/(2N − 1), so α = 1 − (1 − π)(2N − 1)/(2N)
    // (section A: p_o = 0.6, p_e = 0.58, π = 0.0476, α = 0.0952). π is computed here from its definition.
    const random = mulberry32(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(random() * 80);
      const a = Array.from({ length: n }, () => Math.floor(random() * 3));
      const b = a.map((x) => (random() < 0.6 ? x : Math.floor(random() * 3)));
      const po = a.filter((x, i) => x === b[i]).length / n;
      const pooled = [...a, ...b];
      const pe = [0, 1, 2].reduce((sum, c) => sum + (pooled.filter((x) => x === c).length / (2 * n)) ** 2, 0);
      const pi = (po - pe) / (1 - pe);
      expect(krippendorffAlpha([a, b])).toBeCloseTo(1 - ((1 - pi) * (2 * n - 1)) / (2 * n), 12);
    }
  });
});

describe('krippendorffAlpha conventions and errors', () => {
  it('returns null with no pairable values or no variation', () => {
    expect(
      krippendorffAlpha([
        [1, null],
        [null, 2],
      ]),
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [4, 4, null],
          [4, 4, 7],
        ],
        { level: 'interval' },
      ),
    ).toBeNull();
  });

  it('rejects bad input with clear errors', () => {
    expect(() => krippendorffAlpha([[1, 2, 3]])).toThrow(/at least 2 raters/);
    expect(() => krippendorffAlpha([[1, 2], [1]])).toThrow(/same number of units/);
    expect(() =>
      krippendorffAlpha(
        [
          ['a', 'b'],
          ['a', 'b'],
        ],
        { level: 'interval' },
      ),
    ).toThrow(/interval data must be numbers/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2],
          [1, 2],
        ],
        { level: 'ratio' as MeasurementLevel },
      ),
    ).toThrow(/level must be/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2],
          [1, 3],
        ],
        { level: 'ordinal', categories: [1, 2] },
      ),
    ).toThrow(/rating 3 is not among/);
    expect(() =>
      krippendorffAlpha([
        [1, Number.POSITIVE_INFINITY],
        [1, 2],
      ]),
    ).toThrow(/rater 0, unit 1/);
  });
});
