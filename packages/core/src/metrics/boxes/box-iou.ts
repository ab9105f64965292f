import { type Box, boxArea } from './box.js';

/** Intersection over union of two boxes: 0 when they do not overlap (or both are empty), 1 when equal. */
export function boxIou(a: Box, b: Box): number {
  const w = Math.min(a.max[0], b.max[0]) - Math.max(a.min[0], b.min[0]);
  const h = Math.min(a.max[1], b.max[1]) - Math.max(a.min[1], b.min[1]);
  if (w <= 0 || h <= 0) return 0;
  const intersection = w * h;
  return intersection / (boxArea(a) + boxArea(b) - intersection);
}
