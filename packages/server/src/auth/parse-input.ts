import { z } from 'zod';
import { ApiError } from '../errors/api-error.js';

/** Checks a request body or params against a zod schema; VALIDATION_FAILED names each problem. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  // Issues carry paths and rules, not the values sent: a mistyped password is not echoed back.
  const details = result.error.issues.map(({ path, message }) => ({ path: path.join('.'), message }));
  throw new ApiError('VALIDATION_FAILED', z.prettifyError(result.error), details);
}
