import type { ImageRef } from '@voxelhub/core/annotation';
import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import { CLASSIFICATION_LEVELS, type ClassificationLevel } from './classification-level.js';
import { type ClassificationPayload, isClassificationPayload } from './classification-payload.js';
import { sameImageRef, sameTarget } from './target-match.js';

/** A saved answer: its store entry and its payload, already known to be a classification. */
export interface ClassificationAnswer {
  readonly entry: AnnotationEntry;
  readonly payload: ClassificationPayload;
}

/** Where the panel stands: what it annotates, and the image (frame, slice) on screen. */
export interface AnswerScope {
  readonly target: AnnotationTarget;
  readonly imageRef: ImageRef;
}

/**
 * Whether an entry answers `labelId` at `level` here: same target, and for an image-level answer the
 * frame or slice on screen (series and study answers hold wherever one is in the series).
 */
function answersHere(
  entry: AnnotationEntry,
  payload: ClassificationPayload,
  scope: AnswerScope,
  labelId: string,
  level: ClassificationLevel,
): boolean {
  return (
    entry.content.labelId === labelId &&
    payload.data.level === level &&
    sameTarget(entry.target, scope.target) &&
    (level !== 'image' || sameImageRef(payload.imageRef, scope.imageRef))
  );
}

/**
 * The answer to one label at one level here. Should two exist (two tabs answered at once), the first
 * in the store's order is the one shown and edited.
 */
export function findAnswer(
  entries: readonly AnnotationEntry[],
  scope: AnswerScope,
  labelId: string,
  level: ClassificationLevel,
): ClassificationAnswer | undefined {
  for (const entry of entries) {
    const payload = entry.content.payload;
    if (entry.content.deleted || !isClassificationPayload(payload)) continue;
    if (answersHere(entry, payload, scope, labelId, level)) return { entry, payload };
  }
  return undefined;
}

/** A label's answers here, by level (a level without an answer is absent). */
export function answersOfLabel(
  entries: readonly AnnotationEntry[],
  scope: AnswerScope,
  labelId: string,
): Partial<Record<ClassificationLevel, ClassificationAnswer>> {
  const answers: Partial<Record<ClassificationLevel, ClassificationAnswer>> = {};
  for (const level of CLASSIFICATION_LEVELS) {
    const answer = findAnswer(entries, scope, labelId, level);
    if (answer) answers[level] = answer;
  }
  return answers;
}
