import type { Migration } from 'kysely';
import { type AnyDb, json, timestamp } from './portable-columns.js';

/**
 * The imaging hierarchy: pseudonymous subjects, DICOM studies and series, and images (DICOM instances
 * or standalone files such as NIfTI and PNG, which have no series). UIDs are unique per project, not
 * globally: the same study may be imported into two projects.
 */
export const imaging: Migration = {
  async up(db: AnyDb) {
    let subjects = db.schema
      .createTable('subjects')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('pseudonym', 'text', (col) => col.notNull())
      .addUniqueConstraint('subjects_project_pseudonym_unique', ['project_id', 'pseudonym']);
    subjects = timestamp(db, subjects, 'created_at', 'created');
    await subjects.execute();

    let studies = db.schema
      .createTable('studies')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('subject_id', 'text', (col) => col.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('study_instance_uid', 'text', (col) => col.notNull())
      // As DICOM gives it (DA, YYYYMMDD), often shifted by de-identification; null when absent.
      .addColumn('study_date', 'text')
      .addColumn('description', 'text')
      .addUniqueConstraint('studies_project_uid_unique', ['project_id', 'study_instance_uid']);
    studies = timestamp(db, studies, 'created_at', 'created');
    await studies.execute();
    await db.schema.createIndex('studies_subject').on('studies').column('subject_id').execute();

    let series = db.schema
      .createTable('series')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('study_id', 'text', (col) => col.notNull().references('studies.id').onDelete('cascade'))
      .addColumn('series_instance_uid', 'text', (col) => col.notNull())
      .addColumn('modality', 'text')
      .addColumn('description', 'text')
      .addUniqueConstraint('series_project_uid_unique', ['project_id', 'series_instance_uid']);
    series = timestamp(db, series, 'created_at', 'created');
    await series.execute();
    await db.schema.createIndex('series_study').on('series').column('study_id').execute();

    let images = db.schema
      .createTable('images')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('series_id', 'text', (col) => col.references('series.id').onDelete('cascade'))
      .addColumn('sop_instance_uid', 'text')
      // SHA-256 of the stored bytes: the same file uploaded twice into a project is one image.
      .addColumn('content_hash', 'text', (col) => col.notNull())
      .addColumn('blob_key', 'text', (col) => col.notNull())
      .addColumn('format', 'text', (col) => col.notNull())
      // Nulls are distinct in both dialects, so any number of non-DICOM images have no SOP Instance UID.
      .addUniqueConstraint('images_project_sop_unique', ['project_id', 'sop_instance_uid'])
      .addUniqueConstraint('images_project_hash_unique', ['project_id', 'content_hash']);
    // Dimensions, spacing, orientation, origin: what a viewer needs before it fetches pixels.
    images = json(db, images, 'geometry', { defaultValue: '{}' });
    images = timestamp(db, images, 'created_at', 'created');
    await images.execute();
    await db.schema.createIndex('images_series').on('images').column('series_id').execute();
    await db.schema.createIndex('images_blob').on('images').column('blob_key').execute();
  },

  async down(db: AnyDb) {
    for (const table of ['images', 'series', 'studies', 'subjects'])
      await db.schema.dropTable(table).execute();
  },
};
