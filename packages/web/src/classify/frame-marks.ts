import { type FrameRange, rangeBetween } from './frame-range.js';

export type FrameEdge = 'start' | 'end';

/** One end of a range the user has marked and whose other end is still to come. */
export interface FrameMark {
  readonly edge: FrameEdge;
  readonly frame: number;
}

export interface MarkResult {
  /** The mark still waiting for its other end, or null once a range is complete. */
  readonly pending: FrameMark | null;
  /** The range the mark completed, if it did. */
  readonly range: FrameRange | null;
}

/**
 * Marking a frame as one end of a range. The first mark waits; marking the same end again moves it;
 * marking the other end completes the range (either order works, and an end before the start swaps).
 */
export function markFrame(pending: FrameMark | null, edge: FrameEdge, frame: number): MarkResult {
  if (pending === null || pending.edge === edge) return { pending: { edge, frame }, range: null };
  return { pending: null, range: rangeBetween(pending.frame, frame) };
}
