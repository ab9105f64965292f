import { type Migration, sql } from 'kysely';
import { type AnyDb, isPostgres, json, oneOf, timestamp } from './portable-columns.js';

/**
 * Dataset versions (issue 7): a frozen, content-hashed manifest of a project's images, labels and
 * annotations (accepted ones, or the consensus), with its splits. The manifest itself is a blob (it may be
 * large); the row names it, its hash and counts. Versions are immutable: a trigger refuses UPDATE, as for
 * annotation revisions (0004); deleting stays possible, with the project.
 */
export const datasetVersions: Migration = {
  async up(db: AnyDb) {
    let versions = db.schema
      .createTable('dataset_versions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('content_hash', 'text', (col) => col.notNull())
      .addColumn('manifest_blob_key', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addUniqueConstraint('dataset_versions_project_name_unique', ['project_id', 'name'])
      .addCheckConstraint('dataset_versions_hash', sql`length(content_hash) = 64`);
    versions = oneOf(versions, 'source', ['consensus', 'approved', 'all']);
    versions = json(db, versions, 'counts', { defaultValue: '{}' });
    versions = timestamp(db, versions, 'created_at', 'created');
    await versions.execute();
    if (isPostgres(db)) {
      await sql`create trigger dataset_versions_append_only before update on dataset_versions
        for each row execute function voxelhub_forbid_update()`.execute(db);
    } else {
      await sql`create trigger dataset_versions_append_only before update on dataset_versions
        begin select raise(abort, 'dataset_versions is append-only'); end`.execute(db);
    }
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('dataset_versions').execute();
  },
};
