import type { Segment } from '@voxelhub/core/annotation';
import { type LabelMap, labelMapFromNifti } from '@voxelhub/core/segmentation';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationHistory } from '../../annotations/annotation-history.js';
import { AnnotationStore } from '../../annotations/annotation-store.js';
import { fromColumns, type ImageGeometry } from '../../annotations/cornerstone/core-geometry.js';
import { FakeAnnotationServer } from '../../annotations/fake-annotation-server.js';
import { TARGET } from '../../annotations/test-annotations.js';
import type { AnnotationBlobs } from './annotation-blobs.js';
import { labelMapReferenceOf } from './label-map-payload.js';
import { SegmentationSync, type SegmentationSyncStatus, type SyncedEditor } from './segmentation-sync.js';

const GEOMETRY: ImageGeometry = {
  dims: [4, 3, 2],
  spacing: [0.5, 0.5, 2],
  origin: [-10, 20, 30],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const VOXELS = 4 * 3 * 2;
const LIVER: Segment = { index: 1, labelId: 'liver', name: 'Liver', colour: '#e6194b', locked: false };

/** The editor as the sync sees it: a mask and a segment list in memory. */
class MemoryEditor implements SyncedEditor {
  map: LabelMap = { dims: [4, 3, 2], voxels: new Uint8Array(VOXELS) };
  list: Segment[] = [LIVER];
  loads = 0;
  toLabelMap = () => ({ dims: this.map.dims, voxels: this.map.voxels.slice() });
  loadLabelMap = (map: LabelMap, segments?: readonly Segment[]) => {
    this.loads++;
    this.map = { dims: map.dims, voxels: map.voxels.slice() };
    if (segments) this.list = [...segments];
  };
  setSegments = (segments: readonly Segment[]) => {
    this.list = [...segments];
  };
  segments = () => this.list;
  paint(voxel: number, value = 1) {
    this.map.voxels[voxel] = value;
  }
  painted = () => Array.from(this.map.voxels.keys()).filter((i) => this.map.voxels[i] !== 0);
}

/** Blobs held in memory, keyed by their content as the server's are. */
class MemoryBlobs implements AnnotationBlobs {
  readonly stored = new Map<string, Uint8Array>();
  failNext = 0;
  uploads = 0;
  /** Resolves uploads only when released, to test what happens while one is under way. */
  hold: Promise<void> | null = null;
  async upload(bytes: Uint8Array) {
    this.uploads++;
    if (this.hold) await this.hold;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('the server cannot be reached');
    }
    const map = labelMapFromNifti(bytes).map;
    const blobKey = `blob-${Array.from(map.voxels).join('')}`;
    this.stored.set(blobKey, bytes);
    return { blobKey, size: bytes.length, dims: map.dims };
  }
  async download(blobKey: string) {
    const bytes = this.stored.get(blobKey);
    if (!bytes) throw new Error(`no blob ${blobKey}`);
    return bytes;
  }
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function setup(
  options: {
    key?: string;
    store?: AnnotationStore;
    blobs?: MemoryBlobs;
    storedGeometry?: ImageGeometry;
  } = {},
) {
  const server = new FakeAnnotationServer();
  const store = options.store ?? new AnnotationStore({ transport: server.transport(), debounceMs: 100 });
  const history = new AnnotationHistory(store);
  const editor = new MemoryEditor();
  const blobs = options.blobs ?? new MemoryBlobs();
  const statuses: SegmentationSyncStatus['kind'][] = [];
  const sync = new SegmentationSync({
    editor,
    store,
    history,
    blobs,
    geometry: GEOMETRY,
    target: TARGET,
    imageId: TARGET.imageId,
    labelIdForNew: () => 'mask',
    debounceMs: 1000,
    onStatus: (s) => statuses.push(s.kind),
    ...(options.key ? { key: options.key } : {}),
    ...(options.storedGeometry ? { storedGeometry: options.storedGeometry } : {}),
  });
  const payloadIn = () => (sync.key ? store.get(sync.key)?.content : undefined);
  return { server, store, history, editor, blobs, sync, statuses, payloadIn };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SegmentationSync', () => {
  it("saves a mask painted on a reoriented display on the stored image's grid, and loads it back onto the display", async () => {
    // The display (GEOMETRY) has voxel (i, j, k) at (−10 + 0.5 i, 20 + 0.5 j, 30 + 2 k). The stored file runs
    // its first axis down the display's j and its second along the display's i: stored (a, b, k) is at
    // (−10 + 0.5 b, 21 − 0.5 a, 30 + 2 k), i.e. display (b, 2 − a, k).
    const stored: ImageGeometry = {
      dims: [3, 4, 2],
      spacing: [0.5, 0.5, 2],
      origin: [-10, 21, 30],
      direction: fromColumns([0, -1, 0], [1, 0, 0], [0, 0, 1]),
    };
    const { editor, blobs, sync, store, payloadIn } = setup({ storedGeometry: stored });
    editor.paint(1); // display (1, 0, 0): stored (2, 1, 0), voxel 2 + 3 · 1 = 5
    sync.edited();
    await advance(1100);
    const reference = labelMapReferenceOf(payloadIn()!.payload)!;
    const { map } = labelMapFromNifti(blobs.stored.get(reference.blobKey)!);
    expect(map.dims).toEqual([3, 4, 2]);
    expect(Array.from(map.voxels.keys()).filter((n) => map.voxels[n])).toEqual([5]);
    // Another viewer opening the saved mask paints it back where it was drawn.
    const reopened = setup({ store, blobs, key: sync.key!, storedGeometry: stored });
    await reopened.sync.start();
    expect(reopened.editor.painted()).toEqual([1]);
  });

  it('creates the annotation one debounce after the first stroke, with the mask as a NIfTI blob', async () => {
    const { editor, blobs, sync, server, store, payloadIn, statuses } = setup();
    editor.paint(5);
    sync.edited();
    editor.paint(6);
    sync.edited();
    await advance(900);
    expect(blobs.uploads).toBe(0);
    await advance(200);
    expect(blobs.uploads).toBe(1);
    const content = payloadIn()!;
    expect(content.labelId).toBe('mask');
    const reference = labelMapReferenceOf(content.payload)!;
    expect(reference.segments).toEqual([LIVER]);
    const { map, geometry } = labelMapFromNifti(blobs.stored.get(reference.blobKey)!);
    expect(Array.from(map.voxels.keys()).filter((i) => map.voxels[i])).toEqual([5, 6]);
    expect(geometry.spacing).toEqual(GEOMETRY.spacing);
    await advance(200);
    expect(server.head(store.get(sync.key!)!.serverId!)?.payload).toEqual(content.payload);
    expect(statuses.at(-1)).toBe('idle');
  });

  it('makes each saved version an undo step, and undo and redo load that version into the editor', async () => {
    const { editor, sync, history, payloadIn } = setup();
    editor.paint(1);
    sync.edited();
    await advance(1100);
    editor.paint(2);
    sync.edited();
    await advance(1100);
    expect(editor.painted()).toEqual([1, 2]);
    history.undo();
    await advance(0);
    expect(editor.painted()).toEqual([1]);
    history.undo(); // the create: the annotation is deleted, the editor empty
    await advance(0);
    expect(payloadIn()?.deleted).toBe(true);
    expect(editor.painted()).toEqual([]);
    history.redo();
    history.redo();
    await advance(0);
    expect(editor.painted()).toEqual([1, 2]);
    // Drawing again after undoing the create revives the same annotation.
    history.undo();
    history.undo();
    await advance(0);
    editor.paint(3);
    sync.edited();
    await advance(1100);
    expect(payloadIn()?.deleted).toBe(false);
    expect(editor.painted()).toEqual([3]);
  });

  it('drops an upload that an undo overtook, keeping the undone version', async () => {
    const { editor, sync, history, blobs, payloadIn } = setup();
    editor.paint(1);
    sync.edited();
    await advance(1100);
    const first = labelMapReferenceOf(payloadIn()!.payload)!.blobKey;
    editor.paint(2);
    sync.edited();
    await advance(1100);
    editor.paint(3);
    sync.edited();
    let release = () => {};
    blobs.hold = new Promise((resolve) => {
      release = resolve;
    });
    await advance(1100); // the third version is uploading
    history.undo();
    await advance(0);
    release();
    blobs.hold = null;
    await advance(2000);
    expect(labelMapReferenceOf(payloadIn()!.payload)!.blobKey).toBe(first);
    expect(editor.painted()).toEqual([1]);
  });

  it('retries a failed upload with backoff and reports the failure meanwhile', async () => {
    const { editor, sync, blobs, statuses, payloadIn } = setup();
    blobs.failNext = 1;
    editor.paint(4);
    sync.edited();
    await advance(1100);
    expect(statuses.at(-1)).toBe('failed');
    expect(payloadIn()).toBeUndefined();
    await advance(1100);
    expect(blobs.uploads).toBe(2);
    expect(labelMapReferenceOf(payloadIn()!.payload)).toBeDefined();
    expect(statuses.at(-1)).toBe('idle');
  });

  it('flush uploads a pending edit at once', async () => {
    const { editor, sync, payloadIn } = setup();
    editor.paint(7);
    sync.edited();
    await sync.flush();
    expect(labelMapReferenceOf(payloadIn()!.payload)).toBeDefined();
  });

  it('saves nothing while the mask has no segment to name', async () => {
    const { editor, sync, blobs } = setup();
    editor.list = [];
    sync.edited();
    await advance(1100);
    expect(blobs.uploads).toBe(0);
  });

  it('opens an existing annotation: its mask and segments load into the editor', async () => {
    const first = setup();
    first.editor.paint(9, 2);
    first.editor.list = [{ ...LIVER, index: 2, name: 'Tumour' }];
    first.sync.edited();
    await advance(1100);
    const key = first.sync.key!;
    const second = setup({ key, store: first.store, blobs: first.blobs });
    await second.sync.start();
    expect(second.editor.painted()).toEqual([9]);
    expect(second.editor.list.map((s) => s.name)).toEqual(['Tumour']);
  });

  it('follows a segment rename undone in the store without reloading the mask', async () => {
    const { editor, sync, history } = setup();
    editor.paint(1);
    sync.edited();
    await advance(1100);
    editor.list = [{ ...LIVER, name: 'Left lobe' }];
    sync.edited();
    await advance(1100);
    const loads = editor.loads;
    history.undo();
    await advance(0);
    expect(editor.list[0]?.name).toBe('Liver');
    expect(editor.loads).toBe(loads);
  });
});
