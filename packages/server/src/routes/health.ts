import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export interface HealthOptions {
  readonly version: string;
  /** Which database the server uses, when it has one. */
  readonly database?: 'sqlite' | 'postgres';
}

const healthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']).optional(),
});

/** GET /api/health: whether the server is up, and which version — for load balancers and scripts. */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      schema: { tags: ['server'], summary: 'Whether the server is up', response: { 200: healthResponse } },
    },
    async () => ({
      status: 'ok' as const,
      version: options.version,
      ...(options.database ? { database: options.database } : {}),
    }),
  );
}
