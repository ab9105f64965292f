import { metaData } from '@cornerstonejs/core';
import { fitsLabelType, type LabelType } from '@voxelhub/core/annotation';
import { useEffect, useRef, useState } from 'react';
import { box3dSlices } from '../../annotations/cornerstone/box3d-mapping.js';
import { api } from '../../api/api-client.js';
import type { Label, Project } from '../../api/api-types.js';
import { registerFrameMetadata, setUpCornerstone } from '../cornerstone-setup.js';
import { stringValue, TAG } from '../dicom-json.js';
import type { SeriesFrame } from '../series-image-ids.js';
import type { StackViewerHandle } from '../stack-viewer.js';
import { AnnotationLayer } from './annotation-layer.js';
import { type AnnotationPlace, annotationPlaceOf } from './annotation-place.js';
import { type AnnotationSession, openAnnotationSession } from './annotation-session.js';
import { type AnnotationAction, annotationActionFor, type KeyPress } from './annotation-shortcuts.js';
import { addAnnotationTools, setDrawTool } from './annotation-tools.js';
import { DEFAULT_TOOL_OF_LABEL_TYPE, type DrawToolId, drawToolById } from './draw-tools.js';
import { type FramePlane, geometryOfFrames } from './frame-geometry.js';
import { loadSeriesImageIds } from './series-images.js';

export interface ViewerAnnotationsInput {
  readonly projectId: string;
  /** The DICOM series shown, or the stored image (NIfTI, PNG, JPEG) whose slices are shown. */
  readonly shows: { readonly seriesUid: string } | { readonly imageId: string };
  /** Show only this author's annotations (the address's `?author=`); undefined shows everyone's. */
  readonly authorId?: string;
  /** The frames in stack order, once loaded; null while loading. */
  readonly frames: readonly SeriesFrame[] | null;
  readonly cine: boolean;
  /** The open stack viewer (null while it opens, and in MPR). */
  readonly viewer: StackViewerHandle | null;
  /** Gives the left button back to the current navigation mode (window/level, zoom or pan). */
  readonly restoreMouseMode: () => void;
  /** A drawing tool is about to take the left button (a mask brush puts itself down). */
  readonly onDrawTool?: () => void;
  /** A mask label was picked (1–9 or a click): the mask editor takes it up. */
  readonly onMaskLabel?: (label: Label) => void;
  /** Before undo or redo: work not yet in the history (a mask stroke of the last second) gets there. */
  readonly beforeHistory?: () => Promise<void>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function placeOf(
  input: ViewerAnnotationsInput,
  frames: readonly SeriesFrame[],
): Promise<AnnotationPlace> {
  await setUpCornerstone();
  registerFrameMetadata(frames);
  const planes = frames.map((f) => metaData.get('imagePlaneModule', f.imageId) as FramePlane);
  const sops = frames.map((f) => stringValue(f.instance, TAG.SOPInstanceUID) ?? '');
  const displayGeometry = geometryOfFrames(planes, input.cine);
  const geometry = frames[0]?.storedGeometry ?? displayGeometry;
  const { shows } = input;
  if ('imageId' in shows) {
    const ids = { seriesId: '', imageIdBySop: new Map<string, string>() };
    return annotationPlaceOf({ sops, ids, geometry, displayGeometry, wholeImageId: shows.imageId });
  }
  const ids = await loadSeriesImageIds(input.projectId, shows.seriesUid);
  return annotationPlaceOf({ sops, ids, geometry });
}

/**
 * The viewer's annotation state: the project's labels and the caller's role, the annotation session of the
 * series (kept across MPR switches), the Cornerstone layer of the open stack viewer, the picked label and
 * drawing tool, the selection, and the annotation keys.
 */
export function useViewerAnnotations(input: ViewerAnnotationsInput) {
  const { projectId, frames, viewer, authorId } = input;
  const [project, setProject] = useState<Project | null>(null);
  const [place, setPlace] = useState<AnnotationPlace | null>(null);
  const [session, setSession] = useState<AnnotationSession | null>(null);
  const [labelId, setLabelId] = useState<string | undefined>(undefined);
  const [tool, setTool] = useState<DrawToolId | null>(null);
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const layer = useRef<AnnotationLayer | null>(null);
  const latest = useRef({ labels: [] as readonly Label[], labelId, tool });
  latest.current = { labels: project?.labels ?? [], labelId, tool };
  const inputRef = useRef(input);
  inputRef.current = input;
  const readOnly = project?.role === 'viewer';

  useEffect(() => {
    let cancelled = false;
    api
      .get<Project>(`/api/projects/${encodeURIComponent(projectId)}`)
      .then((p) => {
        if (cancelled) return;
        setProject(p);
        setLabelId((current) => current ?? p.labels[0]?.id);
      })
      .catch(
        (error: unknown) => !cancelled && setProblem(`The project could not be read: ${errorText(error)}`),
      );
    return () => {
      cancelled = true;
    };
  }, [projectId]);

  // One session per series and author filter: it outlives the stack viewer, which MPR closes and reopens.
  useEffect(() => {
    if (!frames) return;
    let cancelled = false;
    let opened: AnnotationSession | null = null;
    setPlace(null);
    setSession(null);
    placeOf(inputRef.current, frames)
      .then((p) => {
        if (cancelled) return;
        opened = openAnnotationSession(projectId, p, authorId);
        opened.loaded.catch((error: unknown) =>
          setProblem(`Annotations could not be loaded: ${errorText(error)}`),
        );
        setPlace(p);
        setSession(opened);
      })
      .catch(
        (error: unknown) => !cancelled && setProblem(`Annotating is not available here: ${errorText(error)}`),
      );
    return () => {
      cancelled = true;
      opened?.close();
    };
  }, [projectId, frames, authorId]);

  useEffect(() => {
    if (!viewer || !session || !place || !project) return;
    addAnnotationTools(viewer.toolGroup);
    const opened = new AnnotationLayer({
      element: viewer.viewport.element as HTMLDivElement,
      viewport: viewer.viewport,
      imageIds: (frames ?? []).map((f) => f.imageId),
      place,
      store: session.store,
      history: session.history,
      labels: () => latest.current.labels,
      currentLabelId: () => latest.current.labelId,
      currentTool: () => (latest.current.tool ? drawToolById(latest.current.tool) : null),
      readOnly: project.role === 'viewer',
      onSelectionChange: setSelected,
      onProblem: setProblem,
    });
    layer.current = opened;
    const current = latest.current.tool;
    if (current) setDrawTool(viewer.toolGroup, drawToolById(current));
    return () => {
      opened.destroy();
      layer.current = null;
    };
  }, [viewer, session, place, project, frames]);

  const pickTool = (id: DrawToolId | null) => {
    setProblem(null);
    setTool(id);
    if (!viewer) return;
    if (id) inputRef.current.onDrawTool?.();
    if (id) setDrawTool(viewer.toolGroup, drawToolById(id));
    else {
      setDrawTool(viewer.toolGroup, null);
      inputRef.current.restoreMouseMode();
    }
  };

  /** Picks a label; a drawing tool that does not fit it gives way to the label's usual tool. */
  const pickLabel = (id: string) => {
    const label = project?.labels.find((l) => l.id === id);
    if (!label) return;
    setLabelId(id);
    setProblem(null);
    const type = label.type as LabelType;
    if (type === 'mask') {
      if (tool) pickTool(null);
      inputRef.current.onMaskLabel?.(label);
      return;
    }
    if (tool && fitsLabelType(drawToolById(tool).annotationType, type)) return;
    pickTool(DEFAULT_TOOL_OF_LABEL_TYPE[type] ?? null);
  };

  /** Undo and redo wait for work on its way into the history, so that they step over it too. */
  const inHistoryOrder = async (step: () => void) => {
    await inputRef.current.beforeHistory?.().catch(() => undefined);
    step();
  };

  const goToEntry = (key: string) => {
    const entry = session?.store.get(key);
    if (!entry || !place || !viewer) return;
    const { payload } = entry.content;
    const k = payload.type === 'box3d' ? box3dSlices(payload).first : place.stackIndexOf(payload.imageRef);
    if (k !== undefined) viewer.goTo(k);
    layer.current?.select(key);
  };

  const perform = (action: AnnotationAction): boolean => {
    const history = session?.history;
    switch (action.kind) {
      case 'pick-label': {
        const label = project?.labels[action.index];
        if (!label) return false;
        pickLabel(label.id);
        return true;
      }
      case 'tool': {
        if (readOnly) return false;
        const wanted = drawToolById(action.tool);
        const label = project?.labels.find((l) => l.id === labelId);
        if (!label || !fitsLabelType(wanted.annotationType, label.type as LabelType)) {
          const fitting = project?.labels.find((l) =>
            fitsLabelType(wanted.annotationType, l.type as LabelType),
          );
          if (!fitting) {
            setProblem(
              `No label of this project takes a ${wanted.title.toLowerCase()}: add one on the project page.`,
            );
            return true;
          }
          setLabelId(fitting.id);
        }
        pickTool(action.tool);
        return true;
      }
      case 'stop-drawing':
        if (tool) pickTool(null);
        layer.current?.clearSelection();
        return true;
      case 'delete':
        return layer.current?.deleteSelected() ?? false;
      case 'undo':
      case 'redo':
        if (!history) return false;
        void inHistoryOrder(() => (action.kind === 'undo' ? history.undo() : history.redo()));
        return true;
      case 'box-end': {
        const box = selected.find((key) => session?.store.get(key)?.content.payload.type === 'box3d');
        return box ? (layer.current?.setBoxEnd(box, action.end) ?? false) : false;
      }
    }
  };

  return {
    project,
    labels: project?.labels ?? [],
    place,
    session,
    labelId,
    tool,
    selected,
    problem,
    readOnly,
    pickLabel,
    pickTool,
    goToEntry,
    deleteEntry: (key: string) => session?.history.delete(key),
    setBoxEnd: (key: string, end: 'first' | 'last') => layer.current?.setBoxEnd(key, end),
    /** Handles an annotation key; false when the key is not one. */
    handleKey: (event: KeyPress) => {
      const action = annotationActionFor(event);
      return action ? perform(action) : false;
    },
    undo: () => session && void inHistoryOrder(() => session.history.undo()),
    redo: () => session && void inHistoryOrder(() => session.history.redo()),
  };
}

export type ViewerAnnotations = ReturnType<typeof useViewerAnnotations>;
