import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/require-user.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { annotationReadRoutes } from './annotation-read-routes.js';
import { annotationWriteRoutes } from './annotation-write-routes.js';

export interface AnnotationRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
}

/**
 * The annotation API under /api/projects/:projectId/annotations: create, list, read, edit with
 * optimistic concurrency, delete, history and restore. Register with `{ prefix: '/api', db }`.
 */
export async function annotationRoutes(app: FastifyInstance, { db }: AnnotationRoutesOptions): Promise<void> {
  // preValidation: an anonymous request is 401 before its body is looked at.
  app.addHook('preValidation', requireUser);
  await app.register(annotationReadRoutes, { db });
  await app.register(annotationWriteRoutes, { db });
}
