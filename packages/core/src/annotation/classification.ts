import { z } from 'zod';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import { defineAnnotationRecord } from './annotation-record.js';

const choiceId = z.string().min(1).max(ANNOTATION_LIMITS.maxIdLength);

/** The answer: one option, several distinct options, or free text (option ids come from the label schema). */
export const classificationValueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), choice: choiceId }),
  z.strictObject({
    kind: z.literal('multiple'),
    choices: z
      .array(choiceId)
      .max(ANNOTATION_LIMITS.maxChoices)
      .refine((c) => new Set(c).size === c.length, { message: 'choices must be distinct' }),
  }),
  z.strictObject({ kind: z.literal('text'), text: z.string().max(ANNOTATION_LIMITS.maxTextLength) }),
]);

/**
 * A label for the referenced image (or its frame/slice), for the series it belongs to, or for the whole
 * study: `level` says which; the image reference is how the series and study are found.
 */
export const classificationDataSchema = z.strictObject({
  level: z.enum(['image', 'series', 'study']),
  value: classificationValueSchema,
});

export type ClassificationData = z.infer<typeof classificationDataSchema>;

export const classificationRecord = defineAnnotationRecord({
  type: 'classification',
  version: 1,
  imageRef: 'any',
  data: classificationDataSchema,
});
