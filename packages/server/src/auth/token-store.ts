import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { type AuthUser, toAuthUser } from './auth-user.js';
import { hashSecret, newSecret } from './opaque-secret.js';

type Db = Kysely<DatabaseSchema>;

/** Tokens look like `vxh_<43 base64url characters>`: the prefix lets secret scanners and people spot them. */
export const TOKEN_PREFIX = 'vxh_';
const TOKEN_PATTERN = /^vxh_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most once a minute per token, not on every request. */
const LAST_USED_STEP_MS = 60 * 1000;

/** What listing shows: never the token nor its hash. */
export interface TokenInfo {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface FoundToken {
  readonly tokenId: string;
  readonly user: AuthUser;
}

/** Creates a token for the user; the returned `token` is the only copy of the secret. */
export async function createToken(
  db: Db,
  userId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  await db
    .insertInto('api_tokens')
    .values({ id, user_id: userId, name, token_hash: hashSecret(token) })
    .execute();
  return { id, token };
}

/** The unrevoked token of an enabled user that `token` is, with last_used_at updated; else undefined. */
export async function findToken(db: Db, token: string, now = new Date()): Promise<FoundToken | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .select(['users.id', 'users.username', 'users.is_admin'])
    .where('api_tokens.token_hash', '=', hashSecret(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return undefined;
  const last = row.last_used_at === null ? 0 : Date.parse(row.last_used_at);
  if (now.getTime() - last >= LAST_USED_STEP_MS) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.token_id)
      .execute();
  }
  return { tokenId: row.token_id, user: toAuthUser(row) };
}

/** The user's tokens, newest first, revoked ones included (they show when a token stopped working). */
export async function listTokens(db: Db, userId: string): Promise<TokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

/** The owner of a token, or undefined when there is no such token. */
export async function tokenOwner(db: Db, tokenId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select('user_id')
    .where('id', '=', tokenId)
    .executeTakeFirst();
  return row?.user_id;
}

/** Marks the token revoked (kept for the record); revoking twice keeps the first time. */
export async function revokeToken(db: Db, tokenId: string, now = new Date()): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
}
