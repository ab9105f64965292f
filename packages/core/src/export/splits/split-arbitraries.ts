import fc from 'fast-check';
import type { SplitImage, StratifyBy } from './subject-strata.js';

/**
 * fast-check generators shared by the split and fold property tests: random datasets of subjects with
 * one to three images each and a stratum key (or null), and the same images in a second, shuffled order.
 */

export interface RandomDataset {
  readonly images: readonly SplitImage[];
  readonly reordered: readonly SplitImage[];
  readonly stratumOf: ReadonlyMap<string, string | null>;
  readonly stratifyBy: StratifyBy;
}

const STRATUM_KEYS = ['rare', 'common', 'unlabelled', null] as const;

export function randomDataset(minSubjects: number, maxSubjects: number): fc.Arbitrary<RandomDataset> {
  const subject = fc.record({
    images: fc.integer({ min: 1, max: 3 }),
    stratum: fc.constantFrom(...STRATUM_KEYS),
  });
  return fc.array(subject, { minLength: minSubjects, maxLength: maxSubjects }).chain((subjects) => {
    // Random subject ids (not s000, s001, …) so that sorting them is a real reordering.
    const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), {
      minLength: subjects.length,
      maxLength: subjects.length,
    });
    return ids.chain((subjectIds) => {
      const images = subjects.flatMap((s, index) =>
        Array.from({ length: s.images }, (_, i) => ({
          id: `${subjectIds[index]}#${i}`,
          subjectId: subjectIds[index]!,
        })),
      );
      const stratumOf = new Map(subjects.map((s, index) => [subjectIds[index]!, s.stratum]));
      return fc
        .shuffledSubarray(images, { minLength: images.length, maxLength: images.length })
        .map((reordered) => ({
          images,
          reordered,
          stratumOf,
          stratifyBy: (id: string) => stratumOf.get(id)!,
        }));
    });
  });
}

/** Three non-negative shares summing to 1 (within rounding), each a multiple of 1/20. */
export const randomFractions = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }))
  .filter(([a, b]) => a + b <= 20)
  .map(([a, b]) => ({ train: a / 20, validation: b / 20, test: (20 - a - b) / 20 }));

/** Subjects of each stratum key, from a map of subject → key. */
export function subjectsByStratum(
  stratumOf: ReadonlyMap<string, string | null>,
): Map<string | null, string[]> {
  const byStratum = new Map<string | null, string[]>();
  for (const [subjectId, key] of stratumOf) byStratum.set(key, [...(byStratum.get(key) ?? []), subjectId]);
  return byStratum;
}

/** The value each subject's images got, failing when one subject's images got different values. */
export function valuePerSubject<T>(
  images: readonly SplitImage[],
  assigned: ReadonlyMap<string, T>,
): Map<string, T> {
  const bySubject = new Map<string, T>();
  for (const image of images) {
    const value = assigned.get(image.id);
    if (value === undefined) throw new Error(`image ${image.id} was not assigned`);
    if (bySubject.has(image.subjectId) && bySubject.get(image.subjectId) !== value) {
      throw new Error(
        `subject ${image.subjectId} is in ${String(bySubject.get(image.subjectId))} and ${String(value)}`,
      );
    }
    bySubject.set(image.subjectId, value);
  }
  return bySubject;
}

/** A map's entries sorted by key, for comparing maps built in different orders. */
export const sortedEntries = <T>(map: ReadonlyMap<string, T>): [string, T][] =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
