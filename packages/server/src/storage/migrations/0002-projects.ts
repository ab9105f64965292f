import { type Migration, sql } from 'kysely';
import { type AnyDb, flag, json, oneOf, timestamp } from './portable-columns.js';

const LABEL_TYPES = [
  'mask',
  'box',
  'polygon',
  'polyline',
  'point',
  'measurement',
  'classification',
  'frame-label',
] as const;

const MEMBER_ROLES = ['owner', 'manager', 'annotator', 'reviewer', 'viewer'] as const;

/** Projects, their label sets and their members. */
export const projects: Migration = {
  async up(db: AnyDb) {
    let projectTable = db.schema
      .createTable('projects')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('description', 'text', (col) => col.notNull().defaultTo(''));
    // On by default: a project must opt out of refusing identifiable uploads, not opt in.
    projectTable = flag(projectTable, 'require_deidentification', 1);
    projectTable = json(db, projectTable, 'settings', { defaultValue: '{}' });
    projectTable = timestamp(db, projectTable, 'created_at', 'created');
    await projectTable.execute();

    let labels = db.schema
      .createTable('labels')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('colour', 'text', (col) => col.notNull())
      // An optional coded concept (e.g. SCT 10200004 "Liver"), all three parts or none.
      .addColumn('code_system', 'text')
      .addColumn('code_value', 'text')
      .addColumn('code_meaning', 'text')
      .addColumn('guideline', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
      .addUniqueConstraint('labels_project_name_unique', ['project_id', 'name'])
      .addCheckConstraint('labels_colour_hex', sql`length(colour) = 7 and colour like '#%'`)
      .addCheckConstraint(
        'labels_code_complete',
        sql`(code_system is null and code_value is null and code_meaning is null)
          or (code_system is not null and code_value is not null and code_meaning is not null)`,
      );
    labels = oneOf(labels, 'type', LABEL_TYPES);
    labels = timestamp(db, labels, 'created_at', 'created');
    await labels.execute();

    let members = db.schema
      .createTable('members')
      .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('members_pk', ['project_id', 'user_id']);
    members = oneOf(members, 'role', MEMBER_ROLES);
    members = timestamp(db, members, 'created_at', 'created');
    await members.execute();
    // "Which projects can this user see?" (the primary key already serves "who is in this project?").
    await db.schema.createIndex('members_user').on('members').column('user_id').execute();
  },

  async down(db: AnyDb) {
    for (const table of ['members', 'labels', 'projects']) await db.schema.dropTable(table).execute();
  },
};
