import { type Migration, sql } from 'kysely';
import { type AnyDb, json, oneOf, timestamp } from './portable-columns.js';

const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
const JOB_ITEM_STATES = ['pending', 'done', 'failed', 'skipped'] as const;

/** Background jobs (imports, exports) that survive a restart, and the audit log. */
export const jobsAndAudit: Migration = {
  async up(db: AnyDb) {
    let jobs = db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('project_id', 'text', (col) => col.references('projects.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addColumn('progress_done', 'integer', (col) => col.notNull().defaultTo(0))
      // Null until the job knows how much there is (e.g. while it unpacks an archive).
      .addColumn('progress_total', 'integer')
      .addColumn('error', 'text')
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      // The worker holding the job; a lease that expires without a heartbeat means it died, and the job
      // goes back to the queue to resume from its job_items.
      .addColumn('lease_owner', 'text')
      .addCheckConstraint(
        'jobs_progress',
        sql`progress_done >= 0 and (progress_total is null or progress_done <= progress_total)`,
      );
    jobs = oneOf(jobs, 'state', JOB_STATES, { defaultValue: 'queued' });
    jobs = json(db, jobs, 'payload', { defaultValue: '{}' });
    jobs = json(db, jobs, 'result', { nullable: true });
    jobs = timestamp(db, jobs, 'created_at', 'created');
    jobs = timestamp(db, jobs, 'started_at', 'optional');
    jobs = timestamp(db, jobs, 'finished_at', 'optional');
    jobs = timestamp(db, jobs, 'heartbeat_at', 'optional');
    jobs = timestamp(db, jobs, 'lease_expires_at', 'optional');
    await jobs.execute();
    // The queue: oldest queued first, and running jobs whose lease has run out.
    await db.schema.createIndex('jobs_state_created').on('jobs').columns(['state', 'created_at']).execute();
    await db.schema
      .createIndex('jobs_state_lease')
      .on('jobs')
      .columns(['state', 'lease_expires_at'])
      .execute();
    await db.schema.createIndex('jobs_project').on('jobs').column('project_id').execute();

    let items = db.schema
      .createTable('job_items')
      .addColumn('job_id', 'text', (col) => col.notNull().references('jobs.id').onDelete('cascade'))
      // E.g. the file's path inside the uploaded archive.
      .addColumn('item_key', 'text', (col) => col.notNull())
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('job_items_pk', ['job_id', 'item_key']);
    items = oneOf(items, 'state', JOB_ITEM_STATES, { defaultValue: 'pending' });
    items = timestamp(db, items, 'updated_at', 'created');
    await items.execute();
    await db.schema.createIndex('job_items_job_state').on('job_items').columns(['job_id', 'state']).execute();

    let audit = db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (col) => col.primaryKey())
      // No foreign keys: the log outlives the users and projects it mentions.
      .addColumn('user_id', 'text')
      .addColumn('project_id', 'text')
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('target_type', 'text', (col) => col.notNull())
      .addColumn('target_id', 'text');
    audit = timestamp(db, audit, 'at', 'created');
    audit = json(db, audit, 'details', { defaultValue: '{}' });
    await audit.execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    await db.schema
      .createIndex('audit_log_project_at')
      .on('audit_log')
      .columns(['project_id', 'at'])
      .execute();
    await db.schema.createIndex('audit_log_user_at').on('audit_log').columns(['user_id', 'at']).execute();
    await db.schema
      .createIndex('audit_log_target')
      .on('audit_log')
      .columns(['target_type', 'target_id'])
      .execute();
  },

  async down(db: AnyDb) {
    for (const table of ['audit_log', 'job_items', 'jobs']) await db.schema.dropTable(table).execute();
  },
};
