import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { FrameRange } from './frame-range.js';
import type { FrameRangePayload } from './frame-range-payload.js';
import { sameTarget } from './target-match.js';

/** One labelled range of the cine on screen, as the list and the bar show it. */
export interface FrameRangeItem {
  readonly key: string;
  readonly labelId: string;
  readonly range: FrameRange;
  readonly payload: FrameRangePayload;
}

/**
 * The frame ranges on one cine image of this target, in frame order (by start, then end; overlapping
 * ranges are all kept). A series target may hold several cines: only `imageId`'s ranges are shown.
 */
export function frameRangeItems(
  entries: readonly AnnotationEntry[],
  target: AnnotationTarget,
  imageId: string,
): FrameRangeItem[] {
  const items: FrameRangeItem[] = [];
  for (const entry of entries) {
    const payload = entry.content.payload;
    if (entry.content.deleted || payload.type !== 'frameRange') continue;
    if (payload.imageRef.imageId !== imageId || !sameTarget(entry.target, target)) continue;
    items.push({ key: entry.key, labelId: entry.content.labelId, range: payload.data, payload });
  }
  return items.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
