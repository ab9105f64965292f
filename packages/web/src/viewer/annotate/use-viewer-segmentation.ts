import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/api-client.js';
import type { Label } from '../../api/api-types.js';
import { createApiBlobs } from '../segmentation/annotation-blobs.js';
import { findLabelMapEntry } from '../segmentation/label-map-payload.js';
import { openSegmentationEditor, type SegmentationEditor } from '../segmentation/segmentation-editor.js';
import { SegmentationSync, type SegmentationSyncStatus } from '../segmentation/segmentation-sync.js';
import type { SeriesFrame } from '../series-image-ids.js';
import type { StackViewerHandle } from '../stack-viewer.js';
import type { AnnotationPlace } from './annotation-place.js';
import type { AnnotationSession } from './annotation-session.js';

export interface ViewerSegmentationInput {
  readonly projectId: string;
  readonly viewer: StackViewerHandle | null;
  readonly session: AnnotationSession | null;
  readonly place: AnnotationPlace | null;
  readonly frames: readonly SeriesFrame[] | null;
  readonly labels: readonly Label[];
  /** The picked label; a new mask gets it when it is a mask label. */
  readonly labelId: string | undefined;
  readonly readOnly: boolean;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The mask editor of the open stack viewer and the sync that saves its label map (one per series, as a
 * NIfTI blob named by a segmentation annotation). Open while the project has mask labels and the user may
 * annotate; it leaves before the viewer's tools go (the viewer's beforeDestroy), saving what is pending.
 */
export function useViewerSegmentation(input: ViewerSegmentationInput) {
  const { projectId, viewer, session, place, frames, readOnly } = input;
  const [editor, setEditor] = useState<SegmentationEditor | null>(null);
  const [status, setStatus] = useState<SegmentationSyncStatus | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const sync = useRef<SegmentationSync | null>(null);
  const latest = useRef(input);
  latest.current = input;
  const hasMaskLabels = input.labels.some((l) => l.type === 'mask');

  useEffect(() => {
    if (!viewer || !session || !place || !frames || !hasMaskLabels || readOnly) return;
    let closed = false;
    let opened: SegmentationEditor | null = null;
    let synced: SegmentationSync | null = null;
    const close = () => {
      if (closed) return;
      closed = true;
      // Starts the pending upload now (it reads the label map at once), then lets the sync go.
      const pending = synced;
      if (pending) void pending.flush().finally(() => pending.dispose());
      opened?.destroy();
      sync.current = null;
      setEditor(null);
    };
    const open = () => {
      if (closed) return;
      try {
        const imageId = place.imageRefAt(0).imageId;
        opened = openSegmentationEditor({
          viewer,
          frames,
          geometry: place.displayGeometry,
          onChange: () => synced?.edited(),
        });
        const existing = findLabelMapEntry(session.store.getSnapshot().entries, imageId)?.key;
        synced = new SegmentationSync({
          editor: opened,
          store: session.store,
          history: session.history,
          blobs: createApiBlobs(api, projectId),
          geometry: place.displayGeometry,
          ...(place.geometry !== place.displayGeometry ? { storedGeometry: place.geometry } : {}),
          target: place.target,
          imageId,
          labelIdForNew: () => {
            const { labels, labelId } = latest.current;
            const picked = labels.find((l) => l.id === labelId && l.type === 'mask');
            return (picked ?? labels.find((l) => l.type === 'mask'))!.id;
          },
          ...(existing ? { key: existing } : {}),
          onStatus: setStatus,
        });
        sync.current = synced;
        viewer.beforeDestroy(close);
        setEditor(opened);
        synced
          .start()
          .catch((error: unknown) => setProblem(`The saved mask could not be loaded: ${errorText(error)}`));
      } catch (error) {
        setProblem(`The mask editor could not start: ${errorText(error)}`);
        close();
      }
    };
    // The series' saved mask must be in the store first, so that strokes continue it.
    session.loaded.then(open, open);
    return close;
  }, [projectId, viewer, session, place, frames, hasMaskLabels, readOnly]);

  return {
    editor,
    status,
    problem,
    /** Saves a stroke of the last second before undo or redo, so that it is part of the history. */
    flush: () => sync.current?.flush() ?? Promise.resolve(),
  };
}
