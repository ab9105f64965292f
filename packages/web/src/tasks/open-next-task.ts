import { api } from '../api/api-client.js';
import type { Study } from '../api/api-types.js';
import { navigate } from '../app/navigation.js';
import { seriesLocations, viewerPathOf } from './task-target.js';
import type { Task } from './task-types.js';

/**
 * Asks the server for the caller's next task (the oldest in progress, else the oldest to do), marks a
 * task to do as started, and opens the viewer on it. Answers a sentence for the user when there is
 * nothing to open.
 */
export async function openNextTask(projectId: string): Promise<string | null> {
  const base = `/api/projects/${encodeURIComponent(projectId)}`;
  const answer = await api.get<{ task: Task } | undefined>(`${base}/tasks/next`);
  if (!answer) return 'No task left in this project: well done.';
  const { task } = answer;
  const { studies } = await api.get<{ studies: Study[] }>(`${base}/studies`);
  const path = viewerPathOf(projectId, task, seriesLocations(studies));
  if (!path) return 'Your next task is a single image, which the viewer cannot open yet.';
  if (task.status === 'todo')
    await api.request('PATCH', `${base}/tasks/${encodeURIComponent(task.id)}`, { status: 'in_progress' });
  navigate(path);
  return null;
}
