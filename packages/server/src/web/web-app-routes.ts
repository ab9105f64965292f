import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error.js';

export interface WebAppOptions {
  /** The web app's built files (packages/web/dist); when absent, `/` says how to build them. */
  readonly root: string | undefined;
}

/**
 * Paths the single-page app never owns: a miss there is a 404, not the app's index.html (a missing
 * hashed asset answered with HTML would leave a blank page instead of an error).
 */
const NOT_THE_APP = /^\/(api|dicomweb|assets)(\/|$)/;

/**
 * Serves the web app at `/`: its files, and index.html for any other GET so that the app's own routes
 * (/projects/…) survive a reload. Hashed assets are cached for good; index.html never, so a new
 * version is picked up at once.
 */
export async function webAppRoutes(app: FastifyInstance, { root }: WebAppOptions): Promise<void> {
  const index = root ? join(root, 'index.html') : undefined;
  if (!root || !index || !existsSync(index)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // setHeaders decides: hashed assets for good, everything else revalidated.
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader(
        'cache-control',
        path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // The lowest-priority route: every more specific one (files, /api, /dicomweb) wins over it.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (NOT_THE_APP.test(request.url))
      throw new ApiError('NOT_FOUND', `GET ${request.url}: there is nothing at this address`);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Voxelhub</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Voxelhub</h1>
<p>The server is running. The web app has not been built into this installation
(<code>npm run build</code> builds it into <code>packages/web/dist</code>).</p>
<p>The REST API is under <a href="/api/docs">/api/docs</a>; DICOMweb under <code>/dicomweb</code>.</p>
</body></html>
`;

/** Where `npm run build` puts the web app, beside this package: packages/web/dist. */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../../web/dist', import.meta.url));
}
