import { eventTarget, type Types } from '@cornerstonejs/core';
import {
  annotation as csAnnotation,
  Enums as ToolEnums,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { AnnotationEntry } from '../../annotations/annotation-entry.js';
import type { AnnotationHistory } from '../../annotations/annotation-history.js';
import type { AnnotationStore } from '../../annotations/annotation-store.js';
import {
  type Box3dPayload,
  box3dCoversSlice,
  box3dFromCornerstone,
  box3dSlices,
  box3dToCornerstone,
  box3dWithSliceEnd,
} from '../../annotations/cornerstone/box3d-mapping.js';
import {
  asToolAnnotation,
  CORNERSTONE_TOOL,
  type CornerstoneToolAnnotation,
} from '../../annotations/cornerstone/cornerstone-annotation.js';
import { payloadFromCornerstone } from '../../annotations/cornerstone/cornerstone-to-payload.js';
import { cornerstoneFromPayload } from '../../annotations/cornerstone/payload-to-cornerstone.js';
import type { Label } from '../../api/api-types.js';
import type { AnnotationPlace } from './annotation-place.js';
import type { DrawTool } from './draw-tools.js';

const { Events, ChangeTypes } = ToolEnums;

export interface AnnotationLayerOptions {
  readonly element: HTMLDivElement;
  readonly viewport: Types.IStackViewport;
  /** Cornerstone's image id of each stack position. */
  readonly imageIds: readonly string[];
  readonly place: AnnotationPlace;
  readonly store: AnnotationStore;
  readonly history: AnnotationHistory;
  readonly labels: () => readonly Label[];
  /** The label a new annotation gets. */
  readonly currentLabelId: () => string | undefined;
  /** The drawing tool that has the left button (which says a closed contour's type, a box's dimension). */
  readonly currentTool: () => DrawTool | null;
  /** Viewers may look, not change: annotations are locked. */
  readonly readOnly: boolean;
  readonly onSelectionChange: (keys: readonly string[]) => void;
  /** Something the user did could not become an annotation (no label, a degenerate shape …). */
  readonly onProblem: (message: string) => void;
}

type Detail = { annotation?: ToolTypes.Annotation; changeType?: string; annotationUID?: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps Cornerstone3D's annotation state and the annotation store in step, both ways, for one stack
 * viewport. What the user draws or drags becomes a create or an update through the history (so it undoes
 * and saves); what the store changes (loading, undo, redo, taking the server's version) is drawn again.
 * `shown` remembers, per annotation, the payload Cornerstone shows, so that neither side echoes the other.
 *
 * The moves of one drag make one undo step (the merge key counts pointer releases). Region statistics are
 * computed by Cornerstone when it renders, after the move: an update that only brings new statistics joins
 * the step of the move that caused it, and statistics recomputed for an untouched annotation are not an edit.
 * A 3D box is one Cornerstone rectangle, moved to the slice in view while that slice is inside the box.
 */
export class AnnotationLayer {
  readonly #o: AnnotationLayerOptions;
  readonly #shown = new Map<string, string>();
  /** The slice a 3D box's rectangle is on, when it is shown. */
  readonly #boxAt = new Map<string, number>();
  /** Drawn, but waiting for Cornerstone's statistics before it can be saved. */
  readonly #awaitingStats = new Set<string>();
  /** Moved by the user; their next statistics belong to that move. */
  readonly #moved = new Map<string, string>();
  /** Removed from Cornerstone by this layer (its removal event is not a user's delete). */
  readonly #removing = new Set<string>();
  #gesture = 0;
  readonly #unsubscribe: () => void;
  readonly #listeners: [EventTarget, string, (event: Event) => void][] = [];

  constructor(options: AnnotationLayerOptions) {
    this.#o = options;
    this.#listen(eventTarget, Events.ANNOTATION_COMPLETED, (e) => this.#completed(e));
    this.#listen(eventTarget, Events.ANNOTATION_MODIFIED, (e) => this.#modified(e));
    this.#listen(eventTarget, Events.ANNOTATION_REMOVED, (e) => this.#removed(e));
    this.#listen(eventTarget, Events.ANNOTATION_SELECTION_CHANGE, () =>
      options.onSelectionChange(this.selectedKeys()),
    );
    this.#listen(options.element, 'pointerup', () => this.#gesture++);
    this.#listen(options.element, 'CORNERSTONE_STACK_NEW_IMAGE', () => this.#placeBoxes());
    this.#unsubscribe = options.store.subscribe(({ key }) => this.#reconcile(key));
    for (const entry of options.store.getSnapshot().entries) this.#reconcile(entry.key);
  }

  /** The selected annotations that this layer draws (store keys). */
  selectedKeys(): string[] {
    return csAnnotation.selection.getAnnotationsSelected().filter((uid) => this.#o.store.get(uid));
  }

  select(key: string): void {
    csAnnotation.selection.setAnnotationSelected(key, true, false);
    this.#o.viewport.render();
  }

  clearSelection(): void {
    csAnnotation.selection.deselectAnnotation();
    this.#o.viewport.render();
  }

  /** Deletes the selected annotations as one undo step; false when none is selected. */
  deleteSelected(): boolean {
    const keys = this.selectedKeys();
    if (keys.length === 0 || this.#o.readOnly) return false;
    this.#o.history.transact(() => {
      for (const key of keys) this.#o.history.delete(key);
    });
    return true;
  }

  /** Moves a 3D box's first or last slice to the slice in view. */
  setBoxEnd(key: string, end: 'first' | 'last'): boolean {
    const entry = this.#o.store.get(key);
    if (entry?.content.payload.type !== 'box3d' || this.#o.readOnly) return false;
    const k = this.#o.viewport.getCurrentImageIdIndex();
    const payload = box3dWithSliceEnd(entry.content.payload, this.#o.place.geometry, end, k);
    this.#o.history.update(key, { payload });
    return true;
  }

  destroy(): void {
    this.#unsubscribe();
    for (const [target, name, listener] of this.#listeners) target.removeEventListener(name, listener);
    for (const key of [...this.#shown.keys()]) this.#removeFromCornerstone(key);
  }

  // ---- Cornerstone → store -------------------------------------------------------------------------------

  #completed(event: Event): void {
    const annotation = this.#ours(event);
    if (!annotation?.annotationUID) return;
    if (this.#o.store.get(annotation.annotationUID)) this.#edited(annotation, ChangeTypes.HandlesUpdated);
    else this.#create(annotation);
  }

  #modified(event: Event): void {
    const annotation = this.#ours(event);
    const uid = annotation?.annotationUID;
    if (!annotation || !uid) return;
    const { changeType } = (event as CustomEvent<Detail>).detail;
    if (this.#awaitingStats.has(uid)) {
      if (changeType === ChangeTypes.StatsUpdated) this.#create(annotation);
      return;
    }
    if (this.#o.store.get(uid)) this.#edited(annotation, changeType);
  }

  #removed(event: Event): void {
    const uid = (event as CustomEvent<Detail>).detail.annotation?.annotationUID;
    if (!uid || this.#removing.has(uid)) return;
    this.#shown.delete(uid);
    this.#boxAt.delete(uid);
    const entry = this.#o.store.get(uid);
    if (entry && !entry.content.deleted && !this.#o.readOnly) this.#o.history.delete(uid);
  }

  #create(annotation: CornerstoneToolAnnotation): void {
    const uid = annotation.annotationUID!;
    const tool = this.#o.currentTool();
    const labelId = this.#o.currentLabelId();
    const label = this.#o.labels().find((l) => l.id === labelId);
    if (!tool || !label) {
      this.#discard(uid, 'Pick a label first (keys 1–9): every annotation answers a label of the schema.');
      return;
    }
    let payload: AnnotationPayload;
    try {
      payload = this.#payloadOf(annotation, {
        labelId: label.id,
        type: tool.annotationType,
        name: label.name,
      });
    } catch (error) {
      if (/statistics|cachedStats|not computed/i.test(errorText(error)) && !this.#awaitingStats.has(uid)) {
        this.#awaitingStats.add(uid); // Cornerstone computes them at its next render
        return;
      }
      this.#discard(uid, `That ${tool.title.toLowerCase()} could not be kept: ${errorText(error)}`);
      return;
    }
    this.#awaitingStats.delete(uid);
    annotation.data.voxelhub = {
      type: payload.type,
      labelId: label.id,
      imageRef: payload.imageRef,
    };
    this.#shown.set(uid, this.#shownOf(payload));
    if (payload.type === 'box3d') this.#boxAt.set(uid, this.#o.viewport.getCurrentImageIdIndex());
    this.#style(uid, label.id);
    this.#o.history.create({ target: this.#o.place.target, labelId: label.id, payload, key: uid });
  }

  #edited(annotation: CornerstoneToolAnnotation, changeType: string | undefined): void {
    const uid = annotation.annotationUID!;
    const entry = this.#o.store.get(uid)!;
    if (this.#o.readOnly || entry.content.deleted) return;
    let mergeKey: string;
    if (changeType === ChangeTypes.StatsUpdated) {
      const move = this.#moved.get(uid);
      if (!move) return; // recomputed on display, not changed by anyone
      this.#moved.delete(uid);
      mergeKey = move;
    } else {
      mergeKey = `${uid}:${this.#gesture}`;
      this.#moved.set(uid, mergeKey);
    }
    let payload: AnnotationPayload;
    try {
      payload = this.#payloadOf(annotation, {
        labelId: entry.content.labelId,
        current: entry.content.payload,
      });
    } catch {
      return; // e.g. statistics not there yet: the StatsUpdated event brings this edit
    }
    const json = this.#shownOf(payload);
    if (this.#shown.get(uid) === json) return;
    this.#shown.set(uid, json);
    this.#o.history.update(uid, { payload }, { mergeKey });
  }

  #payloadOf(
    annotation: CornerstoneToolAnnotation,
    context: {
      readonly labelId: string;
      readonly type?: AnnotationPayload['type'];
      readonly name?: string;
      readonly current?: AnnotationPayload;
    },
  ): AnnotationPayload {
    const k = this.#o.imageIds.indexOf(annotation.metadata.referencedImageId ?? '');
    if (k < 0) throw new Error('the annotation is not on an image of this series');
    const { geometry } = this.#o.place;
    const imageRef = this.#o.place.imageRefAt(k);
    if (annotation.metadata.toolName === CORNERSTONE_TOOL.box3d) {
      const current = context.current?.type === 'box3d' ? context.current : undefined;
      return box3dFromCornerstone(annotation, {
        geometry,
        imageId: current?.imageRef.imageId ?? imageRef.imageId,
        labelId: context.labelId,
        k,
        ...(current ? { slices: box3dSlices(current) } : {}),
      });
    }
    const current = context.current;
    return payloadFromCornerstone(annotation, {
      geometry,
      labelId: context.labelId,
      imageRef: current?.imageRef ?? imageRef,
      ...(context.type ? { type: context.type } : {}),
      ...(context.name ? { landmarkName: context.name } : {}),
      ...(current && 'concept' in current.data && current.data.concept
        ? { concept: current.data.concept }
        : {}),
    });
  }

  /**
   * What `shown` remembers of a payload: its JSON, and for a 3D box also the slice its rectangle is on
   * (the same box is drawn again when the slice changes, not when its save status does).
   */
  #shownOf(payload: AnnotationPayload): string {
    const json = JSON.stringify(payload);
    return payload.type === 'box3d' ? `${json}@${this.#o.viewport.getCurrentImageIdIndex()}` : json;
  }

  #discard(uid: string, message: string): void {
    this.#awaitingStats.delete(uid);
    this.#removeFromCornerstone(uid);
    this.#o.viewport.render();
    this.#o.onProblem(message);
  }

  // ---- store → Cornerstone -------------------------------------------------------------------------------

  #reconcile(key: string): void {
    const entry = this.#o.store.get(key);
    if (!entry) return;
    const payload = entry.content.deleted ? null : entry.content.payload;
    if (payload && !this.#draws(payload)) return;
    const json = payload ? JSON.stringify(payload) : null;
    if (payload?.type === 'box3d') {
      this.#placeBox(entry, payload);
      return;
    }
    if ((this.#shown.get(key) ?? null) === json) return;
    this.#removeFromCornerstone(key);
    if (payload) this.#addToCornerstone(entry, payload);
    this.#o.viewport.render();
  }

  /** Cornerstone draws the planar shapes of this series' frames (labels, masks and ranges have panels). */
  #draws(payload: AnnotationPayload): boolean {
    if (payload.type === 'box3d') return true;
    return this.#o.place.stackIndexOf(payload.imageRef) !== undefined && payload.type !== 'segmentation';
  }

  #addToCornerstone(entry: AnnotationEntry, payload: AnnotationPayload): void {
    const k = this.#o.place.stackIndexOf(payload.imageRef);
    if (k === undefined) return;
    const shape = cornerstoneFromPayload(payload, {
      geometry: this.#o.place.geometry,
      annotationUID: entry.key,
      referencedImageId: this.#o.imageIds[k]!,
      ...this.#frameOfReference(),
    });
    if (!shape) return;
    this.#add(shape, entry);
    this.#shown.set(entry.key, JSON.stringify(payload));
  }

  #placeBoxes(): void {
    for (const key of this.#boxAt.keys()) {
      const entry = this.#o.store.get(key);
      if (entry && !entry.content.deleted && entry.content.payload.type === 'box3d')
        this.#placeBox(entry, entry.content.payload);
    }
    for (const entry of this.#o.store.getSnapshot().entries)
      if (!this.#boxAt.has(entry.key) && !entry.content.deleted && entry.content.payload.type === 'box3d')
        this.#placeBox(entry, entry.content.payload);
  }

  /** Shows a 3D box's rectangle on the slice in view when the box covers it, else on no slice. */
  #placeBox(entry: AnnotationEntry, payload: Box3dPayload): void {
    const k = this.#o.viewport.getCurrentImageIdIndex();
    const json = this.#shownOf(payload);
    const covers = box3dCoversSlice(payload, k);
    if (this.#shown.get(entry.key) === json && covers) return;
    if (!covers && !this.#shown.has(entry.key)) {
      this.#boxAt.set(entry.key, -1);
      return;
    }
    this.#removeFromCornerstone(entry.key);
    this.#boxAt.set(entry.key, -1);
    if (covers) {
      const shape = box3dToCornerstone(payload, {
        geometry: this.#o.place.geometry,
        annotationUID: entry.key,
        k,
        referencedImageId: this.#o.imageIds[k]!,
      });
      this.#add(shape, entry);
      this.#shown.set(entry.key, json);
      this.#boxAt.set(entry.key, k);
    }
    this.#o.viewport.render();
  }

  #add(shape: CornerstoneToolAnnotation, entry: AnnotationEntry): void {
    const camera = this.#o.viewport.getCamera();
    const annotation = {
      ...shape,
      metadata: {
        ...shape.metadata,
        viewPlaneNormal: camera.viewPlaneNormal,
        viewUp: camera.viewUp,
        ...this.#frameOfReference(),
      },
      invalidated: true,
      highlighted: false,
      isLocked: this.#o.readOnly,
      isVisible: true,
    } as unknown as ToolTypes.Annotation;
    csAnnotation.state.addAnnotation(annotation, this.#o.element);
    if (this.#o.readOnly) csAnnotation.locking.setAnnotationLocked(entry.key, true);
    this.#style(entry.key, entry.content.labelId);
  }

  #frameOfReference(): { FrameOfReferenceUID?: string } {
    const uid = this.#o.viewport.getFrameOfReferenceUID();
    return uid ? { FrameOfReferenceUID: uid } : {};
  }

  #style(uid: string, labelId: string): void {
    const colour = this.#o.labels().find((l) => l.id === labelId)?.colour;
    if (colour)
      csAnnotation.config.style.setAnnotationStyles(uid, { color: colour, colorHighlighted: colour });
  }

  #removeFromCornerstone(key: string): void {
    this.#shown.delete(key);
    if (!csAnnotation.state.getAnnotation(key)) return;
    this.#removing.add(key);
    try {
      csAnnotation.state.removeAnnotation(key);
    } finally {
      this.#removing.delete(key);
    }
  }

  #ours(event: Event): CornerstoneToolAnnotation | undefined {
    const raw = (event as CustomEvent<Detail>).detail.annotation;
    const annotation = raw && asToolAnnotation(raw);
    if (!annotation) return undefined;
    return this.#o.imageIds.includes(annotation.metadata.referencedImageId ?? '') ? annotation : undefined;
  }

  #listen(target: EventTarget, name: string, listener: (event: Event) => void): void {
    target.addEventListener(name, listener);
    this.#listeners.push([target, name, listener]);
  }
}
