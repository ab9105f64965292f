import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import {
  authTestApp,
  errorCode,
  insertTestUser,
  login,
  signedIn,
  signIn,
  withCsrf,
} from './auth-test-app.js';
import { LOGIN_ATTEMPTS_PER_MINUTE } from './login-rate-limit.js';
import { hashSecret } from './opaque-secret.js';
import { DEFAULT_SCRYPT_PARAMS, readScryptParams, verifyPassword } from './password.js';

eachDialect('session routes', (context) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await authTestApp(context.database);
  });
  afterAll(() => app?.close());

  const auditActions = async (userId: string) =>
    (
      await context.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('user_id', '=', userId)
        .orderBy('at')
        .execute()
    ).map((row) => row.action);

  it('signs in with the right password: the user, a CSRF token and a strict HttpOnly cookie', async () => {
    const user = await insertTestUser(context.database);
    const res = await login(app, user.username.toUpperCase(), user.password);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ id: user.id, username: user.username, isAdmin: false });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'voxelhub_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeUndefined(); // plain HTTP: a Secure cookie would never come back
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await context.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(readScryptParams(row.password_hash!)).toEqual(DEFAULT_SCRYPT_PARAMS); // upgraded on login
    expect(await auditActions(user.id)).toEqual(['auth.login']);
  });

  it('answers a wrong password and an unknown user alike, and with similar work', async () => {
    const user = await insertTestUser(context.database);
    await signIn(app, user); // upgrades the hash to the default cost, as real accounts have
    const started = performance.now();
    const wrong = await login(app, user.username, 'not the password');
    const wrongMs = performance.now() - started;
    const unknownStart = performance.now();
    const unknown = await login(app, 'nobody-at-all', 'not the password');
    const unknownMs = performance.now() - unknownStart;
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' },
      });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // Both ran scrypt at the default cost; a skipped hash would be orders of magnitude faster.
    expect(unknownMs).toBeGreaterThan(wrongMs / 4);
    const failures = await context.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'details'])
      .where('action', '=', 'auth.login_failed')
      .execute();
    const reasons = failures.map((f) => ({ userId: f.user_id, ...JSON.parse(f.details) }));
    expect(reasons).toContainEqual(expect.objectContaining({ userId: user.id, reason: 'wrong password' }));
    expect(reasons).toContainEqual(
      expect.objectContaining({ userId: null, username: 'nobody-at-all', reason: 'unknown user' }),
    );
    expect(JSON.stringify(failures)).not.toContain('not the password');
  });

  it('refuses disabled users at sign-in and drops their sessions', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    await context.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
    const res = await login(app, user.username, user.password);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.headers['set-cookie']).toBeUndefined();
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    expect(await auditActions(user.id)).toEqual(['auth.login', 'auth.login_failed']);
  });

  it('validates the login body', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });

  it('knows the signed-in user from the cookie, and nobody without one', async () => {
    const user = await insertTestUser(context.database, { isAdmin: true });
    const session = await signIn(app, user);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      user: { id: user.id, username: user.username, isAdmin: true },
      csrfToken: session.csrfToken,
    });
    const anonymous = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const forged = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `voxelhub_session=${'A'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    await context.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', hashSecret(session.secret))
      .execute();
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('ends the session at logout (which, being a cookie POST, needs the CSRF header)', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    const forged = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(forged.statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: withCsrf(session) });
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'voxelhub_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    const rows = await context.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toEqual([]);
    expect(await auditActions(user.id)).toEqual(['auth.login', 'auth.logout']);
  });

  it('changes the password, keeping this session and ending the others', async () => {
    const user = await insertTestUser(context.database);
    const here = await signIn(app, user);
    const elsewhere = await signIn(app, user);
    const change = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(here), payload });
    const next = 'a much longer new password';

    const short = await change({ current: user.password, next: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('at least 12 characters');
    const wrong = await change({ current: 'wrong current password', next });
    expect(wrong.statusCode).toBe(403);
    const ok = await change({ current: user.password, next });
    expect(ok.statusCode).toBe(204);

    const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await me(here.cookie)).statusCode).toBe(200);
    expect((await me(elsewhere.cookie)).statusCode).toBe(401);
    expect((await login(app, user.username, user.password)).statusCode).toBe(401);
    expect((await login(app, user.username, next)).statusCode).toBe(200);
    const stored = await context.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(next);
    expect(await verifyPassword(next, stored.password_hash!)).toBe(true);
    expect(await auditActions(user.id)).toEqual([
      'auth.login',
      'auth.login',
      'auth.password_change_failed',
      'auth.password_change',
      'auth.login_failed',
      'auth.login',
    ]);
  });

  it('limits sign-in attempts per address and username', async () => {
    const user = await insertTestUser(context.database);
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) {
      expect((await login(app, user.username, 'guess', '10.0.0.1')).statusCode).toBe(401);
    }
    const limited = await login(app, user.username, user.password, '10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    // Neither the user from another address nor another user from that address is locked out.
    expect((await login(app, user.username, user.password, '10.0.0.2')).statusCode).toBe(200);
    const other = await insertTestUser(context.database);
    expect((await login(app, other.username, other.password, '10.0.0.1')).statusCode).toBe(200);
  });

  it('keeps no secret in plain text: sessions hold a hash of the cookie', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    const rows = await context.database.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashSecret(session.secret));
    const everything = JSON.stringify([
      rows,
      await context.database.db.selectFrom('users').selectAll().execute(),
      await context.database.db.selectFrom('audit_log').selectAll().execute(),
    ]);
    expect(everything).not.toContain(session.secret);
    expect(everything).not.toContain(user.password);
  });
});

describe('session cookie over HTTPS', () => {
  eachDialect('secure cookie', (context) => {
    it('is Secure when the request came over HTTPS (behind a trusted proxy)', async () => {
      const app = await authTestApp(context.database, { trustProxy: true });
      try {
        const user = await insertTestUser(context.database);
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-proto': 'https' },
          payload: { username: user.username, password: user.password },
        });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.find((c) => c.name === 'voxelhub_session')?.secure).toBe(true);
        expect(signedIn(res).csrfToken).toBeTypeOf('string');
      } finally {
        await app.close();
      }
    });
  });
});
