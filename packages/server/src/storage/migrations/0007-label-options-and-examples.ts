import { type Migration, sql } from 'kysely';
import { type AnyDb, oneOf, timestamp } from './portable-columns.js';

/**
 * A classification label's answers (its kind and options), and guideline example images for any label.
 * `labels.classification` is JSON text written only through the API's zod schema (a JSON check would
 * need a table rebuild on SQLite); null for other label types. Classification labels made before this
 * migration had no options, so they become free-text ones: the only kind that needs none.
 */
export const labelOptionsAndExamples: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('labels').addColumn('classification', 'text').execute();
    await db
      .updateTable('labels')
      .set({ classification: JSON.stringify({ kind: 'text', options: [] }) })
      .where('type', '=', 'classification')
      .execute();

    let examples = db.schema
      .createTable('label_examples')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('label_id', 'text', (col) => col.notNull().references('labels.id').onDelete('cascade'))
      // The bytes are in the blob store; content-addressed, so they outlive the row (collected separately).
      .addColumn('blob_key', 'text', (col) => col.notNull())
      .addColumn('width', 'integer', (col) => col.notNull())
      .addColumn('height', 'integer', (col) => col.notNull())
      .addColumn('caption', 'text', (col) => col.notNull().defaultTo(''))
      .addCheckConstraint('label_examples_size_positive', sql`width > 0 and height > 0`);
    examples = oneOf(examples, 'media_type', ['image/png', 'image/jpeg']);
    examples = timestamp(db, examples, 'created_at', 'created');
    await examples.execute();
    await db.schema.createIndex('label_examples_label').on('label_examples').column('label_id').execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('label_examples').execute();
    await db.schema.alterTable('labels').dropColumn('classification').execute();
  },
};
