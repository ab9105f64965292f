import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { type Database, type DialectName, openDatabase } from './open-database.js';

/**
 * Fresh databases for tests, one per test file and dialect: SQLite in a temporary folder, and a
 * uniquely named PostgreSQL database (dropped afterwards) on the server that
 * VOXELHUB_TEST_POSTGRES_URL names (default postgres://postgres@127.0.0.1:5432/postgres, trust auth).
 * Without a reachable server the PostgreSQL half is skipped with a note, or fails when CI=true.
 */

const ADMIN_URL = process.env.VOXELHUB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_DATABASE_PREFIX = 'voxelhub_test_';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** Why PostgreSQL can't be used, or undefined when it can. Asked once per test file, at import. */
const postgresUnavailable = await probePostgres();

export interface TestDatabase {
  readonly database: Database;
  /** Closes the database and removes it (the folder, or the PostgreSQL database). */
  drop(): Promise<void>;
}

/** A new, empty database of the dialect; migrated to the latest schema unless `migrate` is false. */
export async function createTestDatabase(dialect: DialectName, migrate = true): Promise<TestDatabase> {
  const test = dialect === 'sqlite' ? await createSqlite() : await createPostgres();
  if (migrate) {
    try {
      await migrateToLatest(test.database.db);
    } catch (error) {
      await test.drop();
      throw error;
    }
  }
  return test;
}

export interface DialectContext {
  readonly dialect: DialectName;
  /** The file's database; only valid inside tests and hooks. */
  readonly database: Database;
}

/**
 * Registers `fn`'s tests once per dialect, in a `describe` named `${name} (${dialect})`, sharing one
 * fresh database per dialect for the whole file (as Kysely's own suites loop over their dialects).
 */
export function eachDialect(
  name: string,
  fn: (context: DialectContext) => void,
  options: { migrate?: boolean } = {},
): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && postgresUnavailable !== undefined && process.env.CI !== 'true';
    if (skip) console.warn(`note: PostgreSQL tests of "${name}" skipped: ${postgresUnavailable}`);
    describe.skipIf(skip)(`${name} (${dialect})`, () => {
      let test: TestDatabase | undefined;
      beforeAll(async () => {
        test = await createTestDatabase(dialect, options.migrate ?? true);
      });
      afterAll(async () => {
        await test?.drop();
      });
      fn({
        dialect,
        get database() {
          if (!test) throw new Error(`the ${dialect} test database is not open (use it inside tests)`);
          return test.database;
        },
      });
    });
  }
}

async function createSqlite(): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'voxelhub-test-'));
  const database = await openDatabase({ sqlitePath: join(folder, 'voxelhub.sqlite') });
  return {
    database,
    async drop() {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A new, empty PostgreSQL database for a test, by URL (for code that opens its own connection). */
export async function createEmptyPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  if (postgresUnavailable !== undefined) {
    throw new Error(`PostgreSQL is required when CI=true, but ${postgresUnavailable}`);
  }
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Whether the PostgreSQL half of a dialect loop is skipped here (never when CI=true: it fails instead). */
export function postgresSkipped(): boolean {
  return postgresUnavailable !== undefined && process.env.CI !== 'true';
}

async function createPostgres(): Promise<TestDatabase> {
  const empty = await createEmptyPostgres();
  const database = await openDatabase({ url: empty.url, poolSize: 4 });
  return {
    database,
    async drop() {
      await database.close();
      await empty.drop();
    },
  };
}

async function probePostgres(): Promise<string | undefined> {
  try {
    await withAdmin(dropLeftovers);
    return undefined;
  } catch (error) {
    return `cannot connect to ${ADMIN_URL}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Drops test databases left by test processes that died before their afterAll. */
async function dropLeftovers(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    'select datname from pg_database where datname like $1',
    [`${TEST_DATABASE_PREFIX}%`],
  );
  for (const { datname } of rows) {
    const pid = Number(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
    if (Number.isInteger(pid) && !isAlive(pid))
      await admin.query(`drop database if exists ${datname} with (force)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withAdmin<T>(use: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}
