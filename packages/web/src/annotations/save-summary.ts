import type { AnnotationEntry } from './annotation-entry.js';

/** Counts for the "unsaved changes" indicator. */
export interface SaveSummary {
  readonly pending: number;
  readonly saving: number;
  readonly unsaved: number;
  readonly conflicted: number;
  readonly rejected: number;
  /** Anything the server does not hold yet: warn before leaving the page while true. */
  readonly hasUnsavedChanges: boolean;
}

export function summarizeSaves(entries: Iterable<AnnotationEntry>): SaveSummary {
  const counts = { pending: 0, saving: 0, unsaved: 0, conflicted: 0, rejected: 0 };
  for (const entry of entries) {
    if (entry.status === 'pending') counts.pending++;
    else if (entry.status === 'saving') counts.saving++;
    else if (entry.status === 'unsaved') counts.unsaved++;
    else if (entry.status === 'conflict') counts.conflicted++;
    else if (entry.status === 'rejected') counts.rejected++;
  }
  const total = counts.pending + counts.saving + counts.unsaved + counts.conflicted + counts.rejected;
  return { ...counts, hasUnsavedChanges: total > 0 };
}
