import type { ImageRef } from '@voxelhub/core/annotation';
import type { AnnotationTarget } from '../annotations/annotation-head.js';

/**
 * Whether an annotation was made on this target: the same image or series and the same task. The task
 * counts because each reader's answers in a task are their own; the panels show only the ones they edit.
 */
export function sameTarget(a: AnnotationTarget, b: AnnotationTarget): boolean {
  return a.imageId === b.imageId && a.seriesId === b.seriesId && a.taskId === b.taskId;
}

/** The same image and the same frame or slice of it (an absent index is the whole image). */
export function sameImageRef(a: ImageRef, b: ImageRef): boolean {
  return a.imageId === b.imageId && a.frameIndex === b.frameIndex && a.sliceIndex === b.sliceIndex;
}
