import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { sessionRoutes } from './session-routes.js';
import { tokenRoutes } from './token-routes.js';

export interface AuthRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
}

/**
 * The /api/auth feature: sign-in, sign-out, the current user, password change and API tokens.
 * Needs authPlugin registered at the root first. Register with `{ prefix: '/api/auth', db }`.
 */
export async function authRoutes(app: FastifyInstance, { db }: AuthRoutesOptions): Promise<void> {
  // Only routes that ask for it (config.rateLimit) are limited; the store lives in this process.
  await app.register(rateLimit, { global: false });
  await app.register(sessionRoutes, { db });
  await app.register(tokenRoutes, { db });
}
