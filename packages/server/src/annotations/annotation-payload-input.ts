import {
  type AnnotationPayload,
  AnnotationPayloadError,
  type MigrationContext,
  parseAnnotationPayload,
} from '@voxelhub/core/annotation';
import { ApiError } from '../errors/api-error.js';

/**
 * A payload sent by a client, checked by core's versioned schemas. Older schema versions are accepted
 * and migrated, so what is stored is always the current version. Failures are VALIDATION_FAILED with
 * one detail per failing path, e.g. `body.payload.data.points[3].index[0]`.
 */
export function parsePayloadInput(
  json: unknown,
  context: MigrationContext = {},
  path = 'body.payload',
): AnnotationPayload {
  try {
    return parseAnnotationPayload(json, context);
  } catch (error) {
    if (!(error instanceof AnnotationPayloadError)) throw error;
    const details = error.issues.map((issue) => ({
      path: issue.path ? `${path}.${issue.path}` : path,
      message: issue.message,
      code: error.code,
    }));
    throw new ApiError('VALIDATION_FAILED', `${path}: ${error.message}`, details);
  }
}

/**
 * A stored payload, brought to its type's current version (core's migrations run on every read, so
 * annotations saved by an older Voxelhub keep loading). What the server wrote passed this check, so a
 * failure here is a server fault, answered as INTERNAL and logged.
 */
export function readStoredPayload(text: string): AnnotationPayload {
  return parseAnnotationPayload(text);
}
