import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SERVER_VERSION } from './server-version.js';

/**
 * The OpenAPI 3 document, generated from the routes' zod schemas: a browsable page at /api/docs and
 * the document itself at /api/docs/json. Registered before the routes so that @fastify/swagger sees
 * each one as it is added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Voxelhub API',
        version: SERVER_VERSION,
        description:
          'Projects, images, annotations and jobs. Errors are `{ error: { code, message, details? } }` (docs/api-errors.md). Sign in with POST /api/auth/login (session cookie; cookie-signed changes also send X-Voxelhub-CSRF) or send `Authorization: Bearer vxh_…` with an API token.',
      },
      components: {
        securitySchemes: {
          token: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/auth/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'voxelhub_session' },
        },
      },
      security: [{ token: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // DICOMweb is its own standard (PS3.18), documented there, not here.
    hideUntagged: false,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}
