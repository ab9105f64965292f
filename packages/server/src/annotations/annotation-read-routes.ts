import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { listRevisions, listVisibleHeads, loadVisibleHead } from './annotation-rows.js';
import {
  annotationOutput,
  annotationParams,
  annotationResponse,
  listAnnotationsQuery,
  projectParams,
  revisionOutput,
} from './annotation-schemas.js';

/** GET .../annotations, GET .../annotations/:annotationId and its /revisions; blind reading applies. */
export async function annotationReadRoutes(
  base: FastifyInstance,
  { db }: { db: Kysely<DatabaseSchema> },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['annotations'];

  app.get(
    '/projects/:projectId/annotations',
    {
      schema: {
        tags,
        summary: 'Annotations at their head revision (blind readers see only their own)',
        params: projectParams,
        querystring: listAnnotationsQuery,
        response: { 200: z.object({ annotations: z.array(annotationOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      const { includeDeleted, ...filter } = request.query;
      const annotations = await listVisibleHeads(db, access, {
        ...filter,
        includeDeleted: includeDeleted === 'true',
      });
      return { annotations };
    },
  );

  app.get(
    '/projects/:projectId/annotations/:annotationId',
    {
      schema: {
        tags,
        summary: 'One annotation at its head revision (also when deleted: see `deleted`)',
        params: annotationParams,
        response: { 200: annotationResponse },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      return { annotation: await loadVisibleHead(db, access, request.params.annotationId) };
    },
  );

  app.get(
    '/projects/:projectId/annotations/:annotationId/revisions',
    {
      schema: {
        tags,
        summary: "An annotation's whole history, first revision to head",
        params: annotationParams,
        response: { 200: z.object({ revisions: z.array(revisionOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      const head = await loadVisibleHead(db, access, request.params.annotationId);
      return { revisions: await listRevisions(db, head.id) };
    },
  );
}
