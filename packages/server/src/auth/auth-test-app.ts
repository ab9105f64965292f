import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../app/build-app.js';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { Database } from '../storage/open-database.js';
import { ProjectVault } from '../vault/project-vault.js';
import { hashPassword } from './password.js';

/** Test helpers for the auth routes: the real app on a test database, real users, real sign-in. */

/** Cheap scrypt cost for test users; login upgrades them (needsRehash), which is exercised too. */
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/** The app as the server builds it, on `database`; the database stays open when the app closes. */
export async function authTestApp(
  database: Database,
  options: { trustProxy?: boolean } = {},
): Promise<FastifyInstance> {
  const folder = await mkdtemp(join(tmpdir(), 'voxelhub-auth-'));
  const blobs = await LocalBlobStore.open(folder);
  return buildApp({
    ...options,
    data: {
      database,
      blobs,
      vault: new ProjectVault(join(folder, 'vault')),
      admin: { created: false },
      close: () => rm(folder, { recursive: true, force: true }),
    },
  });
}

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
}

export async function insertTestUser(
  database: Database,
  options: { isAdmin?: boolean; disabled?: boolean } = {},
): Promise<TestUser> {
  const id = randomUUID();
  const username = `user-${id.slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  await database.db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: 'Test User',
      password_hash: await hashPassword(password, TEST_SCRYPT),
      is_admin: options.isAdmin ? 1 : 0,
      disabled: options.disabled ? 1 : 0,
    })
    .execute();
  return { id, username, password };
}

export interface SignedIn {
  /** For the `cookie` header: `voxelhub_session=<secret>`. */
  readonly cookie: string;
  readonly secret: string;
  readonly csrfToken: string;
}

export function login(app: FastifyInstance, username: string, password: string, remoteAddress?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

export async function signIn(app: FastifyInstance, user: TestUser): Promise<SignedIn> {
  const res = await login(app, user.username, user.password);
  expect(res.statusCode, res.body).toBe(200);
  return signedIn(res);
}

export function signedIn(res: LightMyRequestResponse): SignedIn {
  const cookie = res.cookies.find((c) => c.name === 'voxelhub_session');
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return { cookie: `${cookie.name}=${cookie.value}`, secret: cookie.value, csrfToken: res.json().csrfToken };
}

/** Headers of a cookie-signed change that carries its CSRF token. */
export function withCsrf(session: SignedIn): Record<string, string> {
  return { cookie: session.cookie, 'x-voxelhub-csrf': session.csrfToken };
}

export function errorCode(res: LightMyRequestResponse): string | undefined {
  return res.json()?.error?.code;
}
