import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerData } from '../bootstrap/open-data.js';
import { installErrorHandler } from '../errors/error-handler.js';
import { healthRoutes } from '../routes/health.js';

export const SERVER_VERSION = '0.1.0';

export interface AppOptions {
  /** Fastify's logger options; false (the default in tests) for none. */
  readonly logger?: FastifyServerOptions['logger'];
  /** The opened database and blob store; closed with the app. */
  readonly data?: ServerData;
}

/**
 * Builds the Voxelhub HTTP app without listening, so tests drive it with `app.inject()` (Fastify's
 * testing guide). Each feature is an encapsulated plugin under its prefix: `/api` for the REST API.
 */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  installErrorHandler(app);
  await app.register(helmet, {
    // The web app (issue 4) serves its own scripts and WebAssembly codecs from this origin.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
  const { data } = options;
  if (data) app.addHook('onClose', () => data.close());
  await app.register(healthRoutes, {
    prefix: '/api',
    version: SERVER_VERSION,
    ...(data ? { database: data.database.dialect } : {}),
  });
  return app;
}
