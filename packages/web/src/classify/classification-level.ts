import type { ClassificationData, ImageRef } from '@voxelhub/core/annotation';
import type { AnnotationTarget } from '../annotations/annotation-head.js';

export type ClassificationLevel = ClassificationData['level'];

export const CLASSIFICATION_LEVELS: readonly ClassificationLevel[] = ['image', 'series', 'study'];

/** A series is usually judged as a whole; a lone image (an X-ray) is its own unit. */
export function defaultLevel(target: AnnotationTarget): ClassificationLevel {
  return target.seriesId !== undefined ? 'series' : 'image';
}

/**
 * The level a label's control opens at: the default when it has an answer there or none anywhere,
 * otherwise the first level that has one, so an existing answer is what the user sees first.
 */
export function initialLevel(
  answered: ReadonlySet<ClassificationLevel>,
  target: AnnotationTarget,
): ClassificationLevel {
  const fallback = defaultLevel(target);
  if (answered.has(fallback) || answered.size === 0) return fallback;
  return CLASSIFICATION_LEVELS.find((level) => answered.has(level)) ?? fallback;
}

/** How the level picker names a level: an image-level answer is about the frame or slice shown. */
export function levelCaption(level: ClassificationLevel, imageRef: ImageRef): string {
  if (level === 'series') return 'Series';
  if (level === 'study') return 'Study';
  if (imageRef.frameIndex !== undefined) return `Frame ${imageRef.frameIndex + 1}`;
  if (imageRef.sliceIndex !== undefined) return `Slice ${imageRef.sliceIndex + 1}`;
  return 'This image';
}
