import type { Segment } from '@voxelhub/core/annotation';
import type { SegmentationTool, ThresholdRange } from './brush-tools.js';

/** Everything the panel shows of the editor; replaced (never mutated) on every change. */
export interface SegmentationEditorState {
  readonly tool: SegmentationTool | null;
  /** Brush radius, mm. */
  readonly brushRadiusMm: number;
  /** The threshold brush's range in image values (HU on CT); null until one is set. */
  readonly threshold: ThresholdRange | null;
  readonly segments: readonly Segment[];
  readonly activeSegment: number | undefined;
  readonly fillOpacity: number;
  readonly outlineOpacity: number;
  readonly outlineWidth: number;
  /** The operation under way (the panel disables its buttons meanwhile). */
  readonly busy: 'fill-holes' | 'interpolate' | null;
  /** The last operation's failure, until the next one starts. */
  readonly error: string | null;
  /** Bumped by every change of the voxels (strokes, operations, loads): counts are stale after it. */
  readonly maskVersion: number;
}

export const INITIAL_EDITOR_STATE: SegmentationEditorState = {
  tool: null,
  brushRadiusMm: 5,
  threshold: null,
  segments: [],
  activeSegment: undefined,
  fillOpacity: 0.5,
  outlineOpacity: 1,
  outlineWidth: 1,
  busy: null,
  error: null,
  maskVersion: 0,
};

/** The editor's state with subscribers, shaped for React's useSyncExternalStore. */
export class EditorStateStore {
  #state: SegmentationEditorState;
  readonly #listeners = new Set<() => void>();

  constructor(initial: SegmentationEditorState = INITIAL_EDITOR_STATE) {
    this.#state = initial;
  }

  /** The same object until the next change. */
  get = (): SegmentationEditorState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(change: Partial<SegmentationEditorState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of [...this.#listeners]) listener();
  }

  /** Marks the voxels changed. */
  touchMask(): void {
    this.set({ maskVersion: this.#state.maskVersion + 1 });
  }
}
