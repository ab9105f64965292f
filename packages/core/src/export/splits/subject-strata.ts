import type { ExportImage } from '../export-dataset.js';

/** What splitting needs to know about an image: its id and its subject. */
export type SplitImage = Pick<ExportImage, 'id' | 'subjectId'>;

/** Gives a subject its stratum key; null puts it in the one stratum of unstratified subjects. */
export type StratifyBy = (subjectId: string) => string | null;

/** The subjects sharing a stratum key, sorted by id so that the input order cannot matter. */
export interface Stratum {
  readonly key: string | null;
  readonly subjectIds: readonly string[];
}

/** Images grouped by subject, and subjects grouped by stratum; both in a fixed, input-independent order. */
export interface SubjectStrata {
  readonly imageIdsBySubject: ReadonlyMap<string, readonly string[]>;
  /** Strata sorted by key (code units), the null stratum last. */
  readonly strata: readonly Stratum[];
}

/** Compares strings by UTF-16 code units: the same order on every machine, unlike localeCompare. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups images by subject and subjects by `stratifyBy` (one stratum when it is absent). Throws a
 * RangeError for an empty list, an empty id or a repeated image id, and a TypeError when `stratifyBy`
 * returns something other than a string or null.
 */
export function groupSubjectsByStratum(
  images: readonly SplitImage[],
  stratifyBy: StratifyBy | undefined,
  caller: string,
): SubjectStrata {
  if (!Array.isArray(images)) throw new TypeError(`${caller}: images must be an array`);
  if (images.length === 0) throw new RangeError(`${caller}: the dataset has no images`);
  const imageIdsBySubject = groupImagesBySubject(images, caller);
  const subjectsByKey = new Map<string | null, string[]>();
  for (const subjectId of [...imageIdsBySubject.keys()].sort(compareCodeUnits)) {
    const key = stratifyBy === undefined ? null : stratifyBy(subjectId);
    if (key !== null && typeof key !== 'string') {
      throw new TypeError(
        `${caller}: stratifyBy('${subjectId}') must return a string or null, got ${typeof key}`,
      );
    }
    const subjects = subjectsByKey.get(key) ?? [];
    subjects.push(subjectId);
    subjectsByKey.set(key, subjects);
  }
  const strata = [...subjectsByKey].map(([key, subjectIds]) => ({ key, subjectIds }));
  strata.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : compareCodeUnits(a.key, b.key)));
  return { imageIdsBySubject, strata };
}

function groupImagesBySubject(images: readonly SplitImage[], caller: string): Map<string, string[]> {
  const seen = new Set<string>();
  const bySubject = new Map<string, string[]>();
  for (const [index, image] of images.entries()) {
    if (typeof image.id !== 'string' || image.id === '') {
      throw new RangeError(`${caller}: image ${index} has no id`);
    }
    if (typeof image.subjectId !== 'string' || image.subjectId === '') {
      throw new RangeError(`${caller}: image '${image.id}' has no subjectId`);
    }
    if (seen.has(image.id)) throw new RangeError(`${caller}: image id '${image.id}' appears twice`);
    seen.add(image.id);
    const ids = bySubject.get(image.subjectId) ?? [];
    ids.push(image.id);
    bySubject.set(image.subjectId, ids);
  }
  return bySubject;
}

/** Gives each image its subject's value (split or fold), in input order. */
export function spreadToImages<T>(
  images: readonly SplitImage[],
  valueOfSubject: ReadonlyMap<string, T>,
): Map<string, T> {
  return new Map(images.map((image) => [image.id, valueOfSubject.get(image.subjectId)!]));
}
