import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kFolds } from './k-folds.js';
import { randomDataset, sortedEntries, subjectsByStratum, valuePerSubject } from './split-arbitraries.js';
import { subjectsWithImages } from './split-test-data.js';

const foldSizes = (foldOf: ReadonlyMap<string, number>, subjectIds: readonly string[], k: number) =>
  Array.from({ length: k }, (_, fold) => subjectIds.filter((id) => foldOf.get(id) === fold).length);

describe('kFolds on hand-worked examples', () => {
  it('deals 5 subjects into folds of 3 and 2, the extra one to fold 0', () => {
    const images = subjectsWithImages([2, 1, 1, 3, 1]);
    const folds = kFolds(images, 2, { seed: 5 });
    const perSubject = valuePerSubject(images, folds);
    expect(foldSizes(perSubject, [...perSubject.keys()], 2)).toEqual([3, 2]);
  });

  it('gives each stratum’s extra subject to the smallest fold so far', () => {
    // Strata 'a' = s000–s002 and 'b' = s003–s005, k = 2. 'a': one each, the third to fold 0 (both empty,
    // lower number first) → 2 / 1. 'b': one each, the third to fold 1, now the smaller → 1 / 2. Totals 3 / 3.
    const images = subjectsWithImages([1, 1, 1, 1, 1, 1]);
    const stratifyBy = (id: string) => (id < 's003' ? 'a' : 'b');
    const perSubject = valuePerSubject(images, kFolds(images, 2, { seed: 2, stratifyBy }));
    expect(foldSizes(perSubject, ['s000', 's001', 's002'], 2)).toEqual([2, 1]);
    expect(foldSizes(perSubject, ['s003', 's004', 's005'], 2)).toEqual([1, 2]);
  });

  it('with k equal to the number of subjects puts one subject in each fold (leave-one-subject-out)', () => {
    const images = subjectsWithImages([1, 2, 1, 3]);
    const perSubject = valuePerSubject(images, kFolds(images, 4, { seed: 0 }));
    expect([...perSubject.values()].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('kFolds properties on random datasets', () => {
  const RUNS = { seed: 23, numRuns: 200 };
  const withK = randomDataset(2, 40).chain((data) =>
    fc.tuple(
      fc.constant(data),
      fc.integer({ min: 2, max: new Set(data.images.map((i) => i.subjectId)).size }),
    ),
  );

  it('assigns every image, keeps each subject in one fold, and balances every stratum and the total', () => {
    fc.assert(
      fc.property(withK, fc.integer(), ([data, k], seed) => {
        const folds = kFolds(data.images, k, { seed, stratifyBy: data.stratifyBy });
        expect(folds.size).toBe(data.images.length);
        for (const fold of folds.values()) expect(Number.isInteger(fold) && fold >= 0 && fold < k).toBe(true);
        const perSubject = valuePerSubject(data.images, folds); // throws if a subject is in two folds
        for (const subjectIds of subjectsByStratum(data.stratumOf).values()) {
          const sizes = foldSizes(perSubject, subjectIds, k);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        }
        const totals = foldSizes(perSubject, [...perSubject.keys()], k);
        expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('gives the same folds for the same seed, whatever the order of the images', () => {
    fc.assert(
      fc.property(withK, fc.integer(), ([data, k], seed) => {
        const options = { seed, stratifyBy: data.stratifyBy };
        const first = sortedEntries(kFolds(data.images, k, options));
        expect(sortedEntries(kFolds(data.images, k, options))).toEqual(first);
        expect(sortedEntries(kFolds(data.reordered, k, options))).toEqual(first);
      }),
      RUNS,
    );
  });

  it('gives different folds for different seeds', () => {
    // 40 subjects in 5 folds of 8: two seeds agree only with probability 1 / (40! / 8!⁵) ≈ 1e-24.
    const images = subjectsWithImages(Array.from({ length: 40 }, () => 1));
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        fc.pre(a !== b);
        const first = sortedEntries(kFolds(images, 5, { seed: a }));
        expect(sortedEntries(kFolds(images, 5, { seed: b }))).not.toEqual(first);
      }),
      RUNS,
    );
  });
});

describe('kFolds rejects bad input', () => {
  const images = subjectsWithImages([2, 1, 1]); // 3 subjects, 4 images
  it.each([1, 0, -2, 2.5, 4, Number.NaN])('k = %s', (k) => {
    expect(() => kFolds(images, k, { seed: 1 })).toThrow(RangeError);
    expect(() => kFolds(images, k, { seed: 1 })).toThrow(
      `kFolds: k must be an integer from 2 to the number of subjects (3), got ${k}`,
    );
  });

  it('rejects an empty dataset and a bad seed', () => {
    expect(() => kFolds([], 2, { seed: 1 })).toThrow(/kFolds: the dataset has no images/);
    expect(() => kFolds(images, 2, { seed: Number.POSITIVE_INFINITY })).toThrow(
      /kFolds: seed must be an integer/,
    );
  });
});
