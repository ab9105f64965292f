import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { type Flag, LABEL_TYPES, MEMBER_ROLES, type MemberRole } from './schema.js';
import { eachDialect } from './test-databases.js';
import { expectViolation, insertLabel, insertProject, insertUser } from './test-rows.js';

eachDialect('schema: accounts and projects', (context) => {
  const db = () => context.database.db;

  it('fills defaults: ISO timestamps, 0/1 flags, JSON text', async () => {
    const userId = await insertUser(db());
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user.is_admin).toBe(0);
    expect(user.disabled).toBe(0);
    expect(user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(user.created_at) - Date.now())).toBeLessThan(60_000);
    const projectId = randomUUID();
    await db()
      .insertInto('projects')
      .values({ id: projectId, name: `defaults-${projectId}` })
      .execute();
    const project = await db()
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(project.require_deidentification).toBe(1);
    expect(project.settings).toBe('{}');
    expect(project.description).toBe('');
  });

  it('keeps usernames unique regardless of case', async () => {
    await db()
      .insertInto('users')
      .values({ id: randomUUID(), username: 'Alice', display_name: 'A' })
      .execute();
    const again = db().insertInto('users').values({ id: randomUUID(), username: 'alice', display_name: 'B' });
    await expectViolation(again.execute(), 'unique');
  });

  it('refuses flags other than 0/1 and timestamps that are not ISO UTC', async () => {
    const user = { id: randomUUID(), username: randomUUID(), display_name: 'x' };
    await expectViolation(
      db()
        .insertInto('users')
        .values({ ...user, is_admin: 2 as number as Flag /* the types forbid it; the database must too */ })
        .execute(),
      'check',
    );
    const userId = await insertUser(db());
    const session = { id: randomUUID(), user_id: userId, csrf_token: 'c' };
    await expectViolation(
      db()
        .insertInto('sessions')
        .values({ ...session, expires_at: '2026-01-02 03:04:05' })
        .execute(),
      'check',
    );
    await db()
      .insertInto('sessions')
      .values({ ...session, expires_at: '2026-01-02T03:04:05.000Z' })
      .execute();
  });

  it('ties tokens and sessions to existing users, with unique token hashes, deleted with the user', async () => {
    const userId = await insertUser(db());
    const token = { user_id: userId, name: 'ci', token_hash: randomUUID() };
    await db()
      .insertInto('api_tokens')
      .values({ id: randomUUID(), ...token })
      .execute();
    await expectViolation(
      db()
        .insertInto('api_tokens')
        .values({ id: randomUUID(), ...token })
        .execute(),
      'unique',
    );
    await expectViolation(
      db()
        .insertInto('api_tokens')
        .values({ id: randomUUID(), ...token, user_id: randomUUID(), token_hash: randomUUID() })
        .execute(),
      'foreign_key',
    );
    await db().deleteFrom('users').where('id', '=', userId).execute();
    const left = await db().selectFrom('api_tokens').where('user_id', '=', userId).selectAll().execute();
    expect(left).toEqual([]);
  });

  it('keeps project names unique and JSON settings valid', async () => {
    const projectId = await insertProject(db());
    const { name } = await db()
      .selectFrom('projects')
      .select('name')
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    await expectViolation(db().insertInto('projects').values({ id: randomUUID(), name }).execute(), 'unique');
    await expectViolation(
      db()
        .insertInto('projects')
        .values({ id: randomUUID(), name: randomUUID(), settings: '{not json' })
        .execute(),
      'check',
    );
  });

  it('round-trips JSON text exactly, unicode and key order included', async () => {
    const settings = JSON.stringify({
      z: 1,
      a: [1.5, null, true],
      name: 'Überprüfung 肝臓 😀',
      nested: { b: {}, a: [] },
    });
    const id = randomUUID();
    await db().insertInto('projects').values({ id, name: id, settings }).execute();
    const row = await db()
      .selectFrom('projects')
      .select('settings')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.settings).toBe(settings);
    expect(JSON.parse(row.settings)).toEqual(JSON.parse(settings));
  });

  it('accepts every label type, and refuses others, bad colours and half-given codes', async () => {
    const projectId = await insertProject(db());
    const label = (extra: object) => ({
      id: randomUUID(),
      project_id: projectId,
      name: randomUUID(),
      colour: '#00ff00',
      type: 'box' as const,
      ...extra,
    });
    for (const type of LABEL_TYPES) await db().insertInto('labels').values(label({ type })).execute();
    await expectViolation(
      db()
        .insertInto('labels')
        .values(label({ type: 'blob' }))
        .execute(),
      'check',
    );
    await expectViolation(
      db()
        .insertInto('labels')
        .values(label({ colour: 'red' }))
        .execute(),
      'check',
    );
    await expectViolation(
      db()
        .insertInto('labels')
        .values(label({ code_system: 'SCT' }))
        .execute(),
      'check',
    );
    await db()
      .insertInto('labels')
      .values(label({ code_system: 'SCT', code_value: '10200004', code_meaning: 'Liver' }))
      .execute();
    const labelId = await insertLabel(db(), projectId);
    const { name } = await db()
      .selectFrom('labels')
      .select('name')
      .where('id', '=', labelId)
      .executeTakeFirstOrThrow();
    await expectViolation(db().insertInto('labels').values(label({ name })).execute(), 'unique');
  });

  it('accepts each member role once per user and project, and no other role', async () => {
    const projectId = await insertProject(db());
    for (const role of MEMBER_ROLES) {
      const userId = await insertUser(db());
      await db().insertInto('members').values({ project_id: projectId, user_id: userId, role }).execute();
    }
    const userId = await insertUser(db());
    const member = { project_id: projectId, user_id: userId };
    await expectViolation(
      db()
        .insertInto('members')
        .values({ ...member, role: 'admin' as string as MemberRole })
        .execute(),
      'check',
    );
    await db()
      .insertInto('members')
      .values({ ...member, role: 'viewer' })
      .execute();
    await expectViolation(
      db()
        .insertInto('members')
        .values({ ...member, role: 'owner' })
        .execute(),
      'unique',
    );
    await expectViolation(
      db()
        .insertInto('members')
        .values({ ...member, project_id: randomUUID(), role: 'viewer' })
        .execute(),
      'foreign_key',
    );
  });

  it('rolls a failed transaction back whole', async () => {
    const id = randomUUID();
    const failing = db()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('projects').values({ id, name: id }).execute();
        await trx.insertInto('projects').values({ id: randomUUID(), name: id }).execute();
      });
    await expectViolation(failing, 'unique');
    const rows = await db().selectFrom('projects').where('id', '=', id).selectAll().execute();
    expect(rows).toEqual([]);
    // The connection is usable afterwards (no transaction left open).
    const { rows: one } = await sql<{ one: number }>`select 1 as one`.execute(db());
    expect(one).toEqual([{ one: 1 }]);
  });
});
