import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { type AuthUser, toAuthUser } from './auth-user.js';
import { newSecret } from './opaque-secret.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';

type Db = Kysely<DatabaseSchema>;

/**
 * Checks a username and password. Unknown users (and users without a password) are checked against a
 * dummy hash with the same cost, so the answer and its timing do not reveal which usernames exist.
 * Every outcome is written to the audit log.
 */
export class PasswordLogin {
  readonly #db: Db;
  readonly #dummyHash: Promise<string>;

  constructor(db: Db) {
    this.#db = db;
    this.#dummyHash = hashPassword(newSecret());
  }

  async verify(username: string, password: string, ip: string): Promise<AuthUser> {
    const row = await this.#db
      .selectFrom('users')
      .select(['id', 'username', 'is_admin', 'disabled', 'password_hash'])
      // The same expression as the unique index: 'Alice' and 'alice' are one login name.
      .where((eb) => eb(eb.fn('lower', ['username']), '=', eb.fn('lower', [eb.val(username)])))
      .executeTakeFirst();
    const hash = row?.password_hash ?? (await this.#dummyHash);
    const matches = (await verifyPassword(password, hash)) && row?.password_hash != null;
    if (!row || !matches) {
      await this.#fail(row?.id ?? null, username, ip, row ? 'wrong password' : 'unknown user');
      throw new ApiError('UNAUTHENTICATED', 'wrong username or password');
    }
    // Only someone who knows the password learns that the account is disabled.
    if (row.disabled === 1) {
      await this.#fail(row.id, username, ip, 'disabled');
      throw new ApiError('FORBIDDEN', 'this account is disabled');
    }
    if (needsRehash(hash)) {
      await this.#db
        .updateTable('users')
        .set({ password_hash: await hashPassword(password) })
        .where('id', '=', row.id)
        .execute();
    }
    return toAuthUser(row);
  }

  #fail(userId: string | null, username: string, ip: string, reason: string): Promise<void> {
    return recordAudit(this.#db, {
      userId,
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: userId,
      details: { username: username.slice(0, 100), ip, reason },
    });
  }
}
