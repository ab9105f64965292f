import { api } from '../api/api-client.js';
import type { Project } from '../api/api-types.js';
import type { ReadingSettingsPatch } from './reading-settings-form.js';

/** PATCH /api/projects/:id with the changed settings (owners and managers); answers the project as saved. */
export function saveReadingSettings(projectId: string, changes: ReadingSettingsPatch): Promise<Project> {
  return api.request<Project>('PATCH', `/api/projects/${encodeURIComponent(projectId)}`, {
    settings: changes,
  });
}
