import { type ExportState, versionPaths } from './versions-api.js';

/** How far an export is, from 0 to 1; null while its size is not known yet (queued). */
export function progressShare(progress: {
  readonly done: number;
  readonly total: number | null;
}): number | null {
  if (progress.total === null || progress.total <= 0) return null;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

/** A size for people: bytes, KB, MB or GB (powers of 1024), three significant digits. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toPrecision(3)} ${units[unit]}`;
}

export interface ExportWatch {
  progress(done: number, total: number | null): void;
  /** The export ended ('done' or 'failed'); the stream is closed. */
  end(state: Extract<ExportState, 'done' | 'failed'>): void;
}

/**
 * Follows an export's Server-Sent Events (GET …/exports/:jobId/events): progress as it comes, then the
 * end. The browser reconnects a dropped stream by itself; the returned function closes it.
 */
export function watchExport(projectId: string, jobId: string, watch: ExportWatch): () => void {
  const source = new EventSource(versionPaths.exportEvents(projectId, jobId));
  source.addEventListener('progress', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { done: number; total: number | null };
    watch.progress(data.done, data.total);
  });
  for (const state of ['done', 'failed'] as const)
    source.addEventListener(state, () => {
      source.close();
      watch.end(state);
    });
  return () => source.close();
}
