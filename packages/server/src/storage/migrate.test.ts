import { type Migration, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { MigrationError } from './storage-error.js';
import { eachDialect } from './test-databases.js';

const TABLES = [
  'annotation_blobs',
  'annotation_revisions',
  'annotations',
  'api_tokens',
  'audit_log',
  'consensus_sets',
  'dataset_versions',
  'held_images',
  'images',
  'job_items',
  'jobs',
  'label_examples',
  'labels',
  'members',
  'projects',
  'quality_items',
  'reviews',
  'series',
  'sessions',
  'studies',
  'subjects',
  'tasks',
  'users',
];

eachDialect(
  'migrateToLatest',
  (context) => {
    it('applies every migration to an empty database, in order, one result each', async () => {
      const results = await migrateToLatest(context.database.db);
      expect(results).toEqual(
        Object.keys(MIGRATIONS).map((migrationName) => ({
          migrationName,
          direction: 'Up',
          status: 'Success',
        })),
      );
      const tables = await context.database.db.introspection.getTables();
      const names = tables.map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
      expect(names.sort()).toEqual(TABLES);
    });

    it('does nothing the second time', async () => {
      expect(await migrateToLatest(context.database.db)).toEqual([]);
    });

    it('names the migration that failed, and leaves nothing of it behind', async () => {
      const broken: Migration = {
        async up(db) {
          await db.schema.createTable('half_done').addColumn('id', 'text').execute();
          await sql`select * from no_such_table`.execute(db);
        },
      };
      const error = await migrateToLatest(context.database.db, {
        ...MIGRATIONS,
        '9999-broken': broken,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).code).toBe('MIGRATION_FAILED');
      expect((error as MigrationError).migrationName).toBe('9999-broken');
      expect((error as MigrationError).message).toContain('9999-broken');
      expect((error as MigrationError).results).toEqual([
        { migrationName: '9999-broken', direction: 'Up', status: 'Error' },
      ]);
      const tables = await context.database.db.introspection.getTables();
      expect(tables.map((table) => table.name)).not.toContain('half_done');
      // The failed step was not recorded: the real migrations are still the latest.
      expect(await migrateToLatest(context.database.db)).toEqual([]);
    });

    it('migrates all the way down and back up', async () => {
      const db = context.database.db;
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(down.results?.map((result) => result.migrationName)).toEqual(Object.keys(MIGRATIONS).reverse());
      const tables = await db.introspection.getTables();
      expect(tables.filter((table) => !table.name.startsWith('kysely_'))).toEqual([]);
      expect(await migrateToLatest(db)).toHaveLength(Object.keys(MIGRATIONS).length);
    });

    it('refuses a database migrated by a newer version it does not know', async () => {
      const { '0005-jobs-and-audit': _latest, ...older } = MIGRATIONS;
      const error = await migrateToLatest(context.database.db, older).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migrationName).toBeUndefined();
    });
  },
  { migrate: false },
);
