import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize, type ProjectAccess } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema, MemberRole } from '../storage/schema.js';
import { SYSTEM_USER_IDS } from '../users/system-users.js';
import { memberInput, memberOutput, memberParams, projectParams } from './project-schemas.js';

type Db = Kysely<DatabaseSchema>;

/**
 * GET/POST /api/projects/:projectId/members, PATCH/DELETE .../members/:userId. Managers add and remove
 * members, but only owners make or unmake owners, and a project always keeps one owner.
 */
export async function memberRoutes(base: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['members'];

  app.get(
    '/projects/:projectId/members',
    {
      schema: {
        tags,
        summary: 'The members of a project and their roles',
        params: projectParams,
        response: { 200: z.object({ members: z.array(memberOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'members.read');
      return { members: await listMembers(db, access.projectId) };
    },
  );

  app.post(
    '/projects/:projectId/members',
    {
      schema: {
        tags,
        summary: 'Add a user to a project with a role, or change the role of a member',
        params: projectParams,
        body: memberInput,
        response: { 200: memberOutput },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'members.manage');
      const { userId, username, role } = request.body;
      const user = await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('id', 'not in', SYSTEM_USER_IDS)
        .$if(userId !== undefined, (q) => q.where('id', '=', userId ?? ''))
        .$if(username !== undefined, (q) => q.where('username', '=', username ?? ''))
        .executeTakeFirst();
      if (!user) throw new ApiError('NOT_FOUND', `no user ${username ?? userId}`);
      await setRole(db, access, user.id, role);
      return findMember(db, access.projectId, user.id);
    },
  );

  app.patch(
    '/projects/:projectId/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: memberParams,
        body: z.object({ role: memberInput.shape.role }).strict(),
        response: { 200: memberOutput },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'members.manage');
      await findMember(db, access.projectId, request.params.userId);
      await setRole(db, access, request.params.userId, request.body.role);
      return findMember(db, access.projectId, request.params.userId);
    },
  );

  app.delete(
    '/projects/:projectId/members/:userId',
    { schema: { tags, summary: 'Remove a member from a project', params: memberParams } },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'members.manage');
      const member = await findMember(db, access.projectId, request.params.userId);
      await db.transaction().execute(async (trx) => {
        guardOwnerChange(access, member.role, undefined);
        await trx
          .deleteFrom('members')
          .where('project_id', '=', access.projectId)
          .where('user_id', '=', member.userId)
          .execute();
        await requireAnOwner(trx, access.projectId);
      });
      await recordAudit(db, {
        userId: access.userId,
        projectId: access.projectId,
        action: 'member.remove',
        targetType: 'user',
        targetId: member.userId,
        details: { role: member.role },
      });
      return reply.status(204).send();
    },
  );
}

/** Owners are made and unmade only by owners (or administrators, who act as owners). */
function guardOwnerChange(access: ProjectAccess, from: MemberRole | undefined, to: MemberRole | undefined) {
  if ((from === 'owner' || to === 'owner') && from !== to && access.role !== 'owner')
    throw new ApiError('FORBIDDEN', 'only owners make or remove owners');
}

/** Inside the transaction that changed membership: roll it back if no owner is left. */
async function requireAnOwner(trx: Db, projectId: string): Promise<void> {
  const owner = await trx
    .selectFrom('members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  if (!owner)
    throw new ApiError('CONFLICT', 'a project needs at least one owner; make someone else owner first');
}

async function setRole(db: Db, access: ProjectAccess, userId: string, role: MemberRole): Promise<void> {
  const previous = await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('members')
      .select('role')
      .where('project_id', '=', access.projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    guardOwnerChange(access, current?.role, role);
    await trx
      .insertInto('members')
      .values({ project_id: access.projectId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute();
    await requireAnOwner(trx, access.projectId);
    return current?.role;
  });
  await recordAudit(db, {
    userId: access.userId,
    projectId: access.projectId,
    action: previous ? 'member.role_change' : 'member.add',
    targetType: 'user',
    targetId: userId,
    details: { from: previous ?? null, to: role },
  });
}

async function listMembers(db: Db, projectId: string) {
  const rows = await memberQuery(db, projectId).orderBy('users.username').execute();
  return rows.map(toMember);
}

async function findMember(db: Db, projectId: string, userId: string) {
  const row = await memberQuery(db, projectId).where('users.id', '=', userId).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `user ${userId} is not a member of this project`);
  return toMember(row);
}

function memberQuery(db: Db, projectId: string) {
  return db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'members.role', 'members.created_at'])
    .where('members.project_id', '=', projectId);
}

function toMember(row: {
  id: string;
  username: string;
  display_name: string;
  role: MemberRole;
  created_at: string;
}): z.infer<typeof memberOutput> {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    since: row.created_at,
  };
}
