import { type Migration, sql } from 'kysely';
import { type AnyDb, json, oneOf, timestamp } from './portable-columns.js';

/**
 * De-identification on import (issue 5): images that may hold burned-in text wait in held_images,
 * already de-identified in their header and stored, until a person accepts them (they then become
 * images) or rejects them (they are deleted). Until then no annotator, list or DICOMweb route sees them.
 *
 * Projects that existed before de-identification on import was built never de-identified, although
 * their require_deidentification flag said 1: it is set to 0 for them, so that an upgrade does not
 * start mixing de-identified and original studies in one project. New projects keep the default of 1.
 */
export const heldImages: Migration = {
  async up(db: AnyDb) {
    let held = db.schema
      .createTable('held_images')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('content_hash', 'text', (col) => col.notNull())
      .addColumn('blob_key', 'text', (col) => col.notNull())
      .addColumn('sop_instance_uid', 'text')
      .addColumn('modality', 'text')
      .addUniqueConstraint('held_images_project_hash_unique', ['project_id', 'content_hash']);
    held = oneOf(held, 'format', ['dicom', 'nifti', 'png', 'jpeg']);
    // Why the image was held: BurnedInAnnotation, the rules that matched, the regions already blanked.
    held = json(db, held, 'reasons', { defaultValue: '[]' });
    held = json(db, held, 'blanked', { defaultValue: '[]' });
    held = timestamp(db, held, 'created_at', 'created');
    await held.execute();
    await sql`update projects set require_deidentification = 0`.execute(db);
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('held_images').execute();
  },
};
