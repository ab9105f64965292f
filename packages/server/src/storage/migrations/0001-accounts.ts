import { type Migration, sql } from 'kysely';
import { type AnyDb, flag, timestamp } from './portable-columns.js';

/** Users, their API tokens and their browser sessions. */
export const accounts: Migration = {
  async up(db: AnyDb) {
    let users = db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('username', 'text', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      // Null for accounts that only use API tokens (scripts, import robots).
      .addColumn('password_hash', 'text');
    users = flag(users, 'is_admin', 0);
    users = flag(users, 'disabled', 0);
    users = timestamp(db, users, 'created_at', 'created');
    await users.execute();
    // 'Alice' and 'alice' are one login name.
    await db.schema
      .createIndex('users_username_unique')
      .on('users')
      .unique()
      .expression(sql`lower(username)`)
      .execute();

    let tokens = db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      // Only a hash is kept: a leaked database does not leak usable tokens.
      .addColumn('token_hash', 'text', (col) => col.notNull().unique());
    tokens = timestamp(db, tokens, 'created_at', 'created');
    tokens = timestamp(db, tokens, 'last_used_at', 'optional');
    tokens = timestamp(db, tokens, 'revoked_at', 'optional');
    await tokens.execute();
    await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

    let sessions = db.schema
      .createTable('sessions')
      // The hash of the cookie's secret, so the table can't be replayed as cookies.
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (col) => col.notNull());
    sessions = timestamp(db, sessions, 'created_at', 'created');
    sessions = timestamp(db, sessions, 'expires_at', 'required');
    await sessions.execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  },

  async down(db: AnyDb) {
    for (const table of ['sessions', 'api_tokens', 'users']) await db.schema.dropTable(table).execute();
  },
};
