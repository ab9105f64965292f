import type { CSSProperties } from 'react';
import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { Label } from '../api/api-types.js';
import { describeRange } from './frame-range.js';
import { frameRangeItems } from './frame-range-items.js';
import { layoutFrameRanges } from './frame-range-layout.js';
import { labelLooks } from './label-lookup.js';
import './classify.css';

export interface FrameRangeBarProps {
  readonly labels: readonly Label[];
  readonly entries: readonly AnnotationEntry[];
  readonly target: AnnotationTarget;
  readonly imageId: string;
  readonly frameCount: number;
  /** The frame on screen, drawn as a tick; omitted, no tick. */
  readonly frameIndex?: number;
  readonly onSeek: (frame: number) => void;
}

/**
 * The cine's labelled ranges as coloured bars across the scrubber's width (overlapping ranges on
 * separate rows); clicking a bar goes to its first frame. Renders nothing when there are no ranges.
 */
export function FrameRangeBar(props: FrameRangeBarProps) {
  const items = frameRangeItems(props.entries, props.target, props.imageId);
  if (items.length === 0) return null;
  const { segments, lanes } = layoutFrameRanges(items, props.frameCount);
  const look = labelLooks(props.labels);
  const count = Math.max(props.frameCount, 1);
  return (
    <div className="frame-range-bar" style={{ '--lanes': lanes } as CSSProperties}>
      {props.frameIndex !== undefined && (
        <div
          className="frame-range-tick"
          aria-hidden="true"
          style={{ left: `${((props.frameIndex + 0.5) / count) * 100}%` }}
        />
      )}
      {segments.map(({ item, lane, left, width }) => {
        const { name, colour } = look(item.labelId);
        const text = `${name}, ${describeRange(item.range)}`;
        return (
          <button
            key={item.key}
            type="button"
            className="frame-range-segment"
            title={text}
            aria-label={`Go to ${text}`}
            style={{
              left: `${left * 100}%`,
              width: `${width * 100}%`,
              top: `calc(${lane} * var(--frame-lane-height))`,
              background: colour,
            }}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => props.onSeek(item.range.start)}
          />
        );
      })}
    </div>
  );
}
