import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword } from '../auth/password.js';
import { currentUser, requireAdmin } from '../auth/require-user.js';
import { deleteOtherSessions } from '../auth/session-store.js';
import { ApiError } from '../errors/api-error.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { SYSTEM_USER_IDS } from './system-users.js';

type Db = Kysely<DatabaseSchema>;

const userOutput = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

const password = z.string().min(12, 'a password needs at least 12 characters').max(1024);

const userInput = z
  .object({
    username: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    displayName: z.string().trim().min(1).max(200).optional(),
    password,
    isAdmin: z.boolean().optional(),
  })
  .strict();

const userUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    password: password.optional(),
    isAdmin: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const userParams = z.object({ userId: z.uuid() });

/**
 * Accounts, managed by site administrators: GET/POST /api/users, PATCH /api/users/:userId. Users are
 * disabled rather than deleted, so that their annotations and the audit log keep naming them.
 */
export async function userRoutes(base: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireAdmin);
  const tags = ['users'];

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Every account (administrators only)',
        response: { 200: z.object({ users: z.array(userOutput) }) },
      },
    },
    async () => {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('id', 'not in', SYSTEM_USER_IDS)
        .orderBy('username')
        .execute();
      return { users: rows.map(toUser) };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create an account (administrators only)',
        body: userInput,
        response: { 201: userOutput },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const id = randomUUID();
      await db
        .insertInto('users')
        .values({
          id,
          username: input.username,
          display_name: input.displayName ?? input.username,
          password_hash: await hashPassword(input.password),
          is_admin: input.isAdmin ? 1 : 0,
        })
        .execute()
        .catch((error: unknown) => {
          if (constraintViolation(error) === 'unique')
            throw new ApiError('CONFLICT', `the username '${input.username}' is taken`);
          throw error;
        });
      await audit(db, currentUser(request).id, 'user.create', id, { username: input.username });
      return reply.status(201).send(toUser(await findUser(db, id)));
    },
  );

  app.patch(
    '/users/:userId',
    {
      schema: {
        tags,
        summary: 'Change, disable or re-enable an account, or set its password (administrators only)',
        params: userParams,
        body: userUpdate,
        response: { 200: userOutput },
      },
    },
    async (request) => {
      const admin = currentUser(request);
      const { userId } = request.params;
      const input = request.body;
      await findUser(db, userId);
      if (userId === admin.id && (input.disabled === true || input.isAdmin === false))
        throw new ApiError('CONFLICT', 'administrators cannot disable or demote themselves');
      await db
        .updateTable('users')
        .set({
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
          ...(input.isAdmin !== undefined ? { is_admin: input.isAdmin ? (1 as const) : (0 as const) } : {}),
          ...(input.disabled !== undefined ? { disabled: input.disabled ? (1 as const) : (0 as const) } : {}),
        })
        .where('id', '=', userId)
        .execute();
      // A reset password or a disabled account ends the user's sessions (tokens stop via `disabled`).
      if (input.password !== undefined || input.disabled === true) await deleteOtherSessions(db, userId);
      await audit(db, admin.id, 'user.update', userId, {
        changed: Object.keys(input).filter((k) => k !== 'password'),
        passwordReset: input.password !== undefined,
      });
      return toUser(await findUser(db, userId));
    },
  );
}

async function findUser(db: Db, id: string) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no user ${id}`);
  return row;
}

function toUser(row: {
  id: string;
  username: string;
  display_name: string;
  is_admin: 0 | 1;
  disabled: 0 | 1;
  created_at: string;
}): z.infer<typeof userOutput> {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    isAdmin: row.is_admin === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

function audit(db: Db, userId: string, action: string, targetId: string, details: Record<string, unknown>) {
  return recordAudit(db, { userId, action, targetType: 'user', targetId, details });
}
