import type { AnnotationHead } from '../annotations/annotation-rows.js';
import { type PairwiseResult, pairwise } from './reader-pairs.js';

type LandmarkPayload = Extract<AnnotationHead['payload'], { type: 'landmark' }>;

/** A reader's landmarks of one label by name, in patient mm (the newest when a name was placed twice). */
export type LandmarksByName = ReadonlyMap<
  string,
  { patient: readonly [number, number, number]; head: AnnotationHead }
>;

export function landmarksByName(heads: readonly AnnotationHead[], labelId: string): LandmarksByName {
  const out = new Map<string, { patient: readonly [number, number, number]; head: AnnotationHead }>();
  for (const head of heads) {
    if (head.payload.type !== 'landmark' || head.labelId !== labelId) continue;
    const { name, point } = (head.payload as LandmarkPayload).data;
    const current = out.get(name);
    if (!current || current.head.updatedAt <= head.updatedAt) out.set(name, { patient: point.patient, head });
  }
  return out;
}

/**
 * The mean distance in mm between two readers' landmarks of the same name (lower is better). Names only
 * one of them placed are counted in the details, not in the distance; no shared name gives null.
 */
export function measureLandmarks(
  readers: readonly string[],
  landmarks: ReadonlyMap<string, LandmarksByName>,
): PairwiseResult {
  return pairwise(readers, landmarks, (a, b) => {
    let sum = 0;
    let shared = 0;
    for (const [name, p] of a) {
      const q = b.get(name);
      if (!q) continue;
      sum += Math.hypot(
        p.patient[0] - q.patient[0],
        p.patient[1] - q.patient[1],
        p.patient[2] - q.patient[2],
      );
      shared++;
    }
    const onlyOne = a.size + b.size - 2 * shared;
    return { value: shared === 0 ? null : sum / shared, details: { shared, onlyOne } };
  });
}
