import { expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.js';
import { eachDialect } from '../test-databases.js';
import { MIGRATIONS } from './index.js';

const BEFORE = Object.fromEntries(
  Object.entries(MIGRATIONS).filter(([name]) => name < '0007-label-options-and-examples'),
);

eachDialect(
  'migration 0007-label-options-and-examples',
  (ctx) => {
    it('makes earlier classification labels free-text ones and leaves other labels without one', async () => {
      const { db } = ctx.database;
      await migrateToLatest(db, BEFORE);
      await db.insertInto('projects').values({ id: 'p', name: 'Old project' }).execute();
      const label = { project_id: 'p', colour: '#000000' };
      await db
        .insertInto('labels')
        .values([
          { ...label, id: 'c', name: 'Finding', type: 'classification' as const },
          { ...label, id: 'm', name: 'Liver', type: 'mask' as const },
        ])
        .execute();
      await migrateToLatest(db);
      const rows = await db.selectFrom('labels').select(['id', 'classification']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'c', classification: '{"kind":"text","options":[]}' },
        { id: 'm', classification: null },
      ]);
    });
  },
  { migrate: false },
);
