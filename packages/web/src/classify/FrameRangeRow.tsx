import type { AnnotationHistory } from '../annotations/annotation-history.js';
import type { Label } from '../api/api-types.js';
import { containsFrame, describeRange } from './frame-range.js';
import { moveRangeEdge, relabelRange } from './frame-range-edit.js';
import type { FrameRangeItem } from './frame-range-items.js';
import type { LabelLook } from './label-lookup.js';

interface FrameRangeRowProps {
  readonly item: FrameRangeItem;
  readonly look: LabelLook;
  /** The frame labels a range may be given instead. */
  readonly labels: readonly Label[];
  readonly history: AnnotationHistory;
  readonly frameIndex: number;
  readonly onSeek: (frame: number) => void;
  readonly readOnly: boolean;
}

/** One range in the list: its label, its frames, going to it, moving its ends here, deleting it. */
export function FrameRangeRow({
  item,
  look,
  labels,
  history,
  frameIndex,
  onSeek,
  readOnly,
}: FrameRangeRowProps) {
  const frames = describeRange(item.range);
  const here = `frame ${frameIndex + 1}`;
  const canRelabel = !readOnly && labels.length > 1 && labels.some((label) => label.id === item.labelId);
  return (
    <li className={containsFrame(item.range, frameIndex) ? 'frame-range-row current' : 'frame-range-row'}>
      <span className="swatch" style={{ background: look.colour }} aria-hidden="true" />
      {!canRelabel ? (
        <span className="frame-range-name">{look.name}</span>
      ) : (
        <select
          className="frame-range-name"
          aria-label={`Label of ${frames}`}
          value={item.labelId}
          onChange={(event) => relabelRange(history, item, event.target.value)}
        >
          {labels.map((label) => (
            <option key={label.id} value={label.id}>
              {label.name}
            </option>
          ))}
        </select>
      )}
      <span className="frame-range-frames">{frames}</span>
      <span className="frame-range-actions">
        <button
          type="button"
          className="tool-button"
          aria-label={`Go to the start of ${look.name}, ${frames}`}
          onClick={() => onSeek(item.range.start)}
        >
          ⇤ Go to start
        </button>
        {!readOnly && (
          <>
            <button
              type="button"
              className="tool-button"
              aria-label={`Start ${look.name}, ${frames}, at ${here}`}
              onClick={() => moveRangeEdge(history, item, 'start', frameIndex)}
            >
              Start here
            </button>
            <button
              type="button"
              className="tool-button"
              aria-label={`End ${look.name}, ${frames}, at ${here}`}
              onClick={() => moveRangeEdge(history, item, 'end', frameIndex)}
            >
              End here
            </button>
            <button
              type="button"
              className="tool-button danger"
              aria-label={`Delete ${look.name}, ${frames}`}
              onClick={() => history.delete(item.key)}
            >
              Delete
            </button>
          </>
        )}
      </span>
    </li>
  );
}
