import { describe, expect, it } from 'vitest';
import type { SegmentationTool, ThresholdRange } from './brush-tools.js';
import { EditorStateStore } from './editor-state.js';
import { performSegmentationAction, thresholdOfWindow } from './segmentation-actions.js';

describe('thresholdOfWindow', () => {
  it.each([
    [
      { width: 400, center: 40 },
      { lower: -160, upper: 240 },
    ],
    [
      { width: 1500, center: -600 },
      { lower: -1350, upper: 150 },
    ],
    [
      { width: 81, center: 40 },
      { lower: -1, upper: 81 },
    ],
  ])('%j → %j', (window, range) => {
    expect(thresholdOfWindow(window)).toEqual(range);
  });
});

/** The editor's state and the calls the actions make on it, without Cornerstone behind them. */
function editorWith(options: { segment?: number; canUseSphere?: boolean } = {}) {
  const store = new EditorStateStore();
  if (options.segment !== undefined)
    store.set({
      segments: [{ index: options.segment, labelId: 'l', name: 'n', colour: '#000000', locked: false }],
      activeSegment: options.segment,
    });
  const ops: string[] = [];
  return {
    store,
    ops,
    canUseSphere: options.canUseSphere ?? true,
    getState: store.get,
    setTool: (tool: SegmentationTool | null) => store.set({ tool }),
    setBrushSize: (brushRadiusMm: number) => store.set({ brushRadiusMm }),
    setThreshold: (threshold: ThresholdRange) => store.set({ threshold }),
    fillHoles: async (mode: '2d' | '3d') => {
      ops.push(`fill ${mode}`);
      return 0;
    },
    interpolate: async () => {
      ops.push('interpolate');
      return 0;
    },
  };
}

describe('performSegmentationAction', () => {
  it('takes a brush up and puts it down with the same key', () => {
    const editor = editorWith({ segment: 1 });
    expect(performSegmentationAction(editor, { kind: 'tool', tool: 'brush' })).toBe(true);
    expect(editor.store.get().tool).toBe('brush');
    performSegmentationAction(editor, { kind: 'tool', tool: 'eraser' });
    expect(editor.store.get().tool).toBe('eraser');
    performSegmentationAction(editor, { kind: 'tool', tool: 'eraser' });
    expect(editor.store.get().tool).toBeNull();
  });

  it('gives no brush before there is a segment to paint, and no sphere without a volume', () => {
    expect(performSegmentationAction(editorWith(), { kind: 'tool', tool: 'brush' })).toBe(false);
    const flat = editorWith({ segment: 1, canUseSphere: false });
    expect(performSegmentationAction(flat, { kind: 'tool', tool: 'sphere' })).toBe(false);
    expect(flat.store.get().tool).toBeNull();
  });

  it('starts the threshold brush from the window shown, once', () => {
    const editor = editorWith({ segment: 2 });
    performSegmentationAction(editor, { kind: 'tool', tool: 'threshold-brush' }, { width: 400, center: 40 });
    expect(editor.store.get().threshold).toEqual({ lower: -160, upper: 240 });
    editor.store.set({ tool: null, threshold: { lower: 100, upper: 300 } });
    performSegmentationAction(editor, { kind: 'tool', tool: 'threshold-brush' }, { width: 400, center: 40 });
    expect(editor.store.get().threshold).toEqual({ lower: 100, upper: 300 });
  });

  it('scales the brush', () => {
    const editor = editorWith({ segment: 1 });
    performSegmentationAction(editor, { kind: 'brush-size', factor: 1.25 });
    expect(editor.store.get().brushRadiusMm).toBe(6.25);
  });

  it('runs an operation unless one is under way or there is no segment', () => {
    const editor = editorWith({ segment: 1 });
    expect(performSegmentationAction(editor, { kind: 'fill-holes' })).toBe(true);
    editor.store.set({ busy: 'fill-holes' });
    expect(performSegmentationAction(editor, { kind: 'interpolate' })).toBe(false);
    expect(performSegmentationAction(editorWith(), { kind: 'interpolate' })).toBe(false);
    expect(editor.ops).toEqual(['fill 2d']);
  });
});
