/**
 * An axis-aligned 2D box in pixel coordinates of one slice or frame: `min` is the top-left corner and
 * `max` the bottom-right, with min < max on both axes. The area is (max − min) on each axis multiplied,
 * as COCO measures it (no +1: boxes are continuous regions, not pixel counts).
 */
export interface Box {
  readonly min: readonly [number, number];
  readonly max: readonly [number, number];
}

/** A box with the confidence a detector or reader gave it (1 for a person's box). */
export interface ScoredBox extends Box {
  readonly score: number;
}

export function boxArea(box: Box): number {
  return Math.max(0, box.max[0] - box.min[0]) * Math.max(0, box.max[1] - box.min[1]);
}

/**
 * Throws a RangeError naming `label` (e.g. "reference[2]") unless the box has finite corners with
 * min ≤ max on both axes; a zero-width box is allowed (its IoU with anything is 0).
 */
export function checkBox(box: Box, label: string): void {
  const corners = [box?.min?.[0], box?.min?.[1], box?.max?.[0], box?.max?.[1]];
  if (!corners.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new RangeError(`${label} must have finite min [x, y] and max [x, y], got ${JSON.stringify(box)}`);
  }
  if (box.min[0] > box.max[0] || box.min[1] > box.max[1]) {
    throw new RangeError(
      `${label} has min [${box.min.join(', ')}] beyond max [${box.max.join(', ')}]; min must be the top-left corner`,
    );
  }
}

/** As checkBox, and the score must be a finite number. */
export function checkScoredBox(box: ScoredBox, label: string): void {
  checkBox(box, label);
  if (typeof box.score !== 'number' || !Number.isFinite(box.score)) {
    throw new RangeError(`${label} must have a finite score, got ${String(box.score)}`);
  }
}
