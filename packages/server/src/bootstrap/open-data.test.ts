import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/build-app.js';
import { verifyPassword } from '../auth/password.js';
import type { Config } from '../config/load-config.js';
import { parseClassification } from '../projects/label-classification.js';
import { createEmptyPostgres, DIALECTS, postgresSkipped } from '../storage/test-databases.js';
import { SYSTEM_USER_IDS } from '../users/system-users.js';
import { ADMIN_USERNAME } from './ensure-admin.js';
import { openServerData } from './open-data.js';

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && postgresSkipped())(`first start (${dialect})`, () => {
    const drops: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });

    async function config(): Promise<Config['database']> {
      if (dialect === 'sqlite') {
        const dataDir = mkdtempSync(join(tmpdir(), 'voxelhub-data-'));
        folders.push(dataDir);
        return { dialect: 'sqlite', path: join(dataDir, 'db', 'voxelhub.sqlite') };
      }
      const empty = await createEmptyPostgres();
      drops.push(empty.drop);
      return { dialect: 'postgres', url: empty.url };
    }

    async function open(database: Config['database'], adminPassword?: string, demoProject = false) {
      const dataDir = mkdtempSync(join(tmpdir(), 'voxelhub-data-'));
      folders.push(dataDir);
      return openServerData({
        demoProject,
        dataDir: join(dataDir, 'data'),
        database,
        adminPassword,
        maxUploadBytes: 2 ** 20,
      });
    }

    it('creates the schema and an admin with a generated password, once', async () => {
      const database = await config();
      const first = await open(database, undefined, true);
      try {
        expect(first.admin.created).toBe(true);
        if (!first.admin.created) throw new Error('unreachable');
        const generated = first.admin.generatedPassword!;
        expect(generated.length).toBeGreaterThanOrEqual(20);
        const user = await first.database.db
          .selectFrom('users')
          .selectAll()
          .where('username', '=', ADMIN_USERNAME)
          .executeTakeFirstOrThrow();
        expect(await verifyPassword(generated, user.password_hash!)).toBe(true);
        expect(user.password_hash).not.toContain(generated);
        const audit = await first.database.db.selectFrom('audit_log').selectAll().orderBy('at').execute();
        expect(audit.map((a) => a.action)).toEqual(['user.create', 'project.create']);
        // The demo project: the generated dataset (40 CT slices, a DX, a US cine), a label schema, the admin as owner.
        expect(first.demo?.imported).toBe(42);
        const db = first.database.db;
        const project = await db
          .selectFrom('projects')
          .selectAll()
          .where('name', '=', 'Demo')
          .executeTakeFirstOrThrow();
        const images = await db
          .selectFrom('images')
          .select('id')
          .where('project_id', '=', project.id)
          .execute();
        expect(images).toHaveLength(42);
        const series = await db.selectFrom('series').select(['modality']).orderBy('modality').execute();
        expect(series.map((s) => s.modality)).toEqual(['CT', 'DX', 'US']);
        const member = await db
          .selectFrom('members')
          .selectAll()
          .where('project_id', '=', project.id)
          .executeTakeFirstOrThrow();
        expect([member.user_id, member.role]).toEqual([user.id, 'owner']);
        const labels = await db
          .selectFrom('labels')
          .select('name')
          .where('project_id', '=', project.id)
          .execute();
        expect(labels.map((l) => l.name)).toContain('Liver');
        const questions = await db
          .selectFrom('labels')
          .select(['name', 'type', 'classification'])
          .where('project_id', '=', project.id)
          .where('type', 'in', ['classification', 'frame-label'])
          .orderBy('sort_order')
          .execute();
        expect(questions.map((l) => [l.name, parseClassification(l.classification)?.kind])).toEqual([
          ['Finding', 'single'],
          ['Image quality', 'multiple'],
          ['End-systole', undefined],
        ]);
      } finally {
        await first.close();
      }
      const second = await open(database);
      try {
        expect(second.admin).toEqual({ created: false });
        expect(second.demo).toBeUndefined();
        // People only: migration 0010's consensus author is the server's own account.
        const users = await second.database.db
          .selectFrom('users')
          .select('id')
          .where('id', 'not in', SYSTEM_USER_IDS)
          .execute();
        expect(users).toHaveLength(1);
        const projects = await second.database.db.selectFrom('projects').select('id').execute();
        expect(projects).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('uses VOXELHUB_ADMIN_PASSWORD when given, and prints nothing', async () => {
      const data = await open(await config(), 'correct horse battery');
      try {
        expect(data.admin).toEqual({ created: true, username: ADMIN_USERNAME });
        const user = await data.database.db
          .selectFrom('users')
          .selectAll()
          .where('username', '=', ADMIN_USERNAME)
          .executeTakeFirstOrThrow();
        expect(await verifyPassword('correct horse battery', user.password_hash!)).toBe(true);
      } finally {
        await data.close();
      }
    });

    it('serves the health check with the database it uses, and closes the data with the app', async () => {
      const data = await open(await config());
      const app = await buildApp({ data });
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.json()).toMatchObject({ status: 'ok', database: dialect });
      await app.close();
      await expect(data.database.db.selectFrom('users').select('id').execute()).rejects.toThrow();
    });
  });
}
