import type { z } from 'zod';
import type { Label, NewLabel } from '../storage/schema.js';
import type { labelInput, labelOutput } from './project-schemas.js';

/** Between the API's label shape (a nested optional code) and the table's (three nullable columns). */

export function labelFromRow(row: Label): z.infer<typeof labelOutput> {
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
  } satisfies Partial<NewLabel>;
}
