import { SPLITS, type Split } from '../export-dataset.js';
import { apportionByLargestRemainder } from './largest-remainder.js';
import { seededRandom, seededShuffle } from './seeded-shuffle.js';
import { checkSplitFractions, DEFAULT_SPLIT_FRACTIONS, type SplitFractions } from './split-fractions.js';
import {
  groupSubjectsByStratum,
  type SplitImage,
  type StratifyBy,
  spreadToImages,
} from './subject-strata.js';

export interface AssignSplitsOptions {
  /** Seeds the shuffle (an integer): the same images and seed always give the same splits. */
  readonly seed: number;
  /** The stratum of each subject, e.g. strataByRarestLabel(dataset); without it all subjects form one stratum. */
  readonly stratifyBy?: StratifyBy;
}

/**
 * Assigns every image to train, validation or test, keeping all images of a subject in one split (one
 * patient's images in two splits leak into the evaluation). Within each stratum the subjects, sorted by
 * id, are shuffled with a mulberry32 generator seeded by `seed`, and each split takes its
 * largest-remainder share of them: the stratum's size × fraction rounded down or up. Equal remainders go
 * to the split furthest behind its fraction over the strata already allocated, then in the order train,
 * validation, test. See docs/splits.md.
 *
 * Throws a RangeError for an empty dataset, fractions that are not three shares summing to 1, a repeated
 * image id or an image without id or subject.
 */
export function assignSplits(
  images: readonly SplitImage[],
  fractions: SplitFractions = DEFAULT_SPLIT_FRACTIONS,
  options: AssignSplitsOptions,
): Map<string, Split> {
  checkSplitFractions(fractions);
  const { strata } = groupSubjectsByStratum(images, options?.stratifyBy, 'assignSplits');
  const random = seededRandom(options?.seed, 'assignSplits');
  const shares = SPLITS.map((split) => fractions[split]);
  const given = SPLITS.map(() => 0);
  let allocated = 0;
  const splitOfSubject = new Map<string, Split>();
  for (const { subjectIds } of strata) {
    const shortfall = shares.map((share, s) => share * allocated - given[s]!);
    const counts = apportionByLargestRemainder(subjectIds.length, shares, shortfall);
    const shuffled = seededShuffle(subjectIds, random);
    let next = 0;
    for (const [s, split] of SPLITS.entries()) {
      for (const subjectId of shuffled.slice(next, next + counts[s]!)) splitOfSubject.set(subjectId, split);
      next += counts[s]!;
      given[s] = given[s]! + counts[s]!;
    }
    allocated += subjectIds.length;
  }
  return spreadToImages(images, splitOfSubject);
}
