import { api } from '../api/api-client.js';
import type { ImageRecord, Study } from '../api/api-types.js';
import { pathOf } from '../app/routes.js';
import { seriesLocations, viewerPathOf } from './task-target.js';
import type { Task } from './task-types.js';

/**
 * Where the viewer opens a task: its series; for a task on one image, the series that image belongs to
 * (a DICOM instance), else the image itself (NIfTI, PNG, JPEG). Null when the project no longer has it.
 */
export async function taskPath(projectId: string, task: Task): Promise<string | null> {
  const base = `/api/projects/${encodeURIComponent(projectId)}`;
  const { studies } = await api.get<{ studies: Study[] }>(`${base}/studies`);
  const locations = seriesLocations(studies);
  if (task.seriesId) return viewerPathOf(projectId, task, locations);
  if (!task.imageId) return null;
  const image = await api.get<ImageRecord>(`${base}/images/${encodeURIComponent(task.imageId)}`);
  if (image.seriesId) return viewerPathOf(projectId, { ...task, seriesId: image.seriesId }, locations);
  return pathOf({ name: 'image', projectId, imageId: task.imageId });
}
