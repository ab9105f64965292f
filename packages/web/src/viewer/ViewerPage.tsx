import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Link } from '../app/Link.js';
import { pathOf } from '../app/routes.js';
import { loadSeriesFrames, type SeriesAddress } from './series-image-ids.js';
import { openStackViewer, type StackState, type StackViewerHandle } from './stack-viewer.js';

type Status =
  | { readonly name: 'loading' }
  | { readonly name: 'ready'; readonly firstImageMs: number }
  | { readonly name: 'failed'; readonly message: string };

/** Keys that move through the stack, and by how many slices. */
const SCROLL_KEYS: Readonly<Record<string, number>> = {
  ArrowDown: 1,
  ArrowRight: 1,
  ArrowUp: -1,
  ArrowLeft: -1,
  PageDown: 10,
  PageUp: -10,
};

/** A DICOM series in a StackViewport, with the slice position and window/level in the corners. */
export function ViewerPage(address: SeriesAddress) {
  const { projectId, studyUid, seriesUid } = address;
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<StackViewerHandle | null>(null);
  const [status, setStatus] = useState<Status>({ name: 'loading' });
  const [stack, setStack] = useState<StackState | null>(null);
  const [unit, setUnit] = useState<'Slice' | 'Frame'>('Slice');

  useEffect(() => {
    const started = performance.now();
    let cancelled = false;
    setStatus({ name: 'loading' });
    setStack(null);
    (async () => {
      const frames = await loadSeriesFrames({ projectId, studyUid, seriesUid });
      if (frames.length === 0) throw new Error('this series has no images');
      if (cancelled || !element.current) return;
      // One multi-frame instance (a cine) has frames; a series of instances has slices.
      setUnit(frames.length > 1 && new Set(frames.map((f) => f.instance)).size === 1 ? 'Frame' : 'Slice');
      const opened = await openStackViewer(element.current, frames, (state) => !cancelled && setStack(state));
      if (cancelled) return opened.destroy();
      handle.current = opened;
      setStatus({ name: 'ready', firstImageMs: Math.round(performance.now() - started) });
      element.current.focus();
    })().catch(
      (error: unknown) =>
        !cancelled &&
        setStatus({ name: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [projectId, studyUid, seriesUid]);

  function onKeyDown(event: KeyboardEvent) {
    const viewer = handle.current;
    if (!viewer || !stack) return;
    const delta = SCROLL_KEYS[event.key];
    if (delta !== undefined) viewer.scroll(delta);
    else if (event.key === 'Home') viewer.scroll(-stack.index);
    else if (event.key === 'End') viewer.scroll(stack.count - 1 - stack.index);
    else if (event.key === 'r' || event.key === 'R') viewer.reset();
    else return;
    event.preventDefault();
  }

  return (
    <main className="viewer-page">
      <header className="viewer-bar">
        <Link to={pathOf({ name: 'project', projectId })}>← Project</Link>
        <span className="muted">
          Wheel or ↑/↓: slices or frames · left drag: window/level · right drag: zoom · middle drag: pan · R:
          reset
        </span>
      </header>
      <div className="viewer-frame">
        <div
          ref={element}
          className="viewport"
          data-testid="viewport"
          data-status={status.name}
          data-first-image-ms={status.name === 'ready' ? status.firstImageMs : undefined}
          // Focusable so that the keys work once the image is shown.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the viewport takes keyboard input.
          tabIndex={0}
          role="img"
          aria-label="Image viewer"
          onKeyDown={onKeyDown}
          onContextMenu={(e) => e.preventDefault()}
        />
        <div className="overlay top-left" data-testid="slice-counter" aria-live="polite">
          {stack ? `${unit} ${stack.index + 1} / ${stack.count}` : ''}
        </div>
        <div className="overlay bottom-left" data-testid="window-level">
          {stack?.windowWidth !== undefined && stack.windowCenter !== undefined
            ? `W ${Math.round(stack.windowWidth)} / L ${Math.round(stack.windowCenter)}`
            : ''}
        </div>
        {status.name === 'loading' && <div className="overlay centre">Loading…</div>}
        {status.name === 'failed' && (
          <div className="overlay centre error" role="alert">
            {status.message}
          </div>
        )}
      </div>
    </main>
  );
}
