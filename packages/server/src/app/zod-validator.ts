import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../errors/api-error.js';

/**
 * Validates each request part against its route's zod schema, failing with VALIDATION_FAILED whose
 * details list each problem by path (`body.labels.0.colour`). fastify-type-provider-zod's own compiler
 * would do the checking; this one keeps the API's error shape. Issues carry paths and rules, never the
 * values sent, so a mistyped password is not echoed back.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data ?? {});
    if (result.success) return { value: result.data };
    const part = httpPart ?? 'request';
    const details = result.error.issues.map(({ path, message }) => ({
      path: [part, ...path].join('.'),
      message,
    }));
    return { error: new ApiError('VALIDATION_FAILED', `${part}: ${z.prettifyError(result.error)}`, details) };
  };
