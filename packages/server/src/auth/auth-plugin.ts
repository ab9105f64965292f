import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { AuthUser, Credential } from './auth-user.js';
import { secretsEqual } from './opaque-secret.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { findSession } from './session-store.js';
import { findToken } from './token-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, or null for an anonymous request. */
    user: AuthUser | null;
    /** How the caller signed in, or null for an anonymous request. */
    credential: Credential | null;
  }
  interface FastifyContextConfig {
    /** false exempts a cookie route from the CSRF header check (only for routes that need no session). */
    csrf?: boolean;
  }
}

export const CSRF_HEADER = 'x-voxelhub-csrf';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^Bearer\s+(\S+)\s*$/i;

export interface AuthPluginOptions {
  readonly db: Kysely<DatabaseSchema>;
}

/**
 * Identifies the caller of every request from `Authorization: Bearer <api token>` or the session
 * cookie, and sets `request.user` and `request.credential`. Registered once at the root (fastify-plugin)
 * so every feature's routes see the user.
 */
async function auth(app: FastifyInstance, { db }: AuthPluginOptions): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('credential', null);
  app.addHook('onRequest', async (request) => {
    await identify(db, request);
    checkCsrf(request);
  });
}

async function identify(db: Kysely<DatabaseSchema>, request: FastifyRequest): Promise<void> {
  const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) {
    // A script that sends a wrong token wants to hear so, not to be served as anonymous.
    const found = await findToken(db, bearer);
    if (!found)
      throw new ApiError('UNAUTHENTICATED', 'the API token is unknown, revoked or its user disabled');
    request.user = found.user;
    request.credential = { kind: 'token', tokenId: found.tokenId };
    return;
  }
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret) return;
  // An expired or ended session is simply anonymous: browsers keep stale cookies.
  const session = await findSession(db, secret);
  if (!session) return;
  request.user = session.user;
  request.credential = { kind: 'session', sessionHash: session.sessionHash, csrfToken: session.csrfToken };
}

/**
 * Double-submit by header: a cookie-signed state-changing request must carry the session's CSRF token,
 * which only our own pages can read (from /login or /me). Token requests are exempt: another site can't
 * make a browser attach an Authorization header.
 */
function checkCsrf(request: FastifyRequest): void {
  const { credential } = request;
  if (credential?.kind !== 'session' || !STATE_CHANGING.has(request.method)) return;
  if (request.routeOptions.config?.csrf === false) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent === 'string' && secretsEqual(sent, credential.csrfToken)) return;
  throw new ApiError(
    'FORBIDDEN',
    'send the X-Voxelhub-CSRF header (from /api/auth/me) with cookie-signed changes',
  );
}

export const authPlugin = fp(auth, { name: 'voxelhub-auth', fastify: '5.x' });
