import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/** Distinct SQL texts kept prepared; the queries Voxelhub builds number in the low hundreds. */
const DEFAULT_CAPACITY = 1000;

/**
 * better-sqlite3 for Kysely's SqliteDialect, with prepared statements reused by SQL text. Kysely prepares
 * every query afresh, and on a small write (an annotation save) preparing costs about as much as running:
 * profiling a save loop showed `prepare` at 40% of the time spent in the database. Reuse is safe because
 * the dialect runs one query at a time on its connection, and SQLite re-prepares a statement by itself
 * when a migration changes the schema. Least recently used statements are dropped beyond `capacity`.
 */
export function withCachedStatements(
  handle: SqliteDatabase.Database,
  capacity = DEFAULT_CAPACITY,
): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => handle.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Map order is insertion order: re-inserting marks it most recently used.
        statements.delete(sql);
      } else {
        statement = handle.prepare(sql);
        if (statements.size >= capacity) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
