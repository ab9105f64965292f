import type { BurnedInRule, ConfidentialityOption } from '@voxelhub/core';
import type { Kysely } from 'kysely';
import { parseProjectSettings } from '../projects/project-settings.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { ProjectVault } from '../vault/project-vault.js';

/** How a project that requires de-identification treats each imported file. */
export interface ImportPrivacy {
  readonly projectId: string;
  /** The project key from the vault: UIDs, date shifts and pseudonyms derive from it. */
  readonly key: Uint8Array;
  readonly options: readonly ConfidentialityOption[];
  readonly burnedInRules: readonly BurnedInRule[];
  readonly vault: ProjectVault;
}

/**
 * The project's de-identification on import, or null when it does not require it (or does not exist:
 * the import then fails on the project's foreign key, naming it).
 */
export async function loadImportPrivacy(
  db: Kysely<DatabaseSchema>,
  vault: ProjectVault | undefined,
  projectId: string,
): Promise<ImportPrivacy | null> {
  const project = await db
    .selectFrom('projects')
    .select(['require_deidentification', 'settings'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (project?.require_deidentification !== 1) return null;
  // Without its vault the server cannot de-identify, and must not import the file as it is.
  if (!vault) throw new Error(`project ${projectId} requires de-identification, but no vault was opened`);
  const { deidentification } = parseProjectSettings(project.settings);
  return {
    projectId,
    key: await vault.key(projectId),
    options: deidentification.options,
    burnedInRules: deidentification.burnedInRules,
    vault,
  };
}
