import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { requireUser } from '../auth/require-user.js';
import type { DatabaseSchema } from '../storage/schema.js';

const auditQuery = z.object({
  /** An action ('quality.decision.send-back'), or a prefix ending in '.' ('quality.'). */
  action: z
    .string()
    .regex(/^[a-z0-9._-]{1,100}$/)
    .optional(),
  targetId: z.string().max(100).optional(),
  /** Entries before this time (ISO-8601), to page back through the log. */
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/**
 * A project's audit log, newest first, for owners and managers ('audit.read'): who did what to which
 * target, with the details recorded (never secrets). Register with `{ prefix: '/api', db }`.
 */
export async function auditRoutes(
  base: FastifyInstance,
  { db }: { db: Kysely<DatabaseSchema> },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', requireUser);
  app.get(
    '/projects/:projectId/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          "The project's audit log, newest first; filter by action (or an action prefix ending in '.')",
        params: z.object({ projectId: z.uuid() }),
        querystring: auditQuery,
        response: { 200: z.object({ entries: z.array(auditEntry) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'audit.read');
      const { action, targetId, before, limit } = request.query;
      let query = db.selectFrom('audit_log').selectAll().where('project_id', '=', access.projectId);
      if (action?.endsWith('.')) query = query.where('action', 'like', `${action}%`);
      else if (action) query = query.where('action', '=', action);
      if (targetId) query = query.where('target_id', '=', targetId);
      if (before) query = query.where('at', '<', new Date(before).toISOString());
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return {
        entries: rows.map((row) => ({
          id: row.id,
          at: row.at,
          userId: row.user_id,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          details: JSON.parse(row.details) as Record<string, unknown>,
        })),
      };
    },
  );
}
