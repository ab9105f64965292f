/**
 * YOLO coordinates are fractions of the image's width and height measured from its top-left *edge*:
 * 0 is the left edge of the first column and 1 the right edge of the last. Voxelhub's index i is a pixel
 * *centre*, so the image spans index −0.5 … width − 0.5, and x = (i + 0.5) / width. (A box around the whole
 * image is then `0.5 0.5 1 1`, as YOLO tools expect.)
 */

/** Decimal places written: YOLO's customary 6 (Ultralytics' converters round to 6 too). */
export const YOLO_DECIMALS = 6;

export function normalisedFromIndex(index: number, size: number): number {
  return (index + 0.5) / size;
}

export function indexFromNormalised(value: number, size: number): number {
  return value * size - 0.5;
}

/** Clamped to [0, 1] (Ultralytics rejects a whole label file with a value outside it) and rounded. */
export function formatNormalised(value: number): string {
  const clamped = Math.min(1, Math.max(0, value));
  // toFixed gives '-0.000000' for tiny negatives only; clamping rules those out.
  return clamped.toFixed(YOLO_DECIMALS);
}
