import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPLITS, type Split } from '../export-dataset.js';
import { assignSplits } from './assign-splits.js';
import {
  randomDataset,
  randomFractions,
  sortedEntries,
  subjectsByStratum,
  valuePerSubject,
} from './split-arbitraries.js';
import { subjectsWithImages } from './split-test-data.js';

const countSubjects = (splitOf: ReadonlyMap<string, Split>, subjectIds: readonly string[]) =>
  SPLITS.map((split) => subjectIds.filter((id) => splitOf.get(id) === split).length);

describe('assignSplits on hand-worked examples', () => {
  it('splits 10 subjects 7 / 2 / 1 by default, the tied half-subject going to validation', () => {
    // Quotas 10 × (0.7, 0.15, 0.15) = 7, 1.5, 1.5: whole parts 7, 1, 1; the one subject left has tied
    // remainders .5 / .5 and goes to validation, the first in split order. Subject 0 has three images.
    const images = subjectsWithImages([3, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    const splits = assignSplits(images, undefined, { seed: 1 });
    const perSubject = valuePerSubject(images, splits);
    expect(countSubjects(perSubject, [...perSubject.keys()])).toEqual([7, 2, 1]);
    expect(splits.size).toBe(images.length);
  });

  it('allocates each stratum by its own largest remainders', () => {
    // Fractions ½ / ¼ / ¼. Stratum 'a' (4 subjects): quotas 2, 1, 1, exact. Stratum 'b' (3 subjects):
    // quotas 1.5, .75, .75 → whole parts 1, 0, 0 and the 2 left to the larger remainders .75, .75 →
    // 1 / 1 / 1. Totals 3 / 2 / 2.
    const images = subjectsWithImages([1, 1, 1, 1, 1, 1, 1]);
    const stratumOf = (id: string) => (id < 's004' ? 'a' : 'b');
    const splits = assignSplits(
      images,
      { train: 0.5, validation: 0.25, test: 0.25 },
      { seed: 3, stratifyBy: stratumOf },
    );
    const perSubject = valuePerSubject(images, splits);
    const a = ['s000', 's001', 's002', 's003'];
    const b = ['s004', 's005', 's006'];
    expect(countSubjects(perSubject, a)).toEqual([2, 1, 1]);
    expect(countSubjects(perSubject, b)).toEqual([1, 1, 1]);
  });

  it('breaks a tie toward the split furthest behind over the strata already allocated', () => {
    // Fractions ½ / ¼ / ¼, strata 'a' and 'b' of 2 subjects each. 'a': quotas 1, .5, .5 → train 1, and the
    // subject left ties validation/test with nothing allocated before → validation: 1 / 1 / 0.
    // 'b': quotas again 1, .5, .5 and a tie; after 'a' the shortfalls are ¼·2 − given: validation .5 − 1 =
    // −.5, test .5 − 0 = +.5, so test: 1 / 0 / 1. Totals 2 / 1 / 1, exactly the fractions.
    const images = subjectsWithImages([1, 1, 1, 1]);
    const stratumOf = (id: string) => (id < 's002' ? 'a' : 'b');
    const splits = assignSplits(
      images,
      { train: 0.5, validation: 0.25, test: 0.25 },
      { seed: 9, stratifyBy: stratumOf },
    );
    const perSubject = valuePerSubject(images, splits);
    expect(countSubjects(perSubject, ['s000', 's001'])).toEqual([1, 1, 0]);
    expect(countSubjects(perSubject, ['s002', 's003'])).toEqual([1, 0, 1]);
  });

  it('leaves a zero-fraction split empty', () => {
    const images = subjectsWithImages([1, 2, 1, 1, 1]);
    const splits = assignSplits(images, { train: 0.8, validation: 0, test: 0.2 }, { seed: 4 });
    expect([...splits.values()].filter((split) => split === 'validation')).toEqual([]);
    expect(countSubjects(valuePerSubject(images, splits), ['s000', 's001', 's002', 's003', 's004'])).toEqual([
      4, 0, 1,
    ]);
  });
});

describe('assignSplits properties on random datasets', () => {
  const RUNS = { seed: 17, numRuns: 200 };

  it('assigns every image, keeps each subject in one split, and allocates each stratum within one subject', () => {
    fc.assert(
      fc.property(randomDataset(1, 40), randomFractions, fc.integer(), (data, fractions, seed) => {
        const splits = assignSplits(data.images, fractions, { seed, stratifyBy: data.stratifyBy });
        expect(splits.size).toBe(data.images.length);
        for (const split of splits.values()) expect(SPLITS).toContain(split);
        const perSubject = valuePerSubject(data.images, splits); // throws if a subject is in two splits
        for (const subjectIds of subjectsByStratum(data.stratumOf).values()) {
          const counts = countSubjects(perSubject, subjectIds);
          for (const [s, split] of SPLITS.entries()) {
            const target = subjectIds.length * fractions[split];
            expect(Math.abs(counts[s]! - target)).toBeLessThan(1 + 1e-9);
            if (fractions[split] === 0) expect(counts[s]).toBe(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives the same splits for the same seed, whatever the order of the images', () => {
    fc.assert(
      fc.property(randomDataset(1, 40), fc.integer(), (data, seed) => {
        const options = { seed, stratifyBy: data.stratifyBy };
        const first = assignSplits(data.images, undefined, options);
        expect(sortedEntries(assignSplits(data.images, undefined, options))).toEqual(sortedEntries(first));
        expect(sortedEntries(assignSplits(data.reordered, undefined, options))).toEqual(sortedEntries(first));
      }),
      RUNS,
    );
  });

  it('gives different splits for different seeds', () => {
    // With ≥ 40 subjects in one stratum two seeds agree only if two shuffles put the same subjects in each
    // split: at most 1 / C(40; 28, 6, 6) ≈ 1e-13 of the time.
    const images = subjectsWithImages(Array.from({ length: 40 }, () => 1));
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        fc.pre(a !== b);
        const first = assignSplits(images, undefined, { seed: a });
        expect(sortedEntries(assignSplits(images, undefined, { seed: b }))).not.toEqual(sortedEntries(first));
      }),
      RUNS,
    );
  });
});

describe('assignSplits rejects bad input', () => {
  const images = subjectsWithImages([1, 1, 1]);
  it.each([
    [
      { train: 0.7, validation: 0.2, test: 0.2 },
      /must sum to 1, got train 0.7 \+ validation 0.2 \+ test 0.2/,
    ],
    [{ train: 0.7, validation: 0.15, test: 0.15 + 2e-9 }, /must sum to 1/],
    [{ train: 1.2, validation: -0.1, test: -0.1 }, /train must be a number in \[0, 1\], got 1.2/],
    [{ train: 0.7, validation: 0.3 } as never, /test must be a number in \[0, 1\], got undefined/],
    [{ train: 0.7, validation: 0.15, test: 0.15, holdout: 0 } as never, /unknown split\(s\) holdout/],
  ])('fractions %j', (fractions, message) => {
    expect(() => assignSplits(images, fractions, { seed: 1 })).toThrow(RangeError);
    expect(() => assignSplits(images, fractions, { seed: 1 })).toThrow(message);
  });

  it('accepts fractions that sum to 1 within 1e-9', () => {
    expect(() => assignSplits(images, { train: 0.7, validation: 0.2, test: 0.1 }, { seed: 1 })).not.toThrow();
    expect(() =>
      assignSplits(images, { train: 0.7, validation: 0.15, test: 0.15 + 5e-10 }, { seed: 1 }),
    ).not.toThrow();
  });

  it('rejects an empty dataset, repeated or missing ids, a bad seed and a bad stratum key', () => {
    expect(() => assignSplits([], undefined, { seed: 1 })).toThrow(/assignSplits: the dataset has no images/);
    const twice = [...images, { id: 's000-img0', subjectId: 's009' }];
    expect(() => assignSplits(twice, undefined, { seed: 1 })).toThrow(/image id 's000-img0' appears twice/);
    expect(() => assignSplits([{ id: 'x', subjectId: '' }], undefined, { seed: 1 })).toThrow(
      /image 'x' has no subjectId/,
    );
    expect(() => assignSplits(images, undefined, { seed: 0.5 })).toThrow(
      /assignSplits: seed must be an integer/,
    );
    expect(() => assignSplits(images, undefined, undefined as never)).toThrow(
      /seed must be an integer, got undefined/,
    );
    const numeric = () => 3 as unknown as string;
    expect(() => assignSplits(images, undefined, { seed: 1, stratifyBy: numeric })).toThrow(TypeError);
  });
});
