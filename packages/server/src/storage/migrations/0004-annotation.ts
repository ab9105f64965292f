import { type Migration, sql } from 'kysely';
import { type AnyDb, flag, isPostgres, json, oneOf, timestamp } from './portable-columns.js';

const TASK_STATUSES = ['todo', 'in_progress', 'done', 'skipped'] as const;
const REVIEW_DECISIONS = ['approved', 'rejected', 'changes_requested'] as const;

/** Exactly one of two nullable references is set. */
const exactlyOne = (a: string, b: string) =>
  sql`(${sql.ref(a)} is null and ${sql.ref(b)} is not null) or (${sql.ref(a)} is not null and ${sql.ref(b)} is null)`;

/** Work items, annotations with their append-only revision history, and reviews. */
export const annotation: Migration = {
  async up(db: AnyDb) {
    let tasks = db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('image_id', 'text', (col) => col.references('images.id').onDelete('cascade'))
      .addColumn('series_id', 'text', (col) => col.references('series.id').onDelete('cascade'))
      .addColumn('assignee_id', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addCheckConstraint('tasks_one_target', exactlyOne('image_id', 'series_id'));
    tasks = oneOf(tasks, 'status', TASK_STATUSES, { defaultValue: 'todo' });
    tasks = timestamp(db, tasks, 'created_at', 'created');
    tasks = timestamp(db, tasks, 'updated_at', 'created');
    tasks = timestamp(db, tasks, 'started_at', 'optional');
    tasks = timestamp(db, tasks, 'completed_at', 'optional');
    await tasks.execute();
    await db.schema
      .createIndex('tasks_project_status')
      .on('tasks')
      .columns(['project_id', 'status'])
      .execute();
    await db.schema
      .createIndex('tasks_assignee_status')
      .on('tasks')
      .columns(['assignee_id', 'status'])
      .execute();
    await db.schema.createIndex('tasks_image').on('tasks').column('image_id').execute();
    await db.schema.createIndex('tasks_series').on('tasks').column('series_id').execute();

    let annotations = db.schema
      .createTable('annotations')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('task_id', 'text', (col) => col.references('tasks.id').onDelete('set null'))
      .addColumn('image_id', 'text', (col) => col.references('images.id').onDelete('cascade'))
      .addColumn('series_id', 'text', (col) => col.references('series.id').onDelete('cascade'))
      // A label in use can't be deleted (no ON DELETE action): the annotations would lose their meaning.
      .addColumn('label_id', 'text', (col) => col.notNull().references('labels.id'))
      .addColumn('created_by', 'text', (col) => col.notNull().references('users.id'))
      // The latest revision, written in the same transaction as that revision (optimistic concurrency).
      .addColumn('head_revision', 'integer', (col) => col.notNull())
      .addCheckConstraint('annotations_one_target', exactlyOne('image_id', 'series_id'))
      .addCheckConstraint('annotations_head_positive', sql`head_revision >= 1`);
    annotations = timestamp(db, annotations, 'created_at', 'created');
    annotations = timestamp(db, annotations, 'updated_at', 'created');
    await annotations.execute();
    await db.schema.createIndex('annotations_image').on('annotations').column('image_id').execute();
    await db.schema.createIndex('annotations_series').on('annotations').column('series_id').execute();
    await db.schema.createIndex('annotations_task').on('annotations').column('task_id').execute();
    await db.schema.createIndex('annotations_label').on('annotations').column('label_id').execute();

    let revisions = db.schema
      .createTable('annotation_revisions')
      .addColumn('annotation_id', 'text', (col) =>
        col.notNull().references('annotations.id').onDelete('cascade'),
      )
      .addColumn('revision', 'integer', (col) => col.notNull())
      // The revision the author edited; null for the first. Lets a merge find the common ancestor.
      .addColumn('base_revision', 'integer')
      .addColumn('author_id', 'text', (col) => col.notNull().references('users.id'))
      // The version of the zod payload schema the payload was written with, so old ones keep loading.
      .addColumn('schema_version', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('annotation_revisions_pk', ['annotation_id', 'revision'])
      .addCheckConstraint('annotation_revisions_positive', sql`revision >= 1 and schema_version >= 1`)
      .addCheckConstraint(
        'annotation_revisions_base_before',
        sql`base_revision is null or (base_revision >= 1 and base_revision < revision)`,
      );
    revisions = json(db, revisions, 'payload');
    // A deletion is a revision too, so it can be reviewed and undone.
    revisions = flag(revisions, 'deleted', 0);
    revisions = timestamp(db, revisions, 'created_at', 'created');
    await revisions.execute();
    await forbidUpdates(db, 'annotation_revisions');

    let reviews = db.schema
      .createTable('reviews')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('annotation_id', 'text', (col) => col.references('annotations.id').onDelete('cascade'))
      // The revision that was looked at, so a later edit does not inherit the approval.
      .addColumn('annotation_revision', 'integer')
      .addColumn('task_id', 'text', (col) => col.references('tasks.id').onDelete('cascade'))
      .addColumn('reviewer_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('comment', 'text', (col) => col.notNull().defaultTo(''))
      .addCheckConstraint('reviews_one_target', exactlyOne('annotation_id', 'task_id'));
    reviews = oneOf(reviews, 'decision', REVIEW_DECISIONS);
    reviews = timestamp(db, reviews, 'created_at', 'created');
    await reviews.execute();
    await db.schema.createIndex('reviews_annotation').on('reviews').column('annotation_id').execute();
    await db.schema.createIndex('reviews_task').on('reviews').column('task_id').execute();
  },

  async down(db: AnyDb) {
    if (isPostgres(db)) await sql`drop function if exists voxelhub_forbid_update() cascade`.execute(db);
    for (const table of ['reviews', 'annotation_revisions', 'annotations', 'tasks']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** History is append-only: a trigger refuses UPDATE (deletes stay possible, e.g. with the project). */
async function forbidUpdates(db: AnyDb, table: string): Promise<void> {
  const message = `${table} is append-only`;
  if (isPostgres(db)) {
    await sql`create or replace function voxelhub_forbid_update() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation'; end $$`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${table}_append_only`)} before update on ${sql.table(table)}
      for each row execute function voxelhub_forbid_update()`.execute(db);
    return;
  }
  await sql`create trigger ${sql.id(`${table}_append_only`)} before update on ${sql.table(table)}
    begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
}
