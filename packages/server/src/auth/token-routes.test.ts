import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { authTestApp, errorCode, insertTestUser, type SignedIn, signIn, withCsrf } from './auth-test-app.js';
import { hashSecret } from './opaque-secret.js';

eachDialect('token routes', (context) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await authTestApp(context.database);
  });
  afterAll(() => app?.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function newToken(session: SignedIn, name = 'my script'): Promise<{ id: string; token: string }> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: withCsrf(session),
      payload: { name },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('creates a token shown once, stored as a hash, that signs requests in', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    const { id, token } = await newToken(session);
    expect(token).toMatch(/^vxh_[A-Za-z0-9_-]{43}$/);

    const row = await context.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(token));
    expect(row.last_used_at).toBeNull();
    const audit = await context.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify([row, audit])).not.toContain(token.slice(4));

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      user: { id: user.id, username: user.username, isAdmin: false },
      csrfToken: null,
    });
    const used = await context.database.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(used.last_used_at!)).toBeLessThan(60_000);
  });

  it('lists the caller’s tokens without secrets', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    const { id, token } = await newToken(session, 'backup robot');
    const res = await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const { tokens } = res.json();
    expect(tokens).toEqual([
      expect.objectContaining({ id, userId: user.id, name: 'backup robot', revokedAt: null }),
    ]);
    expect(res.body).not.toContain(token.slice(4));
    expect(res.body).not.toContain(hashSecret(token));
  });

  it('needs the CSRF header for cookie-signed changes but not for token-signed ones', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/auth/tokens', headers, payload: { name: 'x' } });
    const missing = await post({ cookie: session.cookie });
    expect(missing.statusCode).toBe(403);
    expect(errorCode(missing)).toBe('FORBIDDEN');
    expect(missing.json().error.message).toContain('X-Voxelhub-CSRF');
    const wrong = await post({ cookie: session.cookie, 'x-voxelhub-csrf': 'not-the-token' });
    expect(wrong.statusCode).toBe(403);
    const { token } = await newToken(session);
    expect((await post(bearer(token))).statusCode).toBe(201);
    // GET is not a change: no header needed.
    const list = await app.inject({
      method: 'GET',
      url: '/api/auth/tokens',
      headers: { cookie: session.cookie },
    });
    expect(list.statusCode).toBe(200);
  });

  it('refuses revoked, unknown and malformed tokens, and tokens of disabled users', async () => {
    const user = await insertTestUser(context.database);
    const session = await signIn(app, user);
    const { id, token } = await newToken(session);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      headers: bearer(token),
    });
    expect(revoke.statusCode).toBe(204);
    for (const sent of [token, `vxh_${'A'.repeat(43)}`, 'garbage']) {
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(sent) });
      expect(me.statusCode).toBe(401);
      expect(errorCode(me)).toBe('UNAUTHENTICATED');
    }
    const row = await context.database.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();

    const second = await newToken(session);
    await context.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(second.token) });
    expect(me.statusCode).toBe(401);
  });

  it('lets users revoke only their own tokens, and admins any', async () => {
    const owner = await insertTestUser(context.database);
    const other = await insertTestUser(context.database);
    const admin = await insertTestUser(context.database, { isAdmin: true });
    const { id, token } = await newToken(await signIn(app, owner));
    const otherSession = await signIn(app, other);
    const remove = (session: SignedIn) =>
      app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: withCsrf(session) });

    const refused = await remove(otherSession);
    expect(refused.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(200);
    expect((await remove(await signIn(app, admin))).statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
    const bad = await app.inject({
      method: 'DELETE',
      url: '/api/auth/tokens/not-a-uuid',
      headers: withCsrf(otherSession),
    });
    expect(bad.statusCode).toBe(400);

    const audit = await context.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'action', 'target_id'])
      .where('target_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { user_id: owner.id, action: 'token.create', target_id: id },
      { user_id: admin.id, action: 'token.revoke', target_id: id },
    ]);
  });

  it('answers anonymous token requests with 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/tokens' });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});
