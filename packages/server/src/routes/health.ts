import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  readonly version: string;
  /** Which database the server uses, when it has one. */
  readonly database?: 'sqlite' | 'postgres';
}

/** GET /api/health: whether the server is up, and which version — for load balancers and scripts. */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              version: { type: 'string' },
              database: { type: 'string' },
            },
            required: ['status', 'version'],
          },
        },
      },
    },
    async () => ({
      status: 'ok',
      version: options.version,
      ...(options.database ? { database: options.database } : {}),
    }),
  );
}
