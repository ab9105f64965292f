import type { Study } from '../api/api-types.js';
import { type Loaded, useApiGet } from '../api/use-api-get.js';

/** The project's DICOM studies with their series (GET /api/projects/:id/studies), as the project page lists them. */
export function useProjectStudies(projectId: string): Loaded<{ readonly studies: readonly Study[] }> {
  return useApiGet<{ studies: Study[] }>(`/api/projects/${encodeURIComponent(projectId)}/studies`);
}
