import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type CohensKappaOptions, cohensKappa, type KappaWeights } from './cohens-kappa.js';
import type { Category, Rating } from './rating.js';
import { mulberry32 } from './seeded-random.js';

/** sklearn.metrics.cohen_kappa_score (Debian's python3-sklearn) on each case; nan becomes null. */
const SKLEARN = `
import json, math, sys, warnings
from sklearn.metrics import cohen_kappa_score
warnings.simplefilter('ignore')
out = []
for case in json.load(sys.stdin):
    w = None if case['weights'] == 'none' else case['weights']
    k = float(cohen_kappa_score(case['a'], case['b'], labels=case.get('labels'), weights=w))
    out.append(None if math.isnan(k) else k)
print(json.dumps(out))
`;

interface Case {
  a: Category[];
  b: Category[];
  weights: KappaWeights;
  labels?: Category[];
}

function sklearnKappas(cases: Case[]): (number | null)[] {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', SKLEARN], { input: JSON.stringify(cases) }).toString(),
  );
}

/** Random rating pairs: b copies a with probability `agreement`, else draws a category at random. */
function randomCases(seed: number, count: number): Case[] {
  const random = mulberry32(seed);
  const categorySets: Category[][] = [
    [0, 1],
    [1, 2, 3],
    [1, 2, 5, 9],
    [0, 1, 2, 3, 4, 5],
    ['a', 'b', 'c', 'd'],
  ];
  const cases: Case[] = [];
  for (let c = 0; c < count; c++) {
    const set = categorySets[c % categorySets.length]!;
    const n = 2 + Math.floor(random() * 120);
    const agreement = random();
    const draw = () => set[Math.floor(random() * set.length)]!;
    const a = Array.from({ length: n }, draw);
    const b = a.map((x) => (random() < agreement ? x : draw()));
    const weights = (['none', 'linear', 'quadratic'] as const)[c % 3]!;
    // Every fourth case fixes the label list, in a shuffled order, so unseen categories get positions.
    const labels = c % 4 === 0 ? [...set].sort(() => random() - 0.5) : undefined;
    cases.push(labels ? { a, b, weights, labels } : { a, b, weights });
  }
  return cases;
}

function ours(c: Case): number | null {
  const options: CohensKappaOptions = c.labels
    ? { weights: c.weights, categories: c.labels }
    : { weights: c.weights };
  return cohensKappa(c.a, c.b, options);
}

describe('cohensKappa against sklearn.metrics.cohen_kappa_score', () => {
  it('matches on 300 seeded random rating pairs, all three weightings, to 1e-12', () => {
    const cases = randomCases(20260, 300);
    const expected = sklearnKappas(cases);
    cases.forEach((c, i) => {
      const want = expected[i]!;
      const got = ours(c);
      if (want === null) expect(got).toBeNull();
      else expect(Math.abs(got! - want), `case ${i}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12);
    });
  });

  it('matches on degenerate and near-degenerate cases (sklearn nan ↔ null)', () => {
    const cases: Case[] = [];
    for (const weights of ['none', 'linear', 'quadratic'] as const) {
      cases.push({ a: [2, 2, 2], b: [2, 2, 2], weights }); // one category: nan / null
      cases.push({ a: [2, 2, 2], b: [3, 3, 3], weights }); // p_e = 0, total disagreement: 0
      cases.push({ a: [1, 2, 3], b: [3, 2, 1], weights }); // worse than chance
      cases.push({ a: ['x', 'x', 'y'], b: ['x', 'x', 'y'], weights }); // perfect: 1
      cases.push({ a: [1, 1, 1], b: [1, 1, 1], weights, labels: [1, 2, 3] }); // unused labels: still nan
    }
    const expected = sklearnKappas(cases);
    cases.forEach((c, i) => {
      const want = expected[i]!;
      if (want === null) expect(ours(c)).toBeNull();
      else expect(ours(c)).toBeCloseTo(want, 12);
    });
    expect(expected.filter((k) => k === null)).toHaveLength(6);
  });

  it('drops items either rater left null, as sklearn on the remaining items', () => {
    const random = mulberry32(7);
    const a: Rating[] = Array.from({ length: 60 }, () => (random() < 0.1 ? null : Math.floor(random() * 4)));
    const b: Rating[] = a.map((x) => (random() < 0.1 ? null : random() < 0.6 ? x : Math.floor(random() * 4)));
    const kept = a.flatMap((x, i) => (x === null || b[i] === null ? [] : [i]));
    expect(kept.length).toBeLessThan(60);
    const cases: Case[] = (['none', 'linear', 'quadratic'] as const).map((weights) => ({
      a: kept.map((i) => a[i] as Category),
      b: kept.map((i) => b[i] as Category),
      weights,
    }));
    const expected = sklearnKappas(cases);
    cases.forEach((c, i) => {
      expect(cohensKappa(a, b, { weights: c.weights })! - expected[i]!).toBeCloseTo(0, 12);
    });
  });
});

describe('cohensKappa on published examples', () => {
  it('Wikipedia "Cohen\'s kappa", worked example: 50 proposals, p_o = 0.7, p_e = 0.5, κ = 0.4', () => {
    // Reader A / Reader B: 20 Yes–Yes, 5 Yes–No, 10 No–Yes, 15 No–No.
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [
      ...Array(20).fill('yes'),
      ...Array(5).fill('no'),
      ...Array(10).fill('yes'),
      ...Array(15).fill('no'),
    ];
    expect(cohensKappa(a, b)).toBeCloseTo(0.4, 12);
  });

  it('hand-derived quadratic example: categories 1–3, a = [1,2,3,1], b = [1,3,3,2]', () => {
    // O: (1,1), (2,3), (3,3), (1,2); rows a = [2,1,1], columns b = [1,1,2], N = 4.
    // Σ w·O = 0 + 1 + 0 + 1 = 2. Σ w·E = Σ_ij (i−j)² col_i row_j / 4 over positions:
    // col = [1,1,2], row = [2,1,1]: (0,1) 1·1·1, (0,2) 4·1·1, (1,0) 1·1·2, (1,2) 1·1·1,
    // (2,0) 4·2·2, (2,1) 1·2·1 → (1+4+2+1+16+2)/4 = 26/4. κ = 1 − 2/(26/4) = 1 − 8/26 = 9/13.
    expect(cohensKappa([1, 2, 3, 1], [1, 3, 3, 2], { weights: 'quadratic' })).toBeCloseTo(9 / 13, 14);
  });
});

describe('cohensKappa conventions and errors', () => {
  it('weighs by position in the category list, not by value', () => {
    const a = [1, 2, 5, 5, 1];
    const b = [2, 2, 5, 1, 1];
    expect(cohensKappa(a, b, { weights: 'linear' })).toBe(
      cohensKappa([0, 1, 2, 2, 0], [1, 1, 2, 0, 0], { weights: 'linear' }),
    );
    // With an unused category 3 between 2 and 5, the distance from 1 to 5 grows from 2 to 3.
    expect(cohensKappa(a, b, { weights: 'linear', categories: [1, 2, 3, 5] })).toBe(
      cohensKappa([0, 1, 3, 3, 0], [1, 1, 3, 0, 0], { weights: 'linear', categories: [0, 1, 2, 3] }),
    );
  });

  it('orders string categories naturally for the weighted forms', () => {
    const a = ['grade 10', 'grade 2', 'grade 9'];
    const b = ['grade 9', 'grade 2', 'grade 10'];
    const order = ['grade 2', 'grade 9', 'grade 10'];
    expect(cohensKappa(a, b, { weights: 'linear' })).toBe(
      cohensKappa(a, b, { weights: 'linear', categories: order }),
    );
  });

  it('returns null when no item has both ratings', () => {
    expect(cohensKappa([1, null], [null, 2])).toBeNull();
  });

  it('rejects bad input with clear errors', () => {
    expect(() => cohensKappa([1, 2], [1])).toThrow(/different numbers of items \(2 and 1\)/);
    expect(() => cohensKappa([], [])).toThrow(RangeError);
    expect(() => cohensKappa([1, '2'], [1, 2])).toThrow(/mix numbers and strings/);
    expect(() => cohensKappa([1, Number.NaN], [1, 2])).toThrow(/rater a, item 1: NaN is not a finite number/);
    expect(() => cohensKappa([1, undefined as unknown as Rating], [1, 2])).toThrow(TypeError);
    expect(() => cohensKappa([1, 4], [1, 2], { categories: [1, 2, 3] })).toThrow(/rating 4 is not among/);
    expect(() => cohensKappa([1, 2], [1, 2], { categories: [1, 2, 2] })).toThrow(/listed twice/);
    expect(() => cohensKappa([1, 2], [1, 2], { weights: 'cubic' as KappaWeights })).toThrow(
      /weights must be/,
    );
  });
});
