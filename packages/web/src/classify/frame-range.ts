/** Frames start to end of a cine, both inclusive and zero-based, as the frameRange payload stores them. */
export interface FrameRange {
  readonly start: number;
  readonly end: number;
}

/** A frame index inside a cine of `frameCount` frames. */
export function clampFrame(frame: number, frameCount: number): number {
  return Math.min(Math.max(Math.round(frame), 0), Math.max(frameCount - 1, 0));
}

/** The range between two marked frames, whichever was marked first (marking backwards is allowed). */
export function rangeBetween(a: number, b: number): FrameRange {
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/** The range with its start moved to `frame`; moved past the end, the old end becomes the start. */
export function withStart(range: FrameRange, frame: number): FrameRange {
  return rangeBetween(frame, range.end);
}

/** The range with its end moved to `frame`; moved before the start, the old start becomes the end. */
export function withEnd(range: FrameRange, frame: number): FrameRange {
  return rangeBetween(range.start, frame);
}

/** How people read a range: frames count from 1 on screen, as the viewer's frame counter does. */
export function describeRange(range: FrameRange): string {
  return range.start === range.end
    ? `frame ${range.start + 1}`
    : `frames ${range.start + 1}–${range.end + 1}`;
}

export function containsFrame(range: FrameRange, frame: number): boolean {
  return range.start <= frame && frame <= range.end;
}
