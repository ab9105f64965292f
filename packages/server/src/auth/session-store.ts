import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { type AuthUser, toAuthUser } from './auth-user.js';
import { hashSecret, newSecret } from './opaque-secret.js';

type Db = Kysely<DatabaseSchema>;

/**
 * Sliding expiry: a session ends after 8 hours without a request (a working day of annotation with
 * breaks), and in any case 7 days after sign-in, so a stolen cookie does not live for ever.
 */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Expiry is pushed forward at most once a minute, not written on every request. */
const SLIDE_STEP_MS = 60 * 1000;

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  readonly secret: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface FoundSession {
  readonly sessionHash: string;
  readonly csrfToken: string;
  readonly user: AuthUser;
}

export async function createSession(db: Db, userId: string, now = new Date()): Promise<NewSession> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: hashSecret(secret),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { secret, csrfToken, expiresAt };
}

/** The live session of an enabled user that `secret` opens, with its expiry slid forward; else undefined. */
export async function findSession(
  db: Db,
  secret: string,
  now = new Date(),
): Promise<FoundSession | undefined> {
  const sessionHash = hashSecret(secret);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.csrf_token', 'sessions.created_at', 'sessions.expires_at'])
    .select(['users.id', 'users.username', 'users.is_admin'])
    .where('sessions.id', '=', sessionHash)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return undefined;
  await slide(db, sessionHash, row.created_at, row.expires_at, now);
  return { sessionHash, csrfToken: row.csrf_token, user: toAuthUser(row) };
}

async function slide(db: Db, sessionHash: string, createdAt: string, expiresAt: string, now: Date) {
  const cap = Date.parse(createdAt) + SESSION_MAX_MS;
  const next = Math.min(now.getTime() + SESSION_IDLE_MS, cap);
  if (next - Date.parse(expiresAt) < SLIDE_STEP_MS) return;
  await db
    .updateTable('sessions')
    .set({ expires_at: new Date(next).toISOString() })
    .where('id', '=', sessionHash)
    .execute();
}

export async function deleteSession(db: Db, sessionHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionHash).execute();
}

/** Ends every session of the user except `keep` (the one changing the password). */
export async function deleteOtherSessions(db: Db, userId: string, keep?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) query = query.where('id', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions that have expired; returns how many. The server runs it at start and every hour. */
export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
