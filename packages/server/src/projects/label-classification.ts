import { z } from 'zod';
import type { LabelType } from '../storage/schema.js';

/**
 * What a classification label asks: pick one option, pick several, or write free text. Option ids are
 * what annotations store (core's classification value names them), so they are short, stable machine
 * names; the option's name is what people read and may change.
 */
export const CLASSIFICATION_KINDS = ['single', 'multiple', 'text'] as const;
export const MAX_CLASSIFICATION_OPTIONS = 100;

const classificationOption = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an option id is letters, digits, ".", "_" or "-"'),
    name: z.string().trim().min(1).max(200),
  })
  .strict();

export const labelClassification = z
  .object({
    kind: z.enum(CLASSIFICATION_KINDS),
    options: z.array(classificationOption).max(MAX_CLASSIFICATION_OPTIONS),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'text' && c.options.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a free-text classification has no options',
      });
    if (c.kind !== 'text' && c.options.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a ${c.kind}-choice classification needs 1 to ${MAX_CLASSIFICATION_OPTIONS} options`,
      });
    const seen = new Set<string>();
    c.options.forEach((option, i) => {
      if (seen.has(option.id))
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'id'],
          message: `option id '${option.id}' is used twice`,
        });
      seen.add(option.id);
    });
  });

export type LabelClassification = z.infer<typeof labelClassification>;

/**
 * Why a label of `type` can't have `classification`, or null when it can: classification labels need
 * one, every other type has none.
 */
export function classificationMismatch(
  type: LabelType,
  classification: LabelClassification | null | undefined,
): string | null {
  if (type === 'classification' && !classification)
    return "a classification label needs classification: {kind: 'single' | 'multiple' | 'text', options}";
  if (type !== 'classification' && classification) return `a ${type} label has no classification (send null)`;
  return null;
}

/** The stored JSON back into its shape (written only through `labelClassification`). */
export function parseClassification(text: string | null): LabelClassification | null {
  return text === null ? null : labelClassification.parse(JSON.parse(text));
}
