import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { SYSTEM_USER_IDS } from '../users/system-users.js';

export const ADMIN_USERNAME = 'admin';

/** What the first start did about the admin account. */
export type AdminOutcome =
  | { readonly created: false }
  | { readonly created: true; readonly username: string; readonly generatedPassword?: string };

/**
 * Creates the admin account when the database has no users yet: with VOXELHUB_ADMIN_PASSWORD when
 * given, else with a generated password that the caller prints once (it is stored only as a hash).
 * Later starts find a user and do nothing, so a changed password is never reset.
 */
export async function ensureAdmin(
  db: Kysely<DatabaseSchema>,
  password: string | undefined,
): Promise<AdminOutcome> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'not in', SYSTEM_USER_IDS)
    .limit(1)
    .executeTakeFirst();
  if (existing) return { created: false };
  const chosen = password ?? generatePassword();
  await db
    .insertInto('users')
    .values({
      id: randomUUID(),
      username: ADMIN_USERNAME,
      display_name: 'Administrator',
      password_hash: await hashPassword(chosen),
      is_admin: 1,
    })
    .execute();
  await recordAudit(db, {
    userId: null,
    action: 'user.create',
    targetType: 'user',
    targetId: ADMIN_USERNAME,
    details: { reason: 'first start' },
  });
  return { created: true, username: ADMIN_USERNAME, ...(password ? {} : { generatedPassword: chosen }) };
}
