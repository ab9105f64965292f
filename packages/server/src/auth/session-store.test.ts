import { expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { insertTestUser } from './auth-test-app.js';
import { hashSecret } from './opaque-secret.js';
import {
  createSession,
  findSession,
  purgeExpiredSessions,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
} from './session-store.js';

const HOUR = 60 * 60 * 1000;

eachDialect('session store', (context) => {
  const expiry = async (secret: string) =>
    (
      await context.database.db
        .selectFrom('sessions')
        .select('expires_at')
        .where('id', '=', hashSecret(secret))
        .executeTakeFirstOrThrow()
    ).expires_at;

  it('slides the idle expiry forward with use, up to the absolute limit', async () => {
    const { id } = await insertTestUser(context.database);
    const start = new Date('2026-01-01T00:00:00.000Z');
    const { secret, expiresAt } = await createSession(context.database.db, id, start);
    expect(expiresAt).toBe(new Date(start.getTime() + SESSION_IDLE_MS).toISOString());

    // Used every 7 hours, it stays alive until the absolute limit, and not a moment longer.
    let now = start.getTime();
    while (now + 7 * HOUR < start.getTime() + SESSION_MAX_MS) {
      now += 7 * HOUR;
      expect(await findSession(context.database.db, secret, new Date(now))).toBeDefined();
    }
    expect(await expiry(secret)).toBe(new Date(start.getTime() + SESSION_MAX_MS).toISOString());
    const late = new Date(start.getTime() + SESSION_MAX_MS + 1);
    expect(await findSession(context.database.db, secret, late)).toBeUndefined();
  });

  it('ends a session left idle longer than the idle limit', async () => {
    const { id } = await insertTestUser(context.database);
    const start = new Date('2026-01-01T00:00:00.000Z');
    const { secret } = await createSession(context.database.db, id, start);
    const idle = new Date(start.getTime() + SESSION_IDLE_MS + 1);
    expect(await findSession(context.database.db, secret, idle)).toBeUndefined();
  });
  it('purges expired sessions and keeps live ones', async () => {
    const { id } = await insertTestUser(context.database);
    const old = await createSession(context.database.db, id, new Date('2020-01-01T00:00:00.000Z'));
    const live = await createSession(context.database.db, id);
    expect(await purgeExpiredSessions(context.database.db)).toBeGreaterThanOrEqual(1);
    const left = await context.database.db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', [hashSecret(old.secret), hashSecret(live.secret)])
      .execute();
    expect(left.map((r) => r.id)).toEqual([hashSecret(live.secret)]);
  });
});
