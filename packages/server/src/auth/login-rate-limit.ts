import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

/** Password guesses allowed per minute for one address and one username (or one signed-in user). */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

function usernameOf(request: FastifyRequest): string {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.toLowerCase() : '';
}

const common = {
  max: LOGIN_ATTEMPTS_PER_MINUTE,
  timeWindow: 60_000,
  // After parsing, so that the key can include the username from the body.
  hook: 'preHandler',
  errorResponseBuilder: () => new ApiError('RATE_LIMITED', 'too many sign-in attempts; wait a minute'),
} satisfies RateLimitOptions;

/**
 * Per address and username: one attacker can't lock a user out from everywhere, and one address can't
 * try many passwords on one account. (Spraying many accounts from one address needs a per-address limit
 * at the proxy.)
 */
export const loginRateLimit: RateLimitOptions = {
  ...common,
  keyGenerator: (request) => `login|${request.ip}|${usernameOf(request)}`,
};

/** Per address and signed-in user, so a stolen session can't be used to guess the current password. */
export const passwordRateLimit: RateLimitOptions = {
  ...common,
  keyGenerator: (request) => `password|${request.ip}|${request.user?.id ?? ''}`,
};
