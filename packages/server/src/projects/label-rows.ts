import type { z } from 'zod';
import type { Label, LabelExample, NewLabel } from '../storage/schema.js';
import { parseClassification } from './label-classification.js';
import type { labelExampleOutput, labelInput, labelOutput } from './project-schemas.js';

/**
 * Between the API's label shape (a nested optional code, a classification object, example images) and
 * the tables' (three nullable code columns, JSON text, rows of label_examples).
 */

export function labelFromRow(row: Label, examples: readonly LabelExample[]): z.infer<typeof labelOutput> {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    colour: row.colour,
    code:
      row.code_system && row.code_value && row.code_meaning
        ? { system: row.code_system, value: row.code_value, meaning: row.code_meaning }
        : null,
    guideline: row.guideline,
    sortOrder: row.sort_order,
    classification: row.type === 'classification' ? parseClassification(row.classification) : null,
    examples: examples.map(exampleFromRow),
  };
}

export function exampleFromRow(row: LabelExample): z.infer<typeof labelExampleOutput> {
  return {
    id: row.id,
    caption: row.caption,
    mediaType: row.media_type,
    width: row.width,
    height: row.height,
  };
}

export function labelColumns(input: Partial<z.infer<typeof labelInput>>) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.colour !== undefined ? { colour: input.colour } : {}),
    ...(input.code !== undefined
      ? {
          code_system: input.code?.system ?? null,
          code_value: input.code?.value ?? null,
          code_meaning: input.code?.meaning ?? null,
        }
      : {}),
    ...(input.guideline !== undefined ? { guideline: input.guideline } : {}),
    ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
    ...(input.classification !== undefined
      ? { classification: input.classification === null ? null : JSON.stringify(input.classification) }
      : {}),
  } satisfies Partial<NewLabel>;
}
