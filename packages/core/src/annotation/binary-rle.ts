import { z } from 'zod';
import { ANNOTATION_LIMITS } from './annotation-limits.js';

/**
 * Inline run-length encoding of a binary 2D mask of `width` × `height` pixels on the referenced slice/frame.
 *
 * - Pixel order is x fastest: pixel (x, y) is number y · width + x.
 * - `runs` alternate background and foreground, and the first run is background: runs[0] background pixels,
 *   then runs[1] foreground pixels, then runs[2] background, … A mask whose first pixel is foreground starts
 *   with a 0 run; no other run is 0 (so each mask has exactly one encoding).
 * - The runs add up to width · height.
 * Example: width 4, height 1, pixels 0 1 1 0 → runs [1, 2, 1]; pixels 1 1 0 0 → [0, 2, 2].
 */
/** Bad runs reported per list: enough to find an encoder's bug, not a megabyte of issues. */
const MAX_REPORTED_RUNS = 10;

function runProblem(run: unknown, i: number): string | undefined {
  if (typeof run !== 'number' || !Number.isInteger(run) || run < 0) return 'a run is a non-negative integer';
  return run === 0 && i > 0 ? 'only the first run may be 0' : undefined;
}

/**
 * The run list: its length is checked first, then each run by a plain loop (a million runs through zod's
 * per-element parse would take about a second).
 */
const runListSchema = z
  .array(z.unknown())
  .min(1)
  .max(ANNOTATION_LIMITS.maxRleRuns)
  .superRefine((runs, ctx) => {
    if (runs.length > ANNOTATION_LIMITS.maxRleRuns) return;
    let reported = 0;
    for (let i = 0; i < runs.length && reported < MAX_REPORTED_RUNS; i++) {
      const message = runProblem(runs[i], i);
      if (message === undefined) continue;
      reported++;
      ctx.addIssue({ code: 'custom', message, path: [i] });
    }
  }) as z.ZodType<number[]>;

export const binaryRleSchema = z
  .strictObject({
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    runs: runListSchema,
  })
  .superRefine(({ width, height, runs }, ctx) => {
    const pixels = width * height;
    if (pixels > ANNOTATION_LIMITS.maxRlePixels) {
      const message = `mask has ${pixels} pixels; inline masks hold at most ${ANNOTATION_LIMITS.maxRlePixels}`;
      ctx.addIssue({ code: 'custom', message, path: ['height'] });
      return;
    }
    // The run list's own issues do not stop this refinement: sum only a list whose runs are all valid.
    if (!runs.every((run, i) => runProblem(run, i) === undefined)) return;
    let total = 0;
    for (const run of runs) total += run;
    if (total !== pixels) {
      const message = `runs add up to ${total}, not width × height = ${pixels}`;
      ctx.addIssue({ code: 'custom', message, path: ['runs'] });
    }
  });

export type BinaryRle = z.infer<typeof binaryRleSchema>;

/** Encodes a mask (non-zero = foreground), x fastest, into canonical runs. Returns a new object. */
export function encodeBinaryRle(mask: ArrayLike<number>, width: number, height: number): BinaryRle {
  if (mask.length !== width * height)
    throw new RangeError(`mask has ${mask.length} pixels, not ${width}×${height}`);
  const runs: number[] = [];
  let current = 0;
  let length = 0;
  for (let i = 0; i < mask.length; i++) {
    const value = mask[i] ? 1 : 0;
    if (value !== current) {
      runs.push(length);
      current = value;
      length = 0;
    }
    length++;
  }
  runs.push(length);
  return { width, height, runs };
}

/** Decodes validated runs into a mask of 0/1 bytes, x fastest. */
export function decodeBinaryRle(rle: BinaryRle): Uint8Array {
  const mask = new Uint8Array(rle.width * rle.height);
  let offset = 0;
  rle.runs.forEach((run, i) => {
    if (i % 2 === 1) mask.fill(1, offset, offset + run);
    offset += run;
  });
  return mask;
}
