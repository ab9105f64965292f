import type { FrameRangeItem } from './frame-range-items.js';

/** Where one range's bar sits: a lane (row) and its extent as fractions of the scrubber's width. */
export interface FrameRangeSegment {
  readonly item: FrameRangeItem;
  readonly lane: number;
  /** Fraction of the width before the bar: frame f's cell starts at f / frameCount. */
  readonly left: number;
  /** Fraction of the width the bar covers: one frame's cell is 1 / frameCount wide. */
  readonly width: number;
}

export interface FrameRangeLayout {
  readonly segments: readonly FrameRangeSegment[];
  /** Rows needed so that no two overlapping ranges share one (at least 1). */
  readonly lanes: number;
}

/**
 * Lays the ranges out as bars over the frames: each frame is a cell, a range covers its cells from
 * start to end inclusive, and overlapping ranges go to separate lanes (each in the first lane free at
 * its start) so every bar stays visible and clickable. A range past the last frame is cut at it.
 */
export function layoutFrameRanges(items: readonly FrameRangeItem[], frameCount: number): FrameRangeLayout {
  const count = Math.max(frameCount, 1);
  const laneEnds: number[] = [];
  const ordered = [...items].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const segments = ordered.map((item) => {
    const start = Math.min(item.range.start, count - 1);
    const end = Math.min(item.range.end, count - 1);
    let lane = laneEnds.findIndex((laneEnd) => laneEnd < start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = end;
    return { item, lane, left: start / count, width: (end - start + 1) / count };
  });
  return { segments, lanes: Math.max(laneEnds.length, 1) };
}
