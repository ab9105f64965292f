import { compressCocoRleCounts, decompressCocoRleCounts } from './coco-rle-string.js';

/**
 * COCO run-length encoding of a binary mask of `size` = [height, width] pixels.
 *
 * - Pixels are taken column by column (Fortran order, y fastest): pixel (x, y) is number x · height + y. This
 *   is the transpose of Voxelhub's own binary RLE (binary-rle.ts), which runs x fastest.
 * - `counts` alternate background and foreground runs and start with background (0 when pixel 0 is set).
 * - Uncompressed RLE keeps the counts as numbers; compressed RLE keeps them as pycocotools' string
 *   (coco-rle-string.ts).
 */
export interface CocoUncompressedRle {
  readonly size: readonly [height: number, width: number];
  readonly counts: readonly number[];
}

export interface CocoCompressedRle {
  readonly size: readonly [height: number, width: number];
  readonly counts: string;
}

/** Either form. */
export interface CocoRle {
  readonly size: readonly [height: number, width: number];
  readonly counts: string | readonly number[];
}

/** A pixel box [x, y, width, height]. */
export type CocoBbox = readonly [x: number, y: number, width: number, height: number];

function assertMaskSize(mask: ArrayLike<number>, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`mask size must be positive integers, not ${width}×${height}`);
  if (mask.length !== width * height)
    throw new RangeError(`mask has ${mask.length} pixels, not ${width}×${height}`);
}

/** Encodes a mask given x fastest (row by row, non-zero = foreground) into uncompressed COCO RLE. */
export function encodeCocoRle(mask: ArrayLike<number>, width: number, height: number): CocoUncompressedRle {
  assertMaskSize(mask, width, height);
  const counts: number[] = [];
  let current = 0;
  let length = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const value = mask[y * width + x] ? 1 : 0;
      if (value !== current) {
        counts.push(length);
        current = value;
        length = 0;
      }
      length++;
    }
  }
  counts.push(length);
  return { size: [height, width], counts };
}

/** The same mask with its counts as pycocotools' compressed string. */
export function compressCocoRle(rle: CocoUncompressedRle): CocoCompressedRle {
  return { size: rle.size, counts: compressCocoRleCounts(rle.counts) };
}

/** The counts of either form, checked to add up to height × width. */
export function cocoRleCounts(rle: CocoRle): readonly number[] {
  const counts = typeof rle.counts === 'string' ? decompressCocoRleCounts(rle.counts) : rle.counts;
  const [height, width] = rle.size;
  let total = 0;
  for (const count of counts) {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`RLE counts must be non-negative integers, not ${count}`);
    total += count;
  }
  if (total !== height * width)
    throw new RangeError(`RLE counts add up to ${total}, not height × width = ${height * width}`);
  return counts;
}

/** Decodes either form into a mask of 0/1 bytes given x fastest (row by row), Voxelhub's pixel order. */
export function decodeCocoRle(rle: CocoRle): Uint8Array {
  const [height, width] = rle.size;
  const counts = cocoRleCounts(rle);
  const mask = new Uint8Array(height * width);
  let p = 0;
  counts.forEach((count, i) => {
    if (i % 2 === 1) {
      for (let n = p; n < p + count; n++) mask[(n % height) * width + Math.floor(n / height)] = 1;
    }
    p += count;
  });
  return mask;
}

/** Foreground pixels (pycocotools' rleArea: the sum of the odd counts). */
export function cocoRleArea(rle: CocoRle): number {
  let area = 0;
  cocoRleCounts(rle).forEach((count, i) => {
    if (i % 2 === 1) area += count;
  });
  return area;
}

/**
 * The tight pixel box of the foreground, as pycocotools' rleToBbox gives it: [first column, first row,
 * columns spanned, rows spanned]; [0, 0, 0, 0] for an empty mask.
 */
export function cocoRleBbox(rle: CocoRle): CocoBbox {
  const [height] = rle.size;
  let [xMin, yMin, xMax, yMax] = [Infinity, Infinity, -Infinity, -Infinity];
  let p = 0;
  cocoRleCounts(rle).forEach((count, i) => {
    if (i % 2 === 1 && count > 0) {
      const [first, last] = [p, p + count - 1];
      const [x0, x1] = [Math.floor(first / height), Math.floor(last / height)];
      xMin = Math.min(xMin, x0);
      xMax = Math.max(xMax, x1);
      // A run that crosses into the next column holds the bottom row of one column and the top row of the next.
      yMin = Math.min(yMin, x1 > x0 ? 0 : first % height);
      yMax = Math.max(yMax, x1 > x0 ? height - 1 : last % height);
    }
    p += count;
  });
  if (xMin === Infinity) return [0, 0, 0, 0];
  return [xMin, yMin, xMax - xMin + 1, yMax - yMin + 1];
}
