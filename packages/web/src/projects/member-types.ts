import type { Role } from '../api/api-types.js';

/** The project roles, most powerful first (the server's MEMBER_ROLES). */
export const ROLES: readonly Role[] = ['owner', 'manager', 'annotator', 'reviewer', 'viewer'];

/** A member as GET /api/projects/:id/members answers it. */
export interface Member {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly since: string;
}

/** Owners and managers change the schema, the members and the tasks (the server's permissions.ts). */
export function managesProject(role: Role): boolean {
  return role === 'owner' || role === 'manager';
}

/** Who may list members and every task: managers and reviewers. */
export function seesTeam(role: Role): boolean {
  return managesProject(role) || role === 'reviewer';
}
