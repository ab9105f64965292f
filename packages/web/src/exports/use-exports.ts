import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/api-client.js';
import { watchExport } from './export-progress.js';
import { type ExportJob, versionPaths } from './versions-api.js';

export interface Exports {
  /** The project's exports, newest first; null until loaded. */
  readonly jobs: readonly ExportJob[] | null;
  readonly error: string | null;
  /** Starts an export job; its progress then comes from its events. */
  start(versionId: string, format: string, channelName?: string): Promise<void>;
  /** Deletes an ended export and its archive (owners and managers). */
  remove(jobId: string): Promise<void>;
}

/**
 * The project's exports, kept live: every export still queued or running is followed through its event
 * stream (its progress bar moves as the server reports), and the list is read again when one ends.
 */
export function useExports(projectId: string): Exports {
  const [jobs, setJobs] = useState<readonly ExportJob[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const watching = useRef(new Map<string, () => void>());

  useEffect(() => {
    let current = true;
    // The count in the query reads the list afresh (and past any cache) after an export ended.
    const query = reload > 0 ? `?r=${reload}` : '';
    api.get<{ exports: ExportJob[] }>(`${versionPaths.exports(projectId)}${query}`).then(
      (answer) => current && setJobs(answer.exports),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [projectId, reload]);

  // One event stream per unfinished export; closed when it ends or the page goes.
  useEffect(() => {
    const open = watching.current;
    for (const job of jobs ?? []) {
      if (job.state === 'done' || job.state === 'failed' || open.has(job.id)) continue;
      const close = watchExport(projectId, job.id, {
        progress: (done, total) =>
          setJobs((list) =>
            (list ?? []).map((j) =>
              j.id === job.id ? { ...j, state: 'running', progress: { done, total } } : j,
            ),
          ),
        end: () => {
          open.delete(job.id);
          setReload((n) => n + 1);
        },
      });
      open.set(job.id, close);
    }
  }, [jobs, projectId]);
  useEffect(() => {
    const open = watching.current;
    return () => {
      for (const close of open.values()) close();
      open.clear();
    };
  }, []);

  const start = useCallback(
    async (versionId: string, format: string, channelName?: string) => {
      setError(null);
      try {
        const { job } = await api.post<{ job: ExportJob }>(versionPaths.startExport(projectId, versionId), {
          format,
          ...(channelName ? { channelName } : {}),
        });
        setJobs((list) => [job, ...(list ?? []).filter((j) => j.id !== job.id)]);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [projectId],
  );

  const remove = useCallback(
    async (jobId: string) => {
      setError(null);
      try {
        await api.request('DELETE', `${versionPaths.exports(projectId)}/${encodeURIComponent(jobId)}`);
        setJobs((list) => (list ?? []).filter((j) => j.id !== jobId));
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [projectId],
  );

  return { jobs, error, start, remove };
}
