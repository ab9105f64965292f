import { type Migration, sql } from 'kysely';
import { type AnyDb, json, timestamp } from './portable-columns.js';

/**
 * Label-map blobs uploaded for segmentations (annotation-blobs/): which project a blob was uploaded to,
 * by whom, and its voxel grid. One row per uploader, so that blind reading can tell whose blob it is;
 * the bytes themselves are in the content-addressed blob store. `size` fits an integer on both dialects
 * because uploads are capped at 512 MB.
 */
export const annotationBlobs: Migration = {
  async up(db: AnyDb) {
    let blobs = db.schema
      .createTable('annotation_blobs')
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('blob_key', 'text', (col) => col.notNull())
      .addColumn('uploaded_by', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('size', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('annotation_blobs_pk', ['project_id', 'blob_key', 'uploaded_by'])
      .addCheckConstraint('annotation_blobs_key', sql`length(blob_key) = 64`)
      .addCheckConstraint('annotation_blobs_size', sql`size >= 0`);
    blobs = json(db, blobs, 'dims');
    blobs = timestamp(db, blobs, 'created_at', 'created');
    await blobs.execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('annotation_blobs').execute();
  },
};
