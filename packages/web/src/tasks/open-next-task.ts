import { api } from '../api/api-client.js';
import { navigate } from '../app/navigation.js';
import { taskPath } from './task-path.js';
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
  const path = await taskPath(projectId, task);
  if (!path) return 'Your next task is on an image this project no longer has.';
  if (task.status === 'todo')
    await api.request('PATCH', `${base}/tasks/${encodeURIComponent(task.id)}`, { status: 'in_progress' });
  navigate(path);
  return null;
}
