import { type RefObject, useId, useImperativeHandle, useState } from 'react';
import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { AnnotationHistory } from '../annotations/annotation-history.js';
import type { Label } from '../api/api-types.js';
import { keepControlKeys } from './control-keys.js';
import { FrameRangeRow } from './FrameRangeRow.js';
import type { FrameLabelAction } from './frame-label-shortcuts.js';
import { defaultFrameLabelId, frameLabels } from './frame-labels.js';
import { type FrameEdge, type FrameMark, markFrame } from './frame-marks.js';
import { clampFrame } from './frame-range.js';
import { createFrameRange } from './frame-range-edit.js';
import { frameRangeItems } from './frame-range-items.js';
import { labelLooks } from './label-lookup.js';
import './classify.css';

/** What the viewer's key handler calls for B and E (FRAME_LABEL_SHORTCUTS). */
export interface FrameLabelsHandle {
  /** Does the action at the current frame; false when it does not apply (read-only, no frame label). */
  perform(action: FrameLabelAction): boolean;
}

export interface FrameLabelsPanelProps {
  /** The project's labels; the panel uses the frame-label ones. */
  readonly labels: readonly Label[];
  readonly entries: readonly AnnotationEntry[];
  readonly history: AnnotationHistory;
  readonly target: AnnotationTarget;
  /** The cine image whose frames are labelled. */
  readonly imageId: string;
  /** The frame on screen, zero-based. */
  readonly frameIndex: number;
  readonly frameCount: number;
  readonly onSeek: (frame: number) => void;
  readonly readOnly?: boolean;
  /** The label selected in the viewer (digits 1–9): new ranges get it when it is a frame label. */
  readonly selectedLabelId?: string | null;
  /** Filled while mounted, for the viewer's B/E keys. */
  readonly handle?: RefObject<FrameLabelsHandle | null>;
}

/**
 * Labels on ranges of cine frames: mark the start and the end at the frames shown (B, E) to add a range
 * with the chosen label; the list goes to, adjusts and deletes ranges. Each change is one undo step.
 */
export function FrameLabelsPanel(props: FrameLabelsPanelProps) {
  const { history, target, imageId, frameIndex, frameCount, onSeek } = props;
  const readOnly = props.readOnly ?? false;
  const id = useId();
  const labels = frameLabels(props.labels);
  const look = labelLooks(props.labels);
  // Each piece of state remembers what it was chosen under: a new selection in the viewer is the user's
  // latest choice, and another cine drops a half-marked range.
  const [marked, setMarked] = useState<{ readonly imageId: string; readonly mark: FrameMark } | null>(null);
  const [picked, setPicked] = useState<{ readonly labelId: string; readonly under: unknown } | null>(null);
  const pending = marked?.imageId === imageId ? marked.mark : null;
  const pickedId = picked && picked.under === props.selectedLabelId ? picked.labelId : null;
  const labelId = labels.some((l) => l.id === pickedId)
    ? pickedId
    : defaultFrameLabelId(labels, props.selectedLabelId);
  const items = frameRangeItems(props.entries, target, imageId);
  const frame = clampFrame(frameIndex, frameCount);

  function mark(edge: FrameEdge): boolean {
    if (readOnly || labelId === null) return false;
    const result = markFrame(pending, edge, frame);
    setMarked(result.pending && { imageId, mark: result.pending });
    if (result.range) createFrameRange(history, target, { labelId, imageId, range: result.range });
    return true;
  }

  useImperativeHandle(props.handle, () => ({
    perform: (action) => mark(action.kind === 'mark-start' ? 'start' : 'end'),
  }));

  return (
    <section className="frame-labels" aria-labelledby={`${id}-title`} onKeyDown={keepControlKeys}>
      <h2 id={`${id}-title`} className="classify-heading">
        Frame labels
      </h2>
      {labels.length === 0 ? (
        <p className="meta">This project has no frame labels.</p>
      ) : (
        !readOnly && (
          <div className="frame-labels-new">
            <label className="frame-labels-pick">
              <span
                className="swatch"
                style={{ background: labelId ? look(labelId).colour : undefined }}
                aria-hidden="true"
              />
              <span className="classify-visually-hidden">Label for new ranges</span>
              <select
                value={labelId ?? ''}
                onChange={(event) => setPicked({ labelId: event.target.value, under: props.selectedLabelId })}
              >
                {labels.map((label) => (
                  <option key={label.id} value={label.id}>
                    {label.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="tool-button" aria-keyshortcuts="B" onClick={() => mark('start')}>
              Mark start (B)
            </button>
            <button type="button" className="tool-button" aria-keyshortcuts="E" onClick={() => mark('end')}>
              Mark end (E)
            </button>
            {pending && (
              <button type="button" className="tool-button" onClick={() => setMarked(null)}>
                Cancel
              </button>
            )}
            <span className="meta" aria-live="polite">
              {pending
                ? `${pending.edge === 'start' ? 'Start' : 'End'} marked at frame ${pending.frame + 1}`
                : ''}
            </span>
          </div>
        )
      )}
      {items.length === 0 ? (
        <p className="meta">No frame ranges on this cine yet.</p>
      ) : (
        <ol className="frame-range-list">
          {items.map((item) => (
            <FrameRangeRow
              key={item.key}
              item={item}
              look={look(item.labelId)}
              labels={labels}
              history={history}
              frameIndex={frame}
              onSeek={onSeek}
              readOnly={readOnly}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
