import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { currentUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import { type ProjectSettings, parseProjectSettings } from '../projects/project-settings.js';
import type { DatabaseSchema, MemberRole } from '../storage/schema.js';
import { type Permission, roleAllows } from './permissions.js';

/** Who is asking about which project, and in what role: what every project route decides on. */
export interface ProjectAccess {
  readonly projectId: string;
  readonly userId: string;
  /** The member's role; site administrators who are not members act as owners. */
  readonly role: MemberRole;
  readonly settings: ProjectSettings;
}

/**
 * The caller's access to a project. A project the caller is not a member of is answered as absent
 * (NOT_FOUND), like a project that does not exist, so project ids can't be probed.
 */
export async function loadProjectAccess(
  db: Kysely<DatabaseSchema>,
  request: FastifyRequest,
  projectId: string,
): Promise<ProjectAccess> {
  const user = currentUser(request);
  const row = await db
    .selectFrom('projects')
    .leftJoin('members', (join) =>
      join.onRef('members.project_id', '=', 'projects.id').on('members.user_id', '=', user.id),
    )
    .select(['projects.id', 'projects.settings', 'members.role'])
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
  const role = row?.role ?? (row && user.isAdmin ? 'owner' : undefined);
  if (!row || !role) throw new ApiError('NOT_FOUND', `no project ${projectId} that you are a member of`);
  return { projectId: row.id, userId: user.id, role, settings: parseProjectSettings(row.settings) };
}

/** FORBIDDEN unless the caller's role allows `permission`; the message names both. */
export function requirePermission(access: ProjectAccess, permission: Permission): void {
  if (!roleAllows(access.role, permission))
    throw new ApiError('FORBIDDEN', `a project ${access.role} may not do this (${permission})`);
}

/** loadProjectAccess then requirePermission: the first lines of most project routes. */
export async function authorize(
  db: Kysely<DatabaseSchema>,
  request: FastifyRequest,
  projectId: string,
  permission: Permission,
): Promise<ProjectAccess> {
  const access = await loadProjectAccess(db, request, projectId);
  requirePermission(access, permission);
  return access;
}
