import type { ReactNode } from 'react';
import { loopSeconds, MAX_FRAME_RATE, MIN_FRAME_RATE } from './cine-rate.js';
import { shortcutHint } from './viewer-shortcuts.js';

interface CineControlsProps {
  readonly index: number;
  readonly count: number;
  readonly playing: boolean;
  readonly framesPerSecond: number;
  readonly onPlayPause: () => void;
  readonly onFrameRate: (framesPerSecond: number) => void;
  readonly onFrame: (index: number) => void;
  /** Drawn under the scrubber at its width (the labelled frame ranges), so a range sits under its frames. */
  readonly underScrubber?: ReactNode;
}

/** Play/pause, the frame rate and a frame scrubber for a multi-frame cine. */
export function CineControls(props: CineControlsProps) {
  const { index, count, playing, framesPerSecond } = props;
  return (
    <fieldset className="cine-controls" aria-label="Cine">
      <button
        type="button"
        className="tool-button"
        data-testid="cine-play"
        title={`${playing ? 'Pause' : 'Play'}${shortcutHint({ kind: 'play-pause' })}`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={props.onPlayPause}
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <span className="cine-scrub">
        <label>
          Frame
          <input
            type="range"
            data-testid="cine-scrubber"
            min={0}
            max={count - 1}
            value={index}
            onChange={(event) => props.onFrame(Number(event.target.value))}
          />
        </label>
        {props.underScrubber && <span className="cine-under-scrubber">{props.underScrubber}</span>}
      </span>
      <label title={`Loop of ${loopSeconds(count, framesPerSecond).toFixed(2)} s`}>
        <input
          type="number"
          data-testid="cine-rate"
          min={MIN_FRAME_RATE}
          max={MAX_FRAME_RATE}
          value={framesPerSecond}
          onChange={(event) => props.onFrameRate(Number(event.target.value))}
        />{' '}
        frames/s
      </label>
    </fieldset>
  );
}
