import { z } from 'zod';
import { defineAnnotationRecord } from './annotation-record.js';

const frame = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/**
 * A label on a range of frames of a cine (e.g. "contrast arrives", "end-systole"): frames start to end,
 * both inclusive, zero-based. The label itself is the envelope's labelId.
 */
export const frameRangeLabelDataSchema = z
  .strictObject({ start: frame, end: frame })
  .refine((r) => r.start <= r.end, { message: 'start must not come after end', path: ['end'] });

export type FrameRangeLabelData = z.infer<typeof frameRangeLabelDataSchema>;

export const frameRangeLabelRecord = defineAnnotationRecord({
  type: 'frameRange',
  version: 1,
  imageRef: 'whole-image',
  data: frameRangeLabelDataSchema,
});
