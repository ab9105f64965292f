/**
 * Every error the API can answer with, in one table (as Fastify keeps its own in lib/errors.js):
 * a stable code for scripts, the HTTP status, and the message a person reads. docs/api-errors.md lists
 * them, and a test keeps that page complete.
 */
export const API_ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'the request is not valid' },
  UNAUTHENTICATED: { status: 401, message: 'sign in or send an API token' },
  FORBIDDEN: { status: 403, message: 'your role in this project does not allow this' },
  NOT_FOUND: { status: 404, message: 'there is nothing at this address' },
  NOT_ACCEPTABLE: {
    status: 406,
    message: 'the server cannot answer in any media type the Accept header allows',
  },
  CONFLICT: { status: 409, message: 'the resource changed since you read it' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'the upload is larger than the server accepts' },
  RATE_LIMITED: { status: 429, message: 'too many attempts; wait and try again' },
  INTERNAL: { status: 500, message: 'the server failed; the error is logged' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** An expected failure of a request, answered as `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ApiErrorCode, message?: string, details?: unknown) {
    super(message ?? API_ERRORS[code].message);
    this.code = code;
    this.statusCode = API_ERRORS[code].status;
    this.details = details;
  }
}
