import type { DatasetLayoutKind } from '@voxelhub/core/export';
import type { FolderFile } from './folder-files.js';

/** POST /api/projects/:projectId/dataset-imports answers 202 with the job to follow. */
export interface DatasetImportAccepted {
  readonly jobId: string;
  readonly statusUrl: string;
  readonly eventsUrl: string;
  /** GET it for the import's state and, once done, its report. */
  readonly reportUrl?: string;
}

export function datasetImportUrl(projectId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/dataset-imports`;
}

/**
 * The multipart body: the layout first (the server knows it before the files stream in), then one part
 * per file whose filename is its path in the folder. The parts hold the File objects themselves, so the
 * browser streams them from disk: the body is never built in memory.
 */
export function datasetImportForm(
  files: readonly FolderFile[],
  layout: DatasetLayoutKind | 'auto',
): FormData {
  const form = new FormData();
  form.append('layout', layout);
  for (const { path, file } of files) form.append('file', file, path);
  return form;
}
