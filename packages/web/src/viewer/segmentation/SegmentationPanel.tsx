import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WindowLevel } from '../window-level-presets.js';
import type { SegmentationTool } from './brush-tools.js';
import { SegmentList } from './SegmentList.js';
import { performSegmentationAction, thresholdOfWindow } from './segmentation-actions.js';
import type { SegmentationEditor } from './segmentation-editor.js';
import { type SegmentationAction, segmentationShortcuts } from './segmentation-shortcuts.js';
import type { SegmentationSyncStatus } from './segmentation-sync.js';
import './segmentation.css';

export type { MaskLabel } from './SegmentList.js';

import type { MaskLabel } from './SegmentList.js';

export interface SegmentationPanelProps {
  readonly editor: SegmentationEditor;
  /** The project's mask labels, for new segments. */
  readonly labels: readonly MaskLabel[];
  /** The window shown now: the threshold range starts from it. */
  readonly window?: WindowLevel;
  /** The saving state (segmentation-sync); `loading` disables the tools, since a load replaces the mask. */
  readonly syncStatus?: SegmentationSyncStatus;
}

const TOOLS: readonly { tool: SegmentationTool; label: string; title: string }[] = [
  { tool: 'brush', label: 'Brush', title: 'Paint the active segment' },
  { tool: 'eraser', label: 'Eraser', title: 'Erase' },
  { tool: 'sphere', label: 'Sphere', title: 'Paint a ball through neighbouring slices' },
  { tool: 'threshold-brush', label: 'Threshold', title: 'Paint only values inside the range' },
];

const hint = (action: SegmentationAction) => {
  const wanted = JSON.stringify(action);
  const keys = segmentationShortcuts.find((s) => JSON.stringify(s.action) === wanted)?.keys;
  return keys ? ` (${keys.join(' or ')})` : '';
};

const SYNC_TEXT: Readonly<Record<SegmentationSyncStatus['kind'], string>> = {
  idle: 'Saved',
  waiting: 'Changed',
  uploading: 'Saving…',
  loading: 'Loading a saved version…',
  failed: 'Not saved',
};

/** How long the counts wait for strokes to stop before recounting (a count reads every labelmap image). */
const RECOUNT_DELAY_MS = 250;

/**
 * The mask editor's side panel: tools with their keys, brush size, threshold range, the segment list
 * with voxel counts, display opacities, and the fill-holes and interpolation operations.
 */
export function SegmentationPanel({ editor, labels, window, syncStatus }: SegmentationPanelProps) {
  const state = useSyncExternalStore(editor.subscribe, editor.getState);
  const [counts, setCounts] = useState<ReadonlyMap<number, number> | null>(null);
  const { maskVersion, segments } = state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: maskVersion and segments are the triggers to recount.
  useEffect(() => {
    const timer = setTimeout(() => setCounts(editor.voxelCounts()), RECOUNT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [editor, maskVersion, segments]);

  const loading = syncStatus?.kind === 'loading';
  const noSegment = state.activeSegment === undefined;
  const locked = loading || state.busy !== null;
  const threshold = state.threshold ?? (window ? thresholdOfWindow(window) : { lower: -1000, upper: 3000 });
  const act = (action: SegmentationAction) => performSegmentationAction(editor, action, window);
  const run = (op: () => Promise<number>) => op().catch(() => undefined); // the error shows from state

  return (
    <aside className="segmentation-panel" aria-label="Segmentation" data-testid="segmentation-panel">
      <section aria-label="Mask tools">
        <h3>Mask tools</h3>
        <div className="tool-group" role="toolbar" aria-label="Brushes">
          {TOOLS.map(({ tool, label, title }) => {
            const unavailable = tool === 'sphere' && !editor.canUseSphere;
            return (
              <button
                key={tool}
                type="button"
                className="tool-button"
                aria-pressed={state.tool === tool}
                data-testid={`segmentation-tool-${tool}`}
                disabled={noSegment || locked || unavailable}
                title={
                  unavailable
                    ? 'The sphere brush needs slices that make a volume'
                    : `${title}${hint({ kind: 'tool', tool })}`
                }
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => act({ kind: 'tool', tool })}
              >
                {label}
              </button>
            );
          })}
        </div>
        <label className="segmentation-slider">
          Brush radius {state.brushRadiusMm.toFixed(1)} mm
          <input
            type="range"
            min={0.5}
            max={50}
            step={0.5}
            value={Math.min(50, state.brushRadiusMm)}
            title={`Brush radius${hint({ kind: 'brush-size', factor: 1.25 })}${hint({ kind: 'brush-size', factor: 0.8 })}`}
            onChange={(e) => editor.setBrushSize(Number(e.target.value))}
          />
        </label>
        <fieldset className="segmentation-threshold" disabled={locked}>
          <legend>Threshold range</legend>
          <label>
            From
            <input
              type="number"
              value={threshold.lower}
              onChange={(e) => editor.setThreshold({ lower: Number(e.target.value), upper: threshold.upper })}
            />
          </label>
          <label>
            to
            <input
              type="number"
              value={threshold.upper}
              onChange={(e) => editor.setThreshold({ lower: threshold.lower, upper: Number(e.target.value) })}
            />
          </label>
          {window && (
            <button
              type="button"
              className="tool-button"
              onClick={() => editor.setThreshold(thresholdOfWindow(window))}
            >
              From window
            </button>
          )}
        </fieldset>
      </section>

      <SegmentList
        segments={segments}
        active={state.activeSegment}
        counts={counts}
        labels={labels}
        disabled={locked}
        onAdd={(label) =>
          editor.addSegment({
            labelId: label.id,
            name: label.name,
            ...(label.colour ? { colour: label.colour } : {}),
          })
        }
        onActivate={(index) => editor.setActiveSegment(index)}
        onChange={(index, change) => editor.updateSegment(index, change)}
        onRemove={(index) => editor.removeSegment(index)}
      />

      <section aria-label="Mask display">
        <h3>Display</h3>
        <label className="segmentation-slider">
          Fill {Math.round(state.fillOpacity * 100)}%
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={state.fillOpacity}
            onChange={(e) => editor.setFillOpacity(Number(e.target.value))}
          />
        </label>
        <label className="segmentation-slider">
          Outline {Math.round(state.outlineOpacity * 100)}%
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={state.outlineOpacity}
            onChange={(e) => editor.setOutlineOpacity(Number(e.target.value))}
          />
        </label>
        <label className="segmentation-slider">
          Outline width {state.outlineWidth} px
          <input
            type="range"
            min={0}
            max={5}
            step={1}
            value={state.outlineWidth}
            onChange={(e) => editor.setOutlineWidth(Number(e.target.value))}
          />
        </label>
      </section>

      <section aria-label="Mask operations">
        <h3>Operations</h3>
        <div className="tool-group">
          <button
            type="button"
            className="tool-button"
            disabled={noSegment || locked}
            title={`Fill the holes of the active segment, slice by slice${hint({ kind: 'fill-holes' })}`}
            onClick={() => run(() => editor.fillHoles('2d'))}
          >
            Fill holes 2D
          </button>
          <button
            type="button"
            className="tool-button"
            disabled={noSegment || locked}
            title="Fill the holes of the active segment in 3D"
            onClick={() => run(() => editor.fillHoles('3d'))}
          >
            Fill holes 3D
          </button>
          <button
            type="button"
            className="tool-button"
            disabled={noSegment || locked}
            title={`Fill the active segment between the slices drawn on${hint({ kind: 'interpolate' })}`}
            onClick={() => run(() => editor.interpolate())}
          >
            Interpolate
          </button>
        </div>
        <p className="segmentation-status" role="status" aria-live="polite">
          {state.busy === 'fill-holes' && 'Filling holes…'}
          {state.busy === 'interpolate' && 'Interpolating…'}
          {!state.busy && syncStatus && SYNC_TEXT[syncStatus.kind]}
        </p>
        {(state.error ?? (syncStatus?.kind === 'failed' ? syncStatus.message : null)) && (
          <p className="segmentation-error" role="alert">
            {state.error ?? (syncStatus?.kind === 'failed' ? syncStatus.message : '')}
          </p>
        )}
      </section>
    </aside>
  );
}
