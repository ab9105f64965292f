import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_ERRORS, ApiError, type ApiErrorCode } from './api-error.js';

/** The body every error response has. */
export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

function fromFastify(error: FastifyError): ApiError {
  if (error.validation) return new ApiError('VALIDATION_FAILED', error.message, error.validation);
  if (error.statusCode === 413) return new ApiError('PAYLOAD_TOO_LARGE');
  if (error.statusCode === 404) return new ApiError('NOT_FOUND');
  if (error.statusCode === 429) return new ApiError('RATE_LIMITED');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('VALIDATION_FAILED', error.message);
  }
  return new ApiError('INTERNAL');
}

/**
 * Answers every error in one shape. Expected errors (ApiError, Fastify's 4xx) are sent as they are;
 * anything else is logged with its stack and answered as INTERNAL without internals leaking out.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) => {
    const api = error instanceof ApiError ? error : fromFastify(error);
    if (api.code === 'INTERNAL') request.log.error({ err: error }, 'request failed');
    const body: ErrorBody = {
      error: { code: api.code, message: api.message, ...(api.details ? { details: api.details } : {}) },
    };
    return reply.status(API_ERRORS[api.code].status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: {
        code: 'NOT_FOUND',
        message: `${request.method} ${request.url}: ${API_ERRORS.NOT_FOUND.message}`,
      },
    };
    return reply.status(404).send(body);
  });
}
