import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { Config } from '../config/load-config.js';
import { migrateToLatest } from '../storage/migrate.js';
import { type Database, openDatabase } from '../storage/open-database.js';
import { ProjectVault } from '../vault/project-vault.js';
import { createDemoProject, type DemoProjectOutcome } from './create-demo-project.js';
import { ADMIN_USERNAME, type AdminOutcome, ensureAdmin } from './ensure-admin.js';

/** Everything the server keeps: the database and the blob store, ready to use. */
export interface ServerData {
  readonly database: Database;
  readonly blobs: LocalBlobStore;
  /** Project keys and pseudonym mappings, apart from the database and blobs. */
  readonly vault: ProjectVault;
  readonly admin: AdminOutcome;
  /** Set on the first start, when the demo project was created. */
  readonly demo?: DemoProjectOutcome;
  close(): Promise<void>;
}

async function firstStartDemo(
  database: Database,
  blobs: LocalBlobStore,
): Promise<DemoProjectOutcome | undefined> {
  const admin = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', ADMIN_USERNAME)
    .executeTakeFirstOrThrow();
  return createDemoProject({ db: database.db, blobs }, admin.id);
}

export type ServerDataConfig = Pick<Config, 'dataDir' | 'database' | 'adminPassword' | 'maxUploadBytes'> & {
  /** Default <dataDir>/vault. */
  readonly vaultDir?: string;
  /** Create the demo project on the first start (default true). */
  readonly demoProject?: boolean;
};

/**
 * The first-start and every-start sequence: create the data folder, open the database (SQLite in the
 * data folder, or PostgreSQL from DATABASE_URL), bring its schema up to date, open the blob store and
 * make sure an admin account exists; on the first start, create the demo project. Each step fails with a
 * typed error naming what is wrong.
 */
export async function openServerData(config: ServerDataConfig): Promise<ServerData> {
  await mkdir(config.dataDir, { recursive: true });
  const database = await openDatabase(
    config.database.dialect === 'postgres'
      ? { url: config.database.url }
      : { sqlitePath: config.database.path },
  );
  try {
    await migrateToLatest(database.db);
    const blobs = await LocalBlobStore.open(join(config.dataDir, 'blobs'), {
      maxBytes: config.maxUploadBytes,
    });
    const vault = new ProjectVault(config.vaultDir ?? join(config.dataDir, 'vault'));
    const admin = await ensureAdmin(database.db, config.adminPassword);
    const demo =
      admin.created && config.demoProject !== false ? await firstStartDemo(database, blobs) : undefined;
    return { database, blobs, vault, admin, ...(demo ? { demo } : {}), close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
