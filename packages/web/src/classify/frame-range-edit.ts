import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { AnnotationHistory } from '../annotations/annotation-history.js';
import type { FrameEdge } from './frame-marks.js';
import type { FrameRange } from './frame-range.js';
import { withEnd, withStart } from './frame-range.js';
import type { FrameRangeItem } from './frame-range-items.js';
import { frameRangePayload, withRange } from './frame-range-payload.js';

/*
 * The frame-label panel's edits, each one undo step. Ranges may overlap (a "contrast" range inside a
 * "systole" one): nothing here merges or trims them.
 */

export function createFrameRange(
  history: AnnotationHistory,
  target: AnnotationTarget,
  input: { readonly labelId: string; readonly imageId: string; readonly range: FrameRange },
): string {
  return history.create({ target, labelId: input.labelId, payload: frameRangePayload(input) });
}

/** Moves one end of a range to `frame` (past the other end, the two swap); no step when nothing moves. */
export function moveRangeEdge(
  history: AnnotationHistory,
  item: FrameRangeItem,
  edge: FrameEdge,
  frame: number,
): void {
  const range = edge === 'start' ? withStart(item.range, frame) : withEnd(item.range, frame);
  if (range.start === item.range.start && range.end === item.range.end) return;
  history.update(item.key, { payload: withRange(item.payload, range) });
}

/** Gives a range another label (the store rewrites the payload's labelId to match). */
export function relabelRange(history: AnnotationHistory, item: FrameRangeItem, labelId: string): void {
  if (labelId !== item.labelId) history.update(item.key, { labelId });
}
