import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { withCachedStatements } from './cached-statements.js';
import type { DatabaseSchema } from './schema.js';
import { StorageError } from './storage-error.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the typed query builder, which dialect it speaks, and how to close it. */
export interface Database {
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** A `postgres://` or `postgresql://` URL. When given, PostgreSQL is used and sqlitePath is ignored. */
  url?: string;
  /** The SQLite file (its folder is created), or `:memory:`. */
  sqlitePath?: string;
  /** PostgreSQL pool size; defaults to 10. */
  poolSize?: number;
}

/** How long a SQLite writer waits for another connection's lock before SQLITE_BUSY, in ms. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

const postgresConfig = z.object({
  url: z.string().regex(/^postgres(ql)?:\/\//, 'url must start with postgres:// or postgresql://'),
  poolSize: z.number().int().min(1).max(100).default(10),
});
const sqliteConfig = z.object({
  sqlitePath: z.string({ error: 'give a postgres:// url or a sqlitePath' }).min(1, 'sqlitePath is empty'),
});

/** Opens SQLite (from a path) or PostgreSQL (from a URL), checked to answer before it is returned. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url !== undefined) {
    const { url, poolSize } = parseConfig(postgresConfig, config);
    return openPostgres(url, poolSize);
  }
  return openSqlite(parseConfig(sqliteConfig, config).sqlitePath);
}

function openSqlite(path: string): Database {
  let handle: SqliteDatabase.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    handle = new SqliteDatabase(path);
    // WAL lets readers go on while one writer writes; NORMAL sync is durable in WAL except on power loss.
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    // SQLite leaves foreign keys off per connection unless asked; the schema relies on them.
    handle.pragma('foreign_keys = ON');
    handle.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw new StorageError('UNREACHABLE', `cannot open SQLite database ${path}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: withCachedStatements(handle) }),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that breaks (PostgreSQL restarted, an administrator ended it) is an 'error' event
  // on the pool; unheard, it would crash the process. pg has already dropped that connection and opens a
  // new one on the next query, and a query on a broken connection fails on its own, so there is nothing
  // more to do here.
  pool.on('error', () => {});
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new StorageError('UNREACHABLE', `cannot reach PostgreSQL at ${redact(url)}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** The URL without its password, for error messages and logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}

function parseConfig<T>(schema: z.ZodType<T>, config: DatabaseConfig): T {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new StorageError('INVALID_CONFIG', parsed.error.issues.map((issue) => issue.message).join('; '));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
