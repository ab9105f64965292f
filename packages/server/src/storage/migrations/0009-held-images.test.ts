import { expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.js';
import { eachDialect } from '../test-databases.js';
import { MIGRATIONS } from './index.js';

const BEFORE = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0009-held-images'));

eachDialect(
  'migration 0009-held-images',
  (ctx) => {
    it('stops projects made before de-identification on import from starting it, and keeps the default for new ones', async () => {
      const { db } = ctx.database;
      await migrateToLatest(db, BEFORE);
      await db.insertInto('projects').values({ id: 'old', name: 'Old project' }).execute();
      await migrateToLatest(db);
      await db.insertInto('projects').values({ id: 'new', name: 'New project' }).execute();
      const rows = await db
        .selectFrom('projects')
        .select(['id', 'require_deidentification'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'new', require_deidentification: 1 },
        { id: 'old', require_deidentification: 0 },
      ]);
    });
  },
  { migrate: false },
);
