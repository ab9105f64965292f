import { useCallback, useEffect, useState } from 'react';
import type { AnnotationTarget } from '../../annotations/annotation-head.js';
import { api } from '../../api/api-client.js';
import type { SessionInfo } from '../../api/api-types.js';
import { navigate } from '../../app/navigation.js';
import { openNextTask } from '../../tasks/open-next-task.js';
import { taskPath } from '../../tasks/task-path.js';
import type { Task } from '../../tasks/task-types.js';
import { currentTaskOf, previousTaskOf } from './current-task.js';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The caller's task on what the viewer shows, started when it is opened, and the moves between tasks:
 * done (or skip) and on to the next, and back to the previous one.
 */
export function useViewerTask(projectId: string, target: AnnotationTarget | null) {
  const [current, setCurrent] = useState<Task | undefined>(undefined);
  const [previous, setPrevious] = useState<Task | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const base = `/api/projects/${encodeURIComponent(projectId)}`;
  const seriesId = target?.seriesId;
  const imageId = target?.imageId;

  useEffect(() => {
    if (!seriesId && !imageId) return;
    let cancelled = false;
    (async () => {
      const [{ user }, { tasks }] = await Promise.all([
        api.get<SessionInfo>('/api/auth/me'),
        api.get<{ tasks: Task[] }>(`${base}/tasks`),
      ]);
      let task = currentTaskOf(tasks, user.id, {
        ...(seriesId ? { seriesId } : {}),
        ...(imageId ? { imageId } : {}),
      });
      if (task?.status === 'todo') {
        const answer = await api.request<{ task: Task }>('PATCH', `${base}/tasks/${task.id}`, {
          status: 'in_progress',
        });
        task = answer.task;
      }
      if (cancelled) return;
      setCurrent(task);
      setPrevious(previousTaskOf(tasks, user.id, task));
    })().catch((error: unknown) => !cancelled && setMessage(`Tasks could not be read: ${errorText(error)}`));
    return () => {
      cancelled = true;
    };
  }, [base, seriesId, imageId]);

  const finish = useCallback(
    async (status: 'done' | 'skipped') => {
      if (!current) return;
      try {
        await api.request('PATCH', `${base}/tasks/${current.id}`, { status });
        setMessage(await openNextTask(projectId));
      } catch (error) {
        setMessage(`The task could not be updated: ${errorText(error)}`);
      }
    },
    [base, current, projectId],
  );

  const goToPrevious = useCallback(async () => {
    if (!previous) {
      setMessage('No earlier task: this is the first one you work on.');
      return;
    }
    const path = await taskPath(projectId, previous).catch(() => null);
    if (path) navigate(path);
    else setMessage('The previous task is on an image this project no longer has.');
  }, [previous, projectId]);

  return { current, previous, message, finish, goToPrevious };
}

export type ViewerTask = ReturnType<typeof useViewerTask>;
