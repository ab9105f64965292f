import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseConfig, openDatabase } from './open-database.js';
import { StorageError } from './storage-error.js';
import { eachDialect } from './test-databases.js';

describe('openDatabase', () => {
  const folder = mkdtempSync(join(tmpdir(), 'voxelhub-open-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('opens SQLite in WAL mode with foreign keys and a busy timeout, creating the folder', async () => {
    const database = await openDatabase({ sqlitePath: join(folder, 'nested', 'db.sqlite') });
    try {
      expect(database.dialect).toBe('sqlite');
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await database.close();
    }
  });

  it.each<[DatabaseConfig, string]>([
    [{}, 'neither'],
    [{ url: 'mysql://root@127.0.0.1/test' }, 'not postgres'],
    [{ sqlitePath: '' }, 'empty path'],
  ])('refuses %j (%s) with INVALID_CONFIG', async (config, _why) => {
    const error = await openDatabase(config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('INVALID_CONFIG');
  });

  it('says UNREACHABLE, without the password, when PostgreSQL does not answer', async () => {
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    const error = await openDatabase({ url: 'postgres://u:secret@127.0.0.1:1/db' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('UNREACHABLE');
    expect((error as StorageError).message).toContain('127.0.0.1:1');
    expect((error as StorageError).message).not.toContain('secret');
  });

  it('says UNREACHABLE when the SQLite file cannot be created', async () => {
    const notAFolder = join(folder, 'plain-file');
    writeFileSync(notAFolder, 'not a folder');
    const error = await openDatabase({ sqlitePath: join(notAFolder, 'db.sqlite') }).catch((caught) => caught);
    expect((error as StorageError).code).toBe('UNREACHABLE');
  });
});

eachDialect(
  'openDatabase dialect',
  (context) => {
    it('reports the dialect it opened', async () => {
      expect(context.database.dialect).toBe(context.dialect);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(context.database.db);
      expect(rows).toEqual([{ one: 1 }]);
    });
  },
  { migrate: false },
);
