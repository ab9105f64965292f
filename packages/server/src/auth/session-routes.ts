import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { AuthUser } from './auth-user.js';
import { PasswordLogin } from './login.js';
import { loginRateLimit, passwordRateLimit } from './login-rate-limit.js';
import { hashPassword, verifyPassword } from './password.js';
import { currentUser, requireUser } from './require-user.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { createSession, deleteOtherSessions, deleteSession } from './session-store.js';

/** Longer passwords are refused before hashing, so that one request can't buy much CPU. */
const MAX_PASSWORD = 1024;

const loginBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(MAX_PASSWORD),
});

const passwordBody = z.object({
  current: z.string().min(1).max(MAX_PASSWORD),
  next: z.string().min(12, 'the new password needs at least 12 characters').max(MAX_PASSWORD),
});

/** What /login and /me answer: the user, and the CSRF token when signed in by cookie. */
export interface SessionInfo {
  readonly user: AuthUser;
  readonly csrfToken: string | null;
}

export interface SessionRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
}

/** POST /login, POST /logout, GET /me, POST /password (under /api/auth). */
export async function sessionRoutes(base: FastifyInstance, { db }: SessionRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const login = new PasswordLogin(db);
  const tags = ['auth'];

  // Exempt from CSRF: it needs no session, and its JSON body can't be sent cross-site without CORS.
  app.post(
    '/login',
    {
      config: { csrf: false, rateLimit: loginRateLimit },
      schema: {
        tags,
        summary: 'Sign in: sets the session cookie and answers with the CSRF token for cookie-signed changes',
        body: loginBody,
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await login.verify(username, password, request.ip);
      const session = await createSession(db, user.id);
      setSessionCookie(request, reply, session.secret);
      await audit(db, user.id, 'auth.login', request);
      return { user, csrfToken: session.csrfToken } satisfies SessionInfo;
    },
  );

  app.post(
    '/logout',
    { schema: { tags, summary: 'Sign out: ends this session' } },
    async (request, reply) => {
      const { credential, user } = request;
      if (credential?.kind === 'session' && user) {
        await deleteSession(db, credential.sessionHash);
        await audit(db, user.id, 'auth.logout', request);
      }
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me',
    {
      preHandler: requireUser,
      schema: { tags, summary: 'Who you are, and your CSRF token when signed in by cookie' },
    },
    async (request) => {
      const { credential } = request;
      const csrfToken = credential?.kind === 'session' ? credential.csrfToken : null;
      return { user: currentUser(request), csrfToken } satisfies SessionInfo;
    },
  );

  app.post(
    '/password',
    {
      preHandler: requireUser,
      config: { rateLimit: passwordRateLimit },
      schema: { tags, summary: 'Change your password; your other sessions end', body: passwordBody },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { current, next } = request.body;
      const row = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      if (row.password_hash === null || !(await verifyPassword(current, row.password_hash))) {
        await audit(db, user.id, 'auth.password_change_failed', request);
        throw new ApiError('FORBIDDEN', 'the current password is wrong');
      }
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(next) })
        .where('id', '=', user.id)
        .execute();
      // Whoever else holds a session (perhaps the reason for the change) is signed out.
      const keep = request.credential?.kind === 'session' ? request.credential.sessionHash : undefined;
      const sessionsEnded = await deleteOtherSessions(db, user.id, keep);
      await audit(db, user.id, 'auth.password_change', request, { sessionsEnded });
      return reply.status(204).send();
    },
  );
}

function audit(
  db: Kysely<DatabaseSchema>,
  userId: string,
  action: string,
  request: FastifyRequest,
  details: Record<string, unknown> = {},
): Promise<void> {
  return recordAudit(db, {
    userId,
    action,
    targetType: 'user',
    targetId: userId,
    details: { ip: request.ip, ...details },
  });
}
