import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import { MigrationError } from './storage-error.js';

export type { MigrationResult } from 'kysely';

/**
 * Brings the schema up to date, one result per migration run (none when already current).
 * Throws a MigrationError naming the migration that failed; that migration leaves nothing behind on
 * either dialect, and the ones before it stay applied.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema.
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => atomic(migrations) } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, results, error);
  }
  return results;
}

/**
 * Each migration in its own transaction. Kysely's migrator does this itself on PostgreSQL, but not on
 * SQLite (whose DDL is transactional all the same), where a failure would leave half a migration.
 */
function atomic(migrations: Readonly<Record<string, Migration>>): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, migration]) => {
      const { up, down } = migration;
      const wrapped: Migration = { up: (db) => inTransaction(db, up) };
      if (down) wrapped.down = (db) => inTransaction(db, down);
      return [name, wrapped];
    }),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: as above.
async function inTransaction(db: Kysely<any>, step: (db: Kysely<any>) => Promise<void>): Promise<void> {
  if (db.isTransaction) return step(db);
  await db.transaction().execute((trx) => step(trx));
}
