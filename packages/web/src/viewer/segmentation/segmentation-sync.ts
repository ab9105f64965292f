import type { Segment } from '@voxelhub/core/annotation';
import {
  type LabelMap,
  labelMapFromNifti,
  labelMapOntoGrid,
  labelMapToNifti,
} from '@voxelhub/core/segmentation';
import { sameJson } from '../../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../../annotations/annotation-head.js';
import type { AnnotationHistory } from '../../annotations/annotation-history.js';
import type { AnnotationStore } from '../../annotations/annotation-store.js';
import type { ImageGeometry } from '../../annotations/cornerstone/core-geometry.js';
import { DEFAULT_RETRY_BACKOFF, type RetryBackoff, retryDelayMs } from '../../annotations/retry-backoff.js';
import type { AnnotationBlobs } from './annotation-blobs.js';
import { type LabelMapReference, labelMapPayload, labelMapReferenceOf } from './label-map-payload.js';
import type { SegmentationEditor } from './segmentation-editor.js';

/** The part of the editor the sync reads and writes. */
export type SyncedEditor = Pick<
  SegmentationEditor,
  'toLabelMap' | 'loadLabelMap' | 'setSegments' | 'segments'
>;

/**
 * - `idle`: the store has what the editor shows;
 * - `waiting`: edited, the debounced upload has not started;
 * - `uploading`: the mask is being encoded and sent;
 * - `loading`: another version (undo, redo, a conflict's resolution, a reload) is being fetched; editing
 *   now would be overwritten by it, so the panel disables the tools;
 * - `failed`: the last upload or download failed; uploads are retried with backoff.
 */
export type SegmentationSyncStatus =
  | { readonly kind: 'idle' | 'waiting' | 'uploading' | 'loading' }
  | { readonly kind: 'failed'; readonly message: string };

export interface SegmentationSyncOptions {
  readonly editor: SyncedEditor;
  readonly store: AnnotationStore;
  readonly history: AnnotationHistory;
  readonly blobs: AnnotationBlobs;
  /** The grid painted on: the stack's, slice k = stack image k. */
  readonly geometry: ImageGeometry;
  /**
   * The stored image's grid when the stack shows it reoriented (a NIfTI turned the right way up): the mask
   * is saved on it, so that its voxels line up with the image file's. Absent: saved on `geometry`.
   */
  readonly storedGeometry?: ImageGeometry;
  /** Where a new annotation goes (the series). */
  readonly target: AnnotationTarget;
  /** The image the payload's imageRef names. */
  readonly imageId: string;
  /** The label a new annotation takes: the mask label selected when the first edit is saved. */
  readonly labelIdForNew: () => string;
  /** The store key of an existing segmentation to edit (see findLabelMapEntry); absent: the first edit creates one. */
  readonly key?: string;
  /** Quiet time after the last edit before the mask is uploaded (default 1000 ms). */
  readonly debounceMs?: number;
  readonly retry?: RetryBackoff;
  readonly onStatus?: (status: SegmentationSyncStatus) => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps one label-map segmentation annotation and the editor in step. After each edit (debounced) the
 * mask is encoded as gzipped NIfTI, uploaded as a blob and the annotation's payload updated through the
 * history (created on the first edit), so each saved version is one undo step. Blobs are content-addressed,
 * so the payload's blobKey names the voxels exactly: when the store's payload comes to name another blob
 * (undo, redo, a conflict resolved, a reload), that blob is fetched and loaded into the editor, and an
 * upload started before such a change is dropped rather than written over it.
 */
export class SegmentationSync {
  readonly #options: SegmentationSyncOptions;
  readonly #debounceMs: number;
  readonly #unsubscribe: () => void;
  #key: string | null;
  /**
   * The saved version the editor shows, as last recorded or loaded (null: nothing saved yet, or the
   * annotation is deleted). Store changes are compared with this, not with the editor, whose unsaved
   * edits are not a change from elsewhere.
   */
  #shown: LabelMapReference | null = null;
  /** Bumped by each change from the store; work started under an older value is stale. */
  #externalVersion = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;
  #dirty = false;
  #failures = 0;
  #disposed = false;

  constructor(options: SegmentationSyncOptions) {
    this.#options = options;
    this.#debounceMs = options.debounceMs ?? 1000;
    this.#key = options.key ?? null;
    this.#unsubscribe = options.store.subscribe(({ key }) => {
      if (key === this.#key) this.#onStoreChange();
    });
  }

  /** The annotation's store key, once there is one. */
  get key(): string | null {
    return this.#key;
  }

  /** Loads the existing annotation's mask (when `key` was given); call once after constructing. */
  async start(): Promise<void> {
    this.#onStoreChange();
    await this.#loading;
  }

  /** The editor changed (its onChange): upload after the debounce. */
  edited(): void {
    if (this.#disposed) return;
    this.#dirty = true;
    this.#report({ kind: 'waiting' });
    this.#schedule(this.#debounceMs);
  }

  /** Uploads a pending edit now (before undo, or before leaving); resolves when it is in the store. */
  async flush(): Promise<void> {
    this.#clearTimer();
    while (this.#dirty || this.#saving) {
      if (!this.#saving) this.#startSave();
      const saving = this.#saving;
      await saving;
      if (this.#dirty && this.#failures > 0) return; // failed: the retry timer carries on
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#clearTimer();
    this.#unsubscribe();
  }

  // ---- saving --------------------------------------------------------------------------------------------

  #schedule(delayMs: number): void {
    this.#clearTimer();
    if (this.#disposed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#startSave();
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #startSave(): void {
    if (this.#saving || !this.#dirty || this.#disposed) return;
    this.#saving = this.#saveOnce().finally(() => {
      this.#saving = null;
      if (this.#dirty && this.#timer === null && this.#failures === 0) this.#startSave();
    });
  }

  async #saveOnce(): Promise<void> {
    const { editor, blobs, geometry } = this.#options;
    const segments = editor.segments();
    this.#dirty = false;
    // A payload names at least one segment; a mask with none has nothing to save yet.
    if (segments.length === 0) {
      this.#report({ kind: 'idle' });
      return;
    }
    const externalVersion = this.#externalVersion;
    this.#report({ kind: 'uploading' });
    try {
      const stored = this.#options.storedGeometry;
      const painted = editor.toLabelMap();
      const bytes = stored
        ? labelMapToNifti(labelMapOntoGrid(painted, geometry, stored), stored, { gzip: true })
        : labelMapToNifti(painted, geometry, { gzip: true });
      const { blobKey } = await blobs.upload(bytes);
      this.#failures = 0;
      // Undo, redo or a reload came while uploading: the store's version wins; later edits save again.
      if (externalVersion !== this.#externalVersion || this.#disposed) return;
      this.#record(blobKey, segments);
      if (!this.#dirty) this.#report({ kind: 'idle' });
    } catch (error) {
      this.#dirty = true;
      this.#failures++;
      this.#report({ kind: 'failed', message: messageOf(error) });
      this.#schedule(retryDelayMs(this.#options.retry ?? DEFAULT_RETRY_BACKOFF, this.#failures));
    }
  }

  /** Puts the uploaded blob into the annotation: one history step (a create the first time). */
  #record(blobKey: string, segments: readonly Segment[]): void {
    const { store, history, imageId, target } = this.#options;
    this.#shown = { blobKey, segments };
    const entry = this.#key === null ? undefined : store.get(this.#key);
    if (!entry) {
      const labelId = this.#options.labelIdForNew();
      this.#key = history.create({
        target,
        labelId,
        payload: labelMapPayload({ imageId, labelId, blobKey, segments }),
      });
      return;
    }
    const current = labelMapReferenceOf(entry.content.payload);
    if (!entry.content.deleted && current?.blobKey === blobKey && sameJson(current.segments, segments))
      return;
    const labelId = entry.content.labelId;
    history.update(entry.key, { payload: labelMapPayload({ imageId, labelId, blobKey, segments }) });
  }

  // ---- loading -------------------------------------------------------------------------------------------

  #loading: Promise<void> = Promise.resolve();

  /** The store's content for our key changed: show it, unless it is what the editor already shows. */
  #onStoreChange(): void {
    if (this.#key === null || this.#disposed) return;
    const entry = this.#options.store.get(this.#key);
    if (!entry) return;
    const reference = entry.content.deleted ? null : labelMapReferenceOf(entry.content.payload);
    if (reference === undefined) return; // not a label map (cannot happen for a key we made)
    const shown = this.#shown;
    if (reference === null ? shown === null : shown !== null && sameJson(reference, shown)) return;
    this.#externalVersion++;
    this.#dirty = false;
    this.#clearTimer();
    this.#shown = reference;
    if (reference && reference.blobKey === shown?.blobKey) {
      this.#options.editor.setSegments(reference.segments); // same voxels: only names or colours changed
      this.#loading = Promise.resolve();
      this.#report({ kind: 'idle' });
    } else {
      this.#loading = reference ? this.#load(reference) : Promise.resolve(this.#clear());
    }
  }

  async #load(reference: LabelMapReference): Promise<void> {
    const version = this.#externalVersion;
    this.#report({ kind: 'loading' });
    try {
      const bytes = await this.#options.blobs.download(reference.blobKey);
      if (version !== this.#externalVersion || this.#disposed) return;
      const saved = labelMapFromNifti(bytes);
      // A mask saved on another grid (the stored image's) is laid onto the one painted on.
      const map = sameGrid(saved.geometry, this.#options.geometry)
        ? saved.map
        : labelMapOntoGrid(saved.map, saved.geometry, this.#options.geometry);
      this.#options.editor.loadLabelMap(map, reference.segments);
      this.#report({ kind: 'idle' });
    } catch (error) {
      if (version === this.#externalVersion) this.#report({ kind: 'failed', message: messageOf(error) });
    }
  }

  /** The annotation was deleted (the undo of its creation): the editor shows no mask. */
  #clear(): void {
    const [nx, ny, nz] = this.#options.geometry.dims;
    const empty: LabelMap = { dims: [nx, ny, nz], voxels: new Uint8Array(nx * ny * nz) };
    this.#options.editor.loadLabelMap(empty);
    this.#report({ kind: 'idle' });
  }

  #report(status: SegmentationSyncStatus): void {
    this.#options.onStatus?.(status);
  }
}

/** Whether two grids are the same up to the float32 precision of a NIfTI header. */
function sameGrid(a: ImageGeometry, b: ImageGeometry): boolean {
  const close = (x: readonly number[], y: readonly number[], tolerance: number) =>
    x.length === y.length && x.every((v, n) => Math.abs(v - y[n]!) <= tolerance);
  return (
    close(a.dims, b.dims, 0) &&
    close(a.spacing, b.spacing, 1e-4) &&
    close(a.origin, b.origin, 1e-3) &&
    close(a.direction, b.direction, 1e-4)
  );
}
