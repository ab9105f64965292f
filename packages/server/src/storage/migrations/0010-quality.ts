import { type Migration, sql } from 'kysely';
import { type AnyDb, json, oneOf, timestamp } from './portable-columns.js';

/**
 * Multi-reader quality (issue 6).
 * - quality_items: one image or series read by several readers (one task each, tasks.item_id); its
 *   agreement per label once every reader is done, and where it stands in review.
 * - consensus_sets: a consensus made from the readers' annotations of an item, with its provenance
 *   (inputs, method and parameters per label); its annotations point back with annotations.consensus_id.
 * - The consensus author: a disabled account that owns the annotations a consensus makes, so that they
 *   are nobody's reading (blind readers never see them) and the audit names no person for what a job did.
 */
export const CONSENSUS_USER_ID = '00000000-0000-4000-8000-00000000c0de';

export const quality: Migration = {
  async up(db: AnyDb) {
    let items = db.schema
      .createTable('quality_items')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('image_id', 'text', (col) => col.references('images.id').onDelete('cascade'))
      .addColumn('series_id', 'text', (col) => col.references('series.id').onDelete('cascade'))
      .addColumn('worst', 'real')
      .addCheckConstraint('quality_items_one_target', sql`(image_id is null) <> (series_id is null)`);
    items = oneOf(items, 'status', ['reading', 'computing', 'agreed', 'disputed', 'resolved', 'sent_back'], {
      defaultValue: 'reading',
    });
    items = json(db, items, 'agreement', { nullable: true });
    items = timestamp(db, items, 'computed_at', 'optional');
    items = timestamp(db, items, 'created_at', 'created');
    items = timestamp(db, items, 'updated_at', 'created');
    await items.execute();
    await db.schema
      .createIndex('quality_items_project_status')
      .on('quality_items')
      .columns(['project_id', 'status'])
      .execute();

    await db.schema
      .alterTable('tasks')
      .addColumn('item_id', 'text', (col) => col.references('quality_items.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('tasks_item').on('tasks').column('item_id').execute();

    let sets = db.schema
      .createTable('consensus_sets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (col) => col.notNull().references('quality_items.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addColumn('accepted_by', 'text', (col) => col.references('users.id').onDelete('set null'));
    sets = oneOf(sets, 'status', ['proposed', 'accepted', 'superseded'], { defaultValue: 'proposed' });
    sets = oneOf(sets, 'method', ['automatic', 'reader-accepted', 'reviewer-edited']);
    sets = json(db, sets, 'labels', { defaultValue: '[]' });
    sets = json(db, sets, 'inputs', { defaultValue: '[]' });
    sets = timestamp(db, sets, 'created_at', 'created');
    sets = timestamp(db, sets, 'accepted_at', 'optional');
    await sets.execute();
    await db.schema.createIndex('consensus_sets_item').on('consensus_sets').column('item_id').execute();

    await db.schema
      .alterTable('annotations')
      .addColumn('consensus_id', 'text', (col) => col.references('consensus_sets.id').onDelete('cascade'))
      .execute();

    await db
      .insertInto('users')
      .values({
        id: CONSENSUS_USER_ID,
        username: 'voxelhub-consensus',
        display_name: 'Consensus',
        password_hash: null,
        disabled: 1,
      })
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.alterTable('annotations').dropColumn('consensus_id').execute();
    await db.schema.dropTable('consensus_sets').execute();
    await db.schema.dropIndex('tasks_item').execute();
    await db.schema.alterTable('tasks').dropColumn('item_id').execute();
    await db.schema.dropTable('quality_items').execute();
    await db.deleteFrom('users').where('id', '=', CONSENSUS_USER_ID).execute();
  },
};
