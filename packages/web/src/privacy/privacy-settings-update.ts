import { api } from '../api/api-client.js';
import type { Project } from '../api/api-types.js';
import type { BurnedInRule, ConfidentialityOption } from './privacy-types.js';

/** A change to how a project de-identifies: PATCH /api/projects/:id, which owners alone may send. */
export interface PrivacyChange {
  readonly requireDeidentification?: boolean;
  readonly options?: readonly ConfidentialityOption[];
  readonly burnedInRules?: readonly BurnedInRule[];
}

/** Sends the change and answers the project as the server now has it. */
export function updatePrivacy(projectId: string, change: PrivacyChange): Promise<Project> {
  const deidentification = {
    ...(change.options ? { options: change.options } : {}),
    ...(change.burnedInRules ? { burnedInRules: change.burnedInRules } : {}),
  };
  const body = {
    ...(change.requireDeidentification !== undefined
      ? { requireDeidentification: change.requireDeidentification }
      : {}),
    ...(Object.keys(deidentification).length > 0 ? { settings: { deidentification } } : {}),
  };
  return api.request<Project>('PATCH', `/api/projects/${encodeURIComponent(projectId)}`, body);
}

/** The project as it will be once the server has taken the change. */
export function withPrivacyChange(project: Project, change: PrivacyChange): Project {
  const deid = project.settings.deidentification;
  return {
    ...project,
    requireDeidentification: change.requireDeidentification ?? project.requireDeidentification,
    settings: {
      ...project.settings,
      deidentification: {
        options: change.options ?? deid.options,
        burnedInRules: change.burnedInRules ?? deid.burnedInRules,
      },
    },
  };
}

/** What the owner is asked before turning de-identification off. */
export const TURN_OFF_WARNING =
  'Turn off de-identification on import?\n\n' +
  'Images imported from now on will keep patient names, IDs, birth dates, dates and other identifying ' +
  'details, stored as they are and visible to every member of this project. Images already imported ' +
  'stay de-identified.';
