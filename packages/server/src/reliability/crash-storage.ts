import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { DialectName } from '../storage/open-database.js';
import { createEmptyPostgres } from '../storage/test-databases.js';
import type { ServerProcess, ServerProcessOptions } from '../test-support/server-process.js';
import { integrityProblems } from './database-integrity.js';

/**
 * The storage a crash test kills a server over: a data folder and, for PostgreSQL, a fresh database.
 * Registers its own cleanup (the last server still running is killed, the database dropped, the folder
 * removed); call inside a describe.
 */
export function crashStorage(dialect: DialectName, adminPassword: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxelhub-crash-'));
  let databaseUrl: string | undefined;
  let dropPostgres: (() => Promise<void>) | undefined;
  let running: ServerProcess | undefined;
  afterAll(async () => {
    if (running?.child.exitCode === null) await running.kill9();
    await dropPostgres?.();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    /** The server options for this storage, creating the PostgreSQL database on first use. */
    async options(): Promise<ServerProcessOptions> {
      if (dialect === 'postgres' && !databaseUrl) {
        const database = await createEmptyPostgres();
        databaseUrl = database.url;
        dropPostgres = database.drop;
      }
      return { dataDir, adminPassword, ...(databaseUrl ? { databaseUrl } : {}) };
    },
    /** The server to kill at cleanup if the test ends early (undefined once stopped). */
    track(server: ServerProcess | undefined): void {
      running = server;
    },
    /** The database's own integrity checks, run after the server has stopped. */
    integrityProblems: () =>
      integrityProblems(
        databaseUrl ? { url: databaseUrl } : { sqlitePath: join(dataDir, 'voxelhub.sqlite') },
      ),
  };
}
