import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '@voxelhub/core/catalog';
import { findCatalogFolder, readCatalog } from '@voxelhub/core/node';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/require-user.js';

export interface CatalogRouteOptions {
  /** The catalog folder; default VOXELHUB_CATALOG or the repository's catalog/. */
  readonly folder?: string;
}

/**
 * GET /api/catalog: the whole catalog (datasets, tools, resources) for the web app, which searches it
 * in the browser with core's searchCatalog. Read and checked once, on first use (a bad file is a 500 naming
 * it, and is read again next time), served with an ETag; signed-in users only, like every other route.
 */
export async function catalogRoutes(app: FastifyInstance, options: CatalogRouteOptions): Promise<void> {
  const folder = options.folder ?? findCatalogFolder(fileURLToPath(new URL('.', import.meta.url)));
  let served: Promise<{ body: string; etag: string }> | undefined;
  // Read on first use, not at start: a server without the catalog still serves everything else.
  const load = () => {
    served ??= (async () => {
      const catalog: Catalog = folder
        ? await readCatalog(folder)
        : { datasets: [], tools: [], resources: [] };
      const body = JSON.stringify(catalog);
      return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
    })();
    served.catch(() => {
      served = undefined;
    });
    return served;
  };
  app.get(
    '/catalog',
    {
      preValidation: requireUser,
      schema: {
        tags: ['catalog'],
        summary: 'Public medical imaging datasets, annotation tools and learning resources',
      },
    },
    async (request, reply) => {
      const { body, etag } = await load();
      reply.header('etag', etag).header('cache-control', 'private, max-age=0, must-revalidate');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('application/json').send(body);
    },
  );
}
