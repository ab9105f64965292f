import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { authPlugin } from '../auth/auth-plugin.js';
import { authRoutes } from '../auth/auth-routes.js';
import type { ServerData } from '../bootstrap/open-data.js';
import { installErrorHandler } from '../errors/error-handler.js';
import { healthRoutes } from '../routes/health.js';
import { registerOpenApi } from './open-api.js';
import { SERVER_VERSION } from './server-version.js';
import { zodValidatorCompiler } from './zod-validator.js';

export { SERVER_VERSION } from './server-version.js';

export interface AppOptions {
  /** Fastify's logger options; false (the default in tests) for none. */
  readonly logger?: FastifyServerOptions['logger'];
  /** The opened database and blob store; closed with the app. */
  readonly data?: ServerData;
  /** Trust X-Forwarded-* from a reverse proxy (VOXELHUB_TRUST_PROXY). */
  readonly trustProxy?: boolean;
}

/**
 * Builds the Voxelhub HTTP app without listening, so tests drive it with `app.inject()` (Fastify's
 * testing guide). Each feature is an encapsulated plugin under its prefix: `/api` for the REST API.
 */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: options.trustProxy ?? false });
  installErrorHandler(app);
  // Route schemas are zod: they validate requests, shape responses and generate /api/docs.
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await registerOpenApi(app);
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
  if (data) {
    app.addHook('onClose', () => data.close());
    // Before every other feature, so that all their routes see request.user.
    await app.register(authPlugin, { db: data.database.db });
    await app.register(authRoutes, { prefix: '/api/auth', db: data.database.db });
  }
  await app.register(healthRoutes, {
    prefix: '/api',
    version: SERVER_VERSION,
    ...(data ? { database: data.database.dialect } : {}),
  });
  return app;
}
