import type { z } from 'zod';

/** Every way a stored annotation payload can fail to load, with a stable code scripts and the API can match. */
export const ANNOTATION_ERROR_CODES = {
  INVALID_JSON: 'the payload is not valid JSON',
  UNKNOWN_TYPE: 'the payload names an annotation type Voxelhub does not know',
  UNSUPPORTED_VERSION: 'the payload has a schema version this Voxelhub cannot read (newer, or not a version)',
  MIGRATION_FAILED: 'the payload could not be upgraded from its schema version to the current one',
  INVALID_PAYLOAD: 'the payload does not match the schema of its type and version',
} as const;

export type AnnotationErrorCode = keyof typeof ANNOTATION_ERROR_CODES;

/** One failing field: `path` is written like `data.points[3].index[0]`. */
export interface AnnotationIssue {
  readonly path: string;
  readonly message: string;
}

/** An expected failure: a stored or submitted annotation that cannot be loaded. Lists every failing path. */
export class AnnotationPayloadError extends Error {
  override readonly name = 'AnnotationPayloadError';
  readonly code: AnnotationErrorCode;
  readonly issues: readonly AnnotationIssue[];

  constructor(code: AnnotationErrorCode, issues: readonly AnnotationIssue[], options?: { cause?: unknown }) {
    const listed = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super(`${ANNOTATION_ERROR_CODES[code]}: ${listed}`, options);
    this.code = code;
    this.issues = issues;
  }
}

/** `['data', 'points', 3, 'index', 0]` → `data.points[3].index[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** zod's issues as ours, with paths relative to the whole payload (prefix for a nested parse). */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): AnnotationIssue[] {
  return error.issues.map((issue) => ({
    path: formatIssuePath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}
