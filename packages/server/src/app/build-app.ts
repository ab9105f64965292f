import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { annotationBlobRoutes, LABEL_MAP_MAX_BYTES } from '../annotation-blobs/annotation-blob-routes.js';
import {
  ANNOTATION_IMPORT_MAX_BYTES,
  annotationImportRoutes,
} from '../annotation-import/annotation-import-routes.js';
import { annotationRoutes } from '../annotations/annotation-routes.js';
import { auditRoutes } from '../audit/audit-routes.js';
import { authPlugin } from '../auth/auth-plugin.js';
import { authRoutes } from '../auth/auth-routes.js';
import { schedulePurgeOfExpiredSessions } from '../auth/session-purge.js';
import type { ServerData } from '../bootstrap/open-data.js';
import { catalogRoutes } from '../catalog/catalog-routes.js';
import { dicomwebPlugin } from '../dicomweb/dicomweb-plugin.js';
import { installErrorHandler } from '../errors/error-handler.js';
import { type ImportFeatureOptions, importFeatures } from '../jobs/import-features.js';
import { projectFeatures } from '../projects/project-features.js';
import { qualityRoutes } from '../quality/quality-routes.js';
import { reviewRoutes } from '../reviews/review-routes.js';
import { healthRoutes } from '../routes/health.js';
import { taskRoutes } from '../tasks/task-routes.js';
import { versionRoutes } from '../versions/version-routes.js';
import { defaultWebRoot, webAppRoutes } from '../web/web-app-routes.js';
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
  /** Uploads, import jobs and their worker (needs `data`); absent: no upload or job routes. */
  readonly imports?: ImportFeatureOptions;
  /** The web app's built files, served at `/` (default packages/web/dist; null serves none). */
  readonly webRoot?: string | null;
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
        // Cornerstone3D's tools draw their mouse cursors as SVG blob: URLs.
        imgSrc: ["'self'", 'data:', 'blob:'],
      },
    },
  });
  const { data } = options;
  if (data) {
    app.addHook('onClose', () => data.close());
    // Before every other feature, so that all their routes see request.user.
    await app.register(authPlugin, { db: data.database.db });
    schedulePurgeOfExpiredSessions(app, data.database.db);
    await app.register(authRoutes, { prefix: '/api/auth', db: data.database.db });
    if (options.imports) await app.register(importFeatures, { prefix: '/api', data, ...options.imports });
    await app.register(annotationRoutes, { prefix: '/api', db: data.database.db });
    await app.register(annotationBlobRoutes, {
      prefix: '/api',
      db: data.database.db,
      blobs: data.blobs,
      maxBytes: Math.min(LABEL_MAP_MAX_BYTES, options.imports?.maxUploadBytes ?? LABEL_MAP_MAX_BYTES),
    });
    await app.register(annotationImportRoutes, {
      prefix: '/api',
      db: data.database.db,
      blobs: data.blobs,
      ...(options.imports ? { stagingRoot: options.imports.stagingRoot } : {}),
      maxBytes: Math.min(
        ANNOTATION_IMPORT_MAX_BYTES,
        options.imports?.maxUploadBytes ?? ANNOTATION_IMPORT_MAX_BYTES,
      ),
    });
    await app.register(taskRoutes, { prefix: '/api', db: data.database.db });
    await app.register(reviewRoutes, { prefix: '/api', db: data.database.db });
    await app.register(auditRoutes, { prefix: '/api', db: data.database.db });
    await app.register(catalogRoutes, { prefix: '/api' });
    await app.register(versionRoutes, { prefix: '/api', db: data.database.db, blobs: data.blobs });
    await app.register(qualityRoutes, { prefix: '/api', db: data.database.db, blobs: data.blobs });
    await app.register(projectFeatures, { prefix: '/api', data });
    await app.register(dicomwebPlugin, {
      prefix: '/dicomweb',
      db: data.database.db,
      blobs: data.blobs,
      vault: data.vault,
      maxUploadBytes: options.imports?.maxUploadBytes,
    });
  }
  await app.register(healthRoutes, {
    prefix: '/api',
    version: SERVER_VERSION,
    ...(data ? { database: data.database.dialect } : {}),
  });
  const webRoot = options.webRoot === undefined ? defaultWebRoot() : options.webRoot;
  if (webRoot !== null) await app.register(webAppRoutes, { root: webRoot });
  return app;
}
