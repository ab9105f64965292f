import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import type { AuthUser } from './auth-user.js';

/** preHandler: 401 UNAUTHENTICATED for anonymous requests. `{ preHandler: requireUser }` */
export async function requireUser(request: FastifyRequest): Promise<void> {
  currentUser(request);
}

/** preHandler: 401 for anonymous requests, 403 FORBIDDEN for users who are not administrators. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (!currentUser(request).isAdmin) throw new ApiError('FORBIDDEN', 'only administrators may do this');
}

/** The signed-in user, typed as present (throws UNAUTHENTICATED when anonymous): for handlers. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new ApiError('UNAUTHENTICATED');
  return request.user;
}
