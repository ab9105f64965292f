import type { Kysely } from 'kysely';
import { roleAllows } from '../access/permissions.js';
import { invalidReference } from '../annotations/invalid-reference.js';
import type { DatabaseSchema } from '../storage/schema.js';

/**
 * A task may be assigned only to a member whose role annotates ('annotations.write': annotators, and
 * reviewers, managers and owners who read too). Site administrators who are not members can't be
 * assigned: membership is what puts a reader in the project.
 */
export async function checkAssignee(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  userId: string,
  path: string,
): Promise<void> {
  const member = await db
    .selectFrom('members')
    .select('role')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) throw invalidReference(path, `user ${userId} is not a member of this project`);
  if (!roleAllows(member.role, 'annotations.write'))
    throw invalidReference(path, `user ${userId} is a ${member.role} in this project and does not annotate`);
}
