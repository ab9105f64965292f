import { cache, utilities as coreUtilities, eventTarget, imageLoader } from '@cornerstonejs/core';
import { segmentation, Enums as ToolEnums } from '@cornerstonejs/tools';
import type { Segment } from '@voxelhub/core/annotation';
import { fillHoles, interpolateBetweenSlices, type LabelMap } from '@voxelhub/core/segmentation';
import type { ImageGeometry } from '../../annotations/cornerstone/core-geometry.js';
import type { SeriesFrame } from '../series-image-ids.js';
import type { StackViewerHandle } from '../stack-viewer.js';
import { BrushTools, type SegmentationTool, type ThresholdRange } from './brush-tools.js';
import { EditorStateStore, INITIAL_EDITOR_STATE, type SegmentationEditorState } from './editor-state.js';
import { countLabelmapVoxels, readLabelMap, writeLabelMap } from './labelmap-images.js';
import { labelMapMismatch } from './labelmap-slices.js';
import {
  MAX_SEGMENT_INDEX,
  nextSegmentIndex,
  paletteColour,
  rgbaOfHex,
  withSegments,
} from './segment-list.js';

const { SegmentationRepresentations, Events: ToolEvents } = ToolEnums;

/** `voxels`: a stroke or an operation changed the mask; `segments`: the segment list or a segment changed. */
export type SegmentationChange = 'voxels' | 'segments';

export interface SegmentationEditorOptions {
  readonly viewer: Pick<StackViewerHandle, 'viewport' | 'toolGroup'>;
  /** The stack's frames, in stack order (k of the label map). */
  readonly frames: readonly SeriesFrame[];
  /** The stack's voxel grid: dims are columns, rows and frames. */
  readonly geometry: ImageGeometry;
  /** Hears the user's edits (strokes, operations, segment changes), not loadLabelMap or setSegments. */
  readonly onChange: (change: SegmentationChange) => void;
}

export interface NewSegment {
  readonly labelId: string;
  readonly name: string;
  /** `#rrggbb`; the palette colour of its value when left out. */
  readonly colour?: string;
}

export interface SegmentationEditor {
  readonly segmentationId: string;
  /** Whether the stack makes a volume: the sphere brush needs one (a CT or MR series does). */
  readonly canUseSphere: boolean;
  /** The panel's view of the editor (stable until the next change) and its change feed. */
  getState(): SegmentationEditorState;
  subscribe(listener: () => void): () => void;
  readonly tool: SegmentationTool | null;
  /** Gives the left button to a brush; null hands it back to the tool that had it before. */
  setTool(tool: SegmentationTool | null): void;
  setBrushSize(radiusMm: number): void;
  /** In image values (HU on CT). */
  setThreshold(range: ThresholdRange): void;
  segments(): readonly Segment[];
  readonly activeSegment: number | undefined;
  /** Adds a segment at the lowest free value and makes it active; returns that value. */
  addSegment(segment: NewSegment): number;
  updateSegment(index: number, change: Partial<Omit<Segment, 'index'>>): void;
  setActiveSegment(index: number): void;
  /** Drops the segment and clears its voxels. */
  removeSegment(index: number): void;
  setFillOpacity(alpha: number): void;
  setOutlineOpacity(alpha: number): void;
  setOutlineWidth(pixels: number): void;
  /** Fills the holes of the active segment, slice by slice or in 3D; answers the voxels filled. */
  fillHoles(mode: '2d' | '3d'): Promise<number>;
  /** Fills the active segment between the slices drawn on; answers the voxels filled. */
  interpolate(): Promise<number>;
  /** A copy of the whole mask, slice k = stack image k. */
  toLabelMap(): LabelMap;
  /** Replaces the mask (and the segments, when given) without calling onChange. */
  loadLabelMap(map: LabelMap, segments?: readonly Segment[]): void;
  /** Replaces the segment list without calling onChange (a saved version's names and colours). */
  setSegments(segments: readonly Segment[]): void;
  /** Voxels per segment value (absent: none). */
  voxelCounts(): Map<number, number>;
  destroy(): void;
}

const BRUSH_RADIUS_MM = { min: 0.5, max: 100 };
const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let nextId = 0;

/**
 * Stack segmentation on an open StackViewport: one 8-bit labelmap image per stack image, painted with
 * Cornerstone's BrushTool. The sphere brush works on the stack as it is: its strategy builds a labelmap
 * volume over the same images (getOrCreateSegmentationVolume), whose writes land in them — which needs
 * the slices to make a volume (`canUseSphere`). Core's operations run on a LabelMap read out of the
 * images and written back slice by slice.
 */
export function openSegmentationEditor(options: SegmentationEditorOptions): SegmentationEditor {
  const { viewport, toolGroup } = options.viewer;
  const [columns, rows] = options.geometry.dims;
  const segmentationId = `voxelhub-segmentation-${++nextId}`;
  const imageIds = options.frames.map((f) => f.imageId);
  const canUseSphere = coreUtilities.isValidVolume(imageIds);
  const labelmapIds = imageLoader.createAndCacheDerivedLabelmapImages(imageIds).map((image) => image.imageId);
  segmentation.addSegmentations([
    {
      segmentationId,
      representation: { type: SegmentationRepresentations.Labelmap, data: { imageIds: labelmapIds } },
      config: { label: 'Voxelhub mask', segments: {} },
    },
  ]);
  segmentation.addLabelmapRepresentationToViewport(viewport.id, [{ segmentationId }]);

  const store = new EditorStateStore(INITIAL_EDITOR_STATE);
  const state = store.get;
  const brushes = new BrushTools(toolGroup, state().brushRadiusMm);
  /** Set while the editor writes the images itself, so its own writes are not taken for strokes. */
  let writing = false;

  const toLabelMap = () => readLabelMap(labelmapIds, columns, rows);
  const write = (map: LabelMap) => {
    writing = true;
    try {
      writeLabelMap(labelmapIds, map);
      segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(segmentationId);
    } finally {
      writing = false;
    }
    store.touchMask();
    viewport.render();
  };

  /** Sets the segments and mirrors them into Cornerstone: names, locks, colours, the active one. */
  const showSegments = (next: readonly Segment[], wantedActive = state().activeSegment) => {
    const { segments, active } = withSegments(next, wantedActive);
    const entries = segments.map((s) => [
      s.index,
      { segmentIndex: s.index, label: s.name, locked: s.locked, active: s.index === active, cachedStats: {} },
    ]);
    segmentation.updateSegmentations([
      { segmentationId, payload: { segments: Object.fromEntries(entries) } },
    ]);
    for (const s of segments) {
      segmentation.segmentLocking.setSegmentIndexLocked(segmentationId, s.index, s.locked);
      segmentation.config.color.setSegmentIndexColor(
        viewport.id,
        segmentationId,
        s.index,
        rgbaOfHex(s.colour),
      );
    }
    if (active !== undefined) segmentation.segmentIndex.setActiveSegmentIndex(segmentationId, active);
    store.set({ segments, activeSegment: active });
    viewport.render();
  };

  const setStyle = (
    change: Partial<Pick<SegmentationEditorState, 'fillOpacity' | 'outlineOpacity' | 'outlineWidth'>>,
  ) => {
    store.set(change);
    const { fillOpacity, outlineOpacity, outlineWidth } = state();
    segmentation.config.style.setStyle(
      { type: SegmentationRepresentations.Labelmap, viewportId: viewport.id, segmentationId },
      {
        renderFill: true,
        renderOutline: true,
        fillAlpha: fillOpacity,
        fillAlphaInactive: fillOpacity,
        outlineOpacity,
        outlineOpacityInactive: outlineOpacity,
        outlineWidth,
        outlineWidthInactive: outlineWidth,
      },
      true,
    );
    viewport.render();
  };
  setStyle({});

  const onDataModified = (event: Event) => {
    const detail = (event as CustomEvent<{ segmentationId?: string }>).detail;
    if (writing || detail?.segmentationId !== segmentationId) return;
    store.touchMask();
    options.onChange('voxels');
  };
  eventTarget.addEventListener(ToolEvents.SEGMENTATION_DATA_MODIFIED, onDataModified);

  const segmentAt = (index: number) => {
    const found = state().segments.find((s) => s.index === index);
    if (!found) throw new Error(`no segment ${index}`);
    return found;
  };
  const editSegments = (next: readonly Segment[], active?: number) => {
    showSegments(next, active);
    options.onChange('segments');
  };

  /**
   * Runs one of core's in-place operations on the active segment, after the browser has painted the
   * busy state (the operation blocks the page for a moment on a large series).
   */
  const operate = async (
    busy: 'fill-holes' | 'interpolate',
    op: (map: LabelMap, segment: number) => number,
  ) => {
    const segment = state().activeSegment;
    if (segment === undefined || state().busy) return 0;
    store.set({ busy, error: null });
    try {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const map = toLabelMap();
      const changed = op(map, segment);
      if (changed > 0) {
        write(map);
        options.onChange('voxels');
      }
      return changed;
    } catch (error) {
      store.set({ error: messageOf(error) });
      throw error;
    } finally {
      store.set({ busy: null });
    }
  };

  return {
    segmentationId,
    canUseSphere,
    getState: state,
    subscribe: store.subscribe,
    get tool() {
      return state().tool;
    },
    setTool: (tool) => {
      if (tool === 'sphere' && !canUseSphere)
        throw new Error('the sphere brush needs slices that make a volume');
      brushes.use(tool);
      store.set({ tool });
    },
    setBrushSize: (radiusMm) => {
      const brushRadiusMm = clamp(radiusMm, BRUSH_RADIUS_MM.min, BRUSH_RADIUS_MM.max);
      brushes.setRadius(brushRadiusMm);
      store.set({ brushRadiusMm });
    },
    setThreshold: (range) => {
      const threshold = {
        lower: Math.min(range.lower, range.upper),
        upper: Math.max(range.lower, range.upper),
      };
      brushes.setThreshold(threshold);
      store.set({ threshold });
    },
    segments: () => state().segments,
    get activeSegment() {
      return state().activeSegment;
    },
    addSegment: (input) => {
      const index = nextSegmentIndex(state().segments);
      if (index === undefined) throw new Error(`a mask holds at most ${MAX_SEGMENT_INDEX} segments`);
      const colour = input.colour ?? paletteColour(index);
      editSegments(
        [...state().segments, { index, labelId: input.labelId, name: input.name, colour, locked: false }],
        index,
      );
      return index;
    },
    updateSegment: (index, change) => {
      const updated = { ...segmentAt(index), ...change, index };
      editSegments(state().segments.map((s) => (s.index === index ? updated : s)));
    },
    setActiveSegment: (index) => {
      segmentAt(index);
      showSegments(state().segments, index);
    },
    removeSegment: (index) => {
      segmentAt(index);
      const map = toLabelMap();
      let cleared = false;
      map.voxels.forEach((v, i) => {
        if (v === index) {
          map.voxels[i] = 0;
          cleared = true;
        }
      });
      segmentation.segmentLocking.setSegmentIndexLocked(segmentationId, index, false);
      if (cleared) write(map);
      editSegments(state().segments.filter((s) => s.index !== index));
    },
    setFillOpacity: (alpha) => setStyle({ fillOpacity: clamp(alpha, 0, 1) }),
    setOutlineOpacity: (alpha) => setStyle({ outlineOpacity: clamp(alpha, 0, 1) }),
    setOutlineWidth: (pixels) => setStyle({ outlineWidth: clamp(pixels, 0, 10) }),
    fillHoles: (mode) => operate('fill-holes', (map, segment) => fillHoles(map, segment, { mode })),
    interpolate: () =>
      operate('interpolate', (map, segment) => interpolateBetweenSlices(map, segment).voxels),
    toLabelMap,
    loadLabelMap: (map, segments) => {
      const problem = labelMapMismatch(map, columns, rows, labelmapIds.length);
      if (problem) throw new Error(`cannot show this mask on the series: ${problem}`);
      if (segments) showSegments(segments);
      write(map);
    },
    setSegments: (segments) => showSegments(segments),
    voxelCounts: () => countLabelmapVoxels(labelmapIds),
    destroy: () => {
      eventTarget.removeEventListener(ToolEvents.SEGMENTATION_DATA_MODIFIED, onDataModified);
      brushes.dispose();
      segmentation.removeSegmentation(segmentationId);
      // The sphere brush's labelmap volume over the same images, if it made one.
      const volumeId = cache.generateVolumeId(labelmapIds);
      if (cache.getVolume(volumeId)) cache.removeVolumeLoadObject(volumeId);
      for (const id of labelmapIds) cache.removeImageLoadObject(id, { force: true });
    },
  };
}
