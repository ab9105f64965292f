import { seededRandom, seededShuffle } from './seeded-shuffle.js';
import {
  groupSubjectsByStratum,
  type SplitImage,
  type StratifyBy,
  spreadToImages,
} from './subject-strata.js';

export interface KFoldsOptions {
  /** Seeds the shuffle (an integer): the same images and seed always give the same folds. */
  readonly seed: number;
  /** The stratum of each subject, e.g. strataByRarestLabel(dataset); without it all subjects form one stratum. */
  readonly stratifyBy?: StratifyBy;
}

/**
 * Assigns every image to a cross-validation fold 0 … k − 1, keeping all images of a subject in one fold.
 * Within each stratum the subjects, sorted by id, are shuffled with a mulberry32 generator seeded by
 * `seed` and dealt out so that every fold gets ⌊n/k⌋ or ⌈n/k⌉ of the stratum's n subjects; the ⌈n/k⌉
 * go to the folds with the fewest subjects so far (then the lowest fold number), which keeps the folds'
 * subject counts within one of each other overall too. Image counts can differ more when subjects have
 * different numbers of images. See docs/splits.md.
 *
 * Throws a RangeError for an empty dataset, a k that is not an integer in [2, number of subjects], a
 * repeated image id or an image without id or subject.
 */
export function kFolds(
  images: readonly SplitImage[],
  k: number,
  options: KFoldsOptions,
): Map<string, number> {
  const { imageIdsBySubject, strata } = groupSubjectsByStratum(images, options?.stratifyBy, 'kFolds');
  const subjects = imageIdsBySubject.size;
  if (!Number.isInteger(k) || k < 2 || k > subjects) {
    throw new RangeError(
      `kFolds: k must be an integer from 2 to the number of subjects (${subjects}), got ${k}`,
    );
  }
  const random = seededRandom(options?.seed, 'kFolds');
  const foldSizes = Array.from({ length: k }, () => 0);
  const foldOfSubject = new Map<string, number>();
  for (const { subjectIds } of strata) {
    const counts = dealCounts(subjectIds.length, foldSizes);
    const shuffled = seededShuffle(subjectIds, random);
    let next = 0;
    for (const [fold, count] of counts.entries()) {
      for (const subjectId of shuffled.slice(next, next + count)) foldOfSubject.set(subjectId, fold);
      next += count;
      foldSizes[fold] = foldSizes[fold]! + count;
    }
  }
  return spreadToImages(images, foldOfSubject);
}

/** ⌊n/k⌋ subjects to every fold, and one more to each of the n mod k folds with the fewest so far. */
function dealCounts(n: number, foldSizes: readonly number[]): number[] {
  const k = foldSizes.length;
  const counts = foldSizes.map(() => Math.floor(n / k));
  const smallestFirst = foldSizes
    .map((size, fold) => ({ size, fold }))
    .sort((a, b) => a.size - b.size || a.fold - b.fold);
  for (const { fold } of smallestFirst.slice(0, n % k)) counts[fold] = counts[fold]! + 1;
  return counts;
}
