import type { ReactNode } from 'react';
import type { AnnotationEntry } from '../../annotations/annotation-entry.js';
import { useAnnotationStore } from '../../annotations/use-annotation-store.js';
import { AnnotationSidebar } from './AnnotationSidebar.js';
import type { AnnotationPlace } from './annotation-place.js';
import type { AnnotationSession } from './annotation-session.js';
import type { ViewerAnnotations } from './use-viewer-annotations.js';

const PANEL_TYPES = new Set(['classification', 'segmentation', 'frameRange']);

/** The drawn annotations of this series the list shows: planar shapes on its frames and 3D boxes. */
export function drawnEntries(entries: readonly AnnotationEntry[], place: AnnotationPlace): AnnotationEntry[] {
  return entries.filter(({ content: { deleted, payload } }) => {
    if (deleted || PANEL_TYPES.has(payload.type)) return false;
    return payload.type === 'box3d' || place.stackIndexOf(payload.imageRef) !== undefined;
  });
}

/** The side panel once the series' annotation session is open; `children` get the store's live entries. */
export function ViewerAnnotationPanel({
  projectId,
  annotations,
  session,
  place,
  banner,
  children,
}: {
  readonly projectId: string;
  readonly annotations: ViewerAnnotations;
  readonly session: AnnotationSession;
  readonly place: AnnotationPlace;
  /** Over the panel: whose annotations are shown when not everyone's. */
  readonly banner?: ReactNode;
  readonly children?: (entries: readonly AnnotationEntry[]) => ReactNode;
}) {
  const snapshot = useAnnotationStore(session.store);
  const a = annotations;
  return (
    <AnnotationSidebar
      projectId={projectId}
      labels={a.labels}
      labelId={a.labelId}
      onPickLabel={a.pickLabel}
      tool={a.tool}
      onPickTool={a.pickTool}
      entries={drawnEntries(snapshot.entries, place)}
      place={place}
      selected={a.selected}
      onSelect={a.goToEntry}
      onDelete={a.deleteEntry}
      onBoxEnd={a.setBoxEnd}
      canUndo={session.history.canUndo}
      canRedo={session.history.canRedo}
      onUndo={a.undo}
      onRedo={a.redo}
      readOnly={a.readOnly}
      problem={a.problem}
      banner={banner}
    >
      {children?.(snapshot.entries)}
    </AnnotationSidebar>
  );
}
