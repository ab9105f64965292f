import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { purgeExpiredSessions } from './session-store.js';

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps the sessions table to live sessions: expired rows are refused on use already, but would pile up
 * (one per sign-in) without this. Runs once the app is ready, then hourly, and stops with the app.
 */
export function schedulePurgeOfExpiredSessions(app: FastifyInstance, db: Kysely<DatabaseSchema>): void {
  let timer: NodeJS.Timeout | undefined;
  const purge = () =>
    purgeExpiredSessions(db).catch((error: unknown) =>
      app.log.warn({ err: error }, 'could not purge expired sessions'),
    );
  app.addHook('onReady', async () => {
    await purge();
    timer = setInterval(purge, PURGE_EVERY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
