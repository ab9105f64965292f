import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { currentUser, requireUser } from './require-user.js';
import { createToken, listTokens, revokeToken, tokenOwner } from './token-store.js';

const createBody = z.object({ name: z.string().trim().min(1).max(100) });
const tokenParams = z.object({ id: z.uuid() });

export interface TokenRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
}

/** POST /tokens, GET /tokens, DELETE /tokens/:id (under /api/auth): the caller's API tokens. */
export async function tokenRoutes(base: FastifyInstance, { db }: TokenRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['auth'];

  app.post(
    '/tokens',
    { schema: { tags, summary: 'Make an API token (shown once; stored as a hash)', body: createBody } },
    async (request, reply) => {
      const user = currentUser(request);
      const { name } = request.body;
      const { id, token } = await createToken(db, user.id, name);
      await recordAudit(db, {
        userId: user.id,
        action: 'token.create',
        targetType: 'api_token',
        targetId: id,
        details: { name, ip: request.ip },
      });
      // The only time the token is shown: it is stored as a hash.
      return reply.status(201).send({ id, name, token });
    },
  );

  app.get(
    '/tokens',
    { schema: { tags, summary: 'Your API tokens, revoked ones included' } },
    async (request) => ({
      tokens: await listTokens(db, currentUser(request).id),
    }),
  );

  app.delete(
    '/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: tokenParams } },
    async (request, reply) => {
      const user = currentUser(request);
      const { id } = request.params;
      const owner = await tokenOwner(db, id);
      // Someone else's token is answered as absent, so token ids can't be probed.
      if (owner === undefined || (owner !== user.id && !user.isAdmin)) throw new ApiError('NOT_FOUND');
      await revokeToken(db, id);
      await recordAudit(db, {
        userId: user.id,
        action: 'token.revoke',
        targetType: 'api_token',
        targetId: id,
        details: { owner, ip: request.ip },
      });
      return reply.status(204).send();
    },
  );
}
