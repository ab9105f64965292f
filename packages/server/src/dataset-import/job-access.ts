import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import { parseProjectSettings } from '../projects/project-settings.js';
import type { DatabaseSchema, Job } from '../storage/schema.js';

/**
 * The access a background job acts with: its creator's role in its project, read when the job runs (a
 * creator since removed from the project may no longer import into it). Site administrators who are not
 * members act as owners, as in requests.
 */
export async function jobAccess(db: Kysely<DatabaseSchema>, job: Job): Promise<ProjectAccess> {
  if (!job.project_id || !job.created_by) throw new Error(`job ${job.id} names no project or no creator`);
  const row = await db
    .selectFrom('projects')
    .innerJoin('users', (join) => join.on('users.id', '=', job.created_by!))
    .leftJoin('members', (join) =>
      join.onRef('members.project_id', '=', 'projects.id').onRef('members.user_id', '=', 'users.id'),
    )
    .select(['projects.settings', 'members.role', 'users.is_admin'])
    .where('projects.id', '=', job.project_id)
    .executeTakeFirst();
  const role = row?.role ?? (row && Number(row.is_admin) === 1 ? 'owner' : undefined);
  if (!row || !role)
    throw new Error(`the user who started job ${job.id} is no longer a member of its project`);
  return {
    projectId: job.project_id,
    userId: job.created_by,
    role,
    settings: parseProjectSettings(row.settings),
  };
}
