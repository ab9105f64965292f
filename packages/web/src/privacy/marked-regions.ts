import type { PixelRectangle } from './privacy-types.js';

/**
 * The regions a reviewer has marked on one held image, with the earlier states for undo. Each change
 * (a rectangle drawn, a rectangle removed) is one step back.
 */
export interface MarkedRegions {
  readonly regions: readonly PixelRectangle[];
  readonly past: readonly (readonly PixelRectangle[])[];
}

export const NO_MARKS: MarkedRegions = { regions: [], past: [] };

/** The API takes at most this many regions per accept (privacy-routes.ts). */
export const MAX_MARKS = 64;

export function addMark(marks: MarkedRegions, rectangle: PixelRectangle): MarkedRegions {
  if (marks.regions.length >= MAX_MARKS) return marks;
  return { regions: [...marks.regions, rectangle], past: [...marks.past, marks.regions] };
}

export function removeMark(marks: MarkedRegions, index: number): MarkedRegions {
  if (index < 0 || index >= marks.regions.length) return marks;
  return { regions: marks.regions.filter((_, i) => i !== index), past: [...marks.past, marks.regions] };
}

/** The state before the last change; unchanged when there is nothing to undo. */
export function undoMark(marks: MarkedRegions): MarkedRegions {
  const previous = marks.past.at(-1);
  if (previous === undefined) return marks;
  return { regions: previous, past: marks.past.slice(0, -1) };
}
