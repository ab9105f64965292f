import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app/build-app.js';
import { insertTestUser, type TestUser } from '../auth/auth-test-app.js';
import { createToken } from '../auth/token-store.js';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { ImportFeatureOptions } from '../jobs/import-features.js';
import type { ProjectSettings } from '../projects/project-settings.js';
import type { Database } from '../storage/open-database.js';
import { MEMBER_ROLES, type MemberRole } from '../storage/schema.js';
import { ProjectVault } from '../vault/project-vault.js';

/**
 * Test support for project routes: the real app on a test database and blob store, one project, and a
 * signed-in caller for every role, plus an outsider (no membership) and a site administrator. Callers use
 * API tokens, so their requests need no CSRF header; the auth tests cover cookies.
 */

export type Caller = MemberRole | 'outsider' | 'admin' | 'anonymous';
export const CALLERS: readonly Caller[] = [...MEMBER_ROLES, 'outsider', 'admin', 'anonymous'];

export interface ProjectFixture {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly blobs: LocalBlobStore;
  readonly vault: ProjectVault;
  /** Where uploads are staged, a folder per job. */
  readonly stagingRoot: string;
  readonly projectId: string;
  readonly users: Readonly<Record<Exclude<Caller, 'anonymous'>, TestUser & { token: string }>>;
  /** `app.inject` as `caller` (a Bearer token; none for 'anonymous'). */
  as(caller: Caller, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A second user with the same role in the project (another reader, say). */
  addMember(role: MemberRole): Promise<TestUser & { token: string }>;
  close(): Promise<void>;
}

export interface ProjectFixtureOptions {
  readonly settings?: Partial<ProjectSettings>;
  /** De-identify on import (off here unless asked, unlike a project created through the API). */
  readonly requireDeidentification?: boolean;
  readonly maxUploadBytes?: number;
  /** Upload and job worker settings (the worker runs unless `worker: false`). */
  readonly imports?: Partial<ImportFeatureOptions>;
}

export async function createProjectFixture(
  database: Database,
  options: ProjectFixtureOptions = {},
): Promise<ProjectFixture> {
  const folder = await mkdtemp(join(tmpdir(), 'voxelhub-project-'));
  const blobs = await LocalBlobStore.open(
    folder,
    options.maxUploadBytes ? { maxBytes: options.maxUploadBytes } : {},
  );
  const vault = new ProjectVault(join(folder, 'vault'));
  const app = await buildApp({
    data: {
      database,
      blobs,
      vault,
      admin: { created: false },
      close: async () => {},
    },
    imports: {
      stagingRoot: join(folder, 'uploads'),
      maxUploadBytes: options.maxUploadBytes ?? 64 * 1024 * 1024,
      ...options.imports,
    },
  });
  const projectId = randomUUID();
  await database.db
    .insertInto('projects')
    .values({
      id: projectId,
      name: `project-${projectId.slice(0, 8)}`,
      settings: JSON.stringify(options.settings ?? {}),
      // The features tested with this fixture are not de-identification's; its own tests turn it on.
      require_deidentification: options.requireDeidentification ? 1 : 0,
    })
    .execute();

  const withToken = async (user: TestUser) => ({
    ...user,
    token: (await createToken(database.db, user.id, 'test')).token,
  });
  const addMember = async (role: MemberRole) => {
    const user = await withToken(await insertTestUser(database));
    await database.db
      .insertInto('members')
      .values({ project_id: projectId, user_id: user.id, role })
      .execute();
    return user;
  };
  const users = {} as Record<Exclude<Caller, 'anonymous'>, TestUser & { token: string }>;
  for (const role of MEMBER_ROLES) users[role] = await addMember(role);
  users.outsider = await withToken(await insertTestUser(database));
  users.admin = await withToken(await insertTestUser(database, { isAdmin: true }));

  return {
    app,
    database,
    blobs,
    vault,
    stagingRoot: join(folder, 'uploads'),
    projectId,
    users,
    addMember,
    as(caller, request) {
      const headers = { ...(request.headers ?? {}) };
      if (caller !== 'anonymous') headers.authorization = `Bearer ${users[caller].token}`;
      return app.inject({ ...request, headers });
    },
    async close() {
      await app.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Asks as a given token: for users made outside the fixture. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
