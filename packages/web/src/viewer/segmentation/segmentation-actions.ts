import type { WindowLevel } from '../window-level-presets.js';
import type { ThresholdRange } from './brush-tools.js';
import type { SegmentationEditor } from './segmentation-editor.js';
import type { SegmentationAction } from './segmentation-shortcuts.js';

/** The threshold a window suggests: the values it shows between black and white, rounded outwards. */
export function thresholdOfWindow(window: WindowLevel): ThresholdRange {
  const half = Math.abs(window.width) / 2;
  return { lower: Math.floor(window.center - half), upper: Math.ceil(window.center + half) };
}

type ActionTarget = Pick<
  SegmentationEditor,
  'canUseSphere' | 'getState' | 'setTool' | 'setBrushSize' | 'setThreshold' | 'fillHoles' | 'interpolate'
>;

/**
 * Does what a segmentation key or button asks; false when it does not apply now (no segment to paint,
 * no volume for the sphere, an operation under way). A brush's key again puts the brush down; the
 * threshold brush without a range yet starts from the window shown (`window`).
 */
export function performSegmentationAction(
  editor: ActionTarget,
  action: SegmentationAction,
  window?: WindowLevel,
): boolean {
  const state = editor.getState();
  switch (action.kind) {
    case 'tool': {
      if (state.activeSegment === undefined) return false;
      if (action.tool === 'sphere' && !editor.canUseSphere) return false;
      if (action.tool === 'threshold-brush' && !state.threshold && window)
        editor.setThreshold(thresholdOfWindow(window));
      editor.setTool(state.tool === action.tool ? null : action.tool);
      return true;
    }
    case 'brush-size':
      editor.setBrushSize(state.brushRadiusMm * action.factor);
      return true;
    case 'fill-holes':
    case 'interpolate': {
      if (state.activeSegment === undefined || state.busy) return false;
      // A failure lands in the editor's state (the panel shows it); nothing more to do with it here.
      const run = action.kind === 'fill-holes' ? editor.fillHoles('2d') : editor.interpolate();
      run.catch(() => undefined);
      return true;
    }
  }
}
