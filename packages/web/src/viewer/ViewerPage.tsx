import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from '../app/Link.js';
import { pathOf } from '../app/routes.js';
import { CineControls } from './CineControls.js';
import { CornerOverlays } from './CornerOverlays.js';
import { clampFrameRate, recordedFrameRate } from './cine-rate.js';
import { type ImageDetails, imageDetailsOf } from './image-details.js';
import { MprView } from './MprView.js';
import type { MprViewerHandle } from './mpr-viewer.js';
import { loadSeriesFrames, type SeriesAddress, type SeriesFrame } from './series-image-ids.js';
import { openStackViewer, type StackState, type StackViewerHandle } from './stack-viewer.js';
import { ViewerToolbar } from './ViewerToolbar.js';
import { type MouseMode, type ViewerAction, viewerActionFor } from './viewer-shortcuts.js';
import { canShowAsVolume } from './volume-eligibility.js';
import { presetsFor, type WindowLevel } from './window-level-presets.js';
import './viewer.css';

type Status =
  | { readonly name: 'loading' }
  | { readonly name: 'ready'; readonly firstImageMs: number }
  | { readonly name: 'failed'; readonly message: string };

/** The series once its metadata is in: its frames and what the page derives from them once. */
interface LoadedSeries {
  readonly frames: readonly SeriesFrame[];
  readonly details: ImageDetails;
  /** One multi-frame instance (a cine) has frames; a series of instances has slices. */
  readonly unit: 'Slice' | 'Frame';
  readonly volume: boolean;
  readonly recordedFrameRate: number;
}

function describeSeries(frames: readonly SeriesFrame[]): LoadedSeries {
  const first = frames[0]!.instance;
  const details = imageDetailsOf(first);
  const unit = frames.length > 1 && new Set(frames.map((f) => f.instance)).size === 1 ? 'Frame' : 'Slice';
  return {
    frames,
    details,
    unit,
    volume: canShowAsVolume(
      details.modality,
      frames.map((f) => f.instance),
    ),
    recordedFrameRate: recordedFrameRate(first),
  };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A DICOM series: a StackViewport with window presets, view tools, cine controls for multi-frame
 * images and corner overlays, or (for CT and MR volumes) axial, sagittal and coronal views with crosshairs.
 */
export function ViewerPage(address: SeriesAddress) {
  const { projectId, studyUid, seriesUid } = address;
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<StackViewerHandle | null>(null);
  const mprHandle = useRef<MprViewerHandle | null>(null);
  const started = useRef(0);
  const reopening = useRef(false);
  /** The window the image opened with: 'auto' in MPR, and MPR's start window. */
  const openingWindow = useRef<WindowLevel | undefined>(undefined);
  const [series, setSeries] = useState<LoadedSeries | null>(null);
  const [status, setStatus] = useState<Status>({ name: 'loading' });
  const [stack, setStack] = useState<StackState | null>(null);
  const [mpr, setMpr] = useState(false);
  const [mouseMode, setMouseMode] = useState<MouseMode>('window-level');
  const [playing, setPlaying] = useState(false);
  const [framesPerSecond, setFramesPerSecond] = useState(25);

  useEffect(() => {
    started.current = performance.now();
    let cancelled = false;
    setSeries(null);
    reopening.current = false;
    setStatus({ name: 'loading' });
    setMpr(false);
    loadSeriesFrames({ projectId, studyUid, seriesUid })
      .then((frames) => {
        if (frames.length === 0) throw new Error('this series has no images');
        if (cancelled) return;
        const loaded = describeSeries(frames);
        setFramesPerSecond(loaded.recordedFrameRate);
        setSeries(loaded);
      })
      .catch((error: unknown) => !cancelled && setStatus({ name: 'failed', message: errorMessage(error) }));
    return () => {
      cancelled = true;
    };
  }, [projectId, studyUid, seriesUid]);

  // The stack viewer is open whenever MPR is not: switching back opens it afresh.
  useEffect(() => {
    if (!series || mpr || !element.current) return;
    let cancelled = false;
    // Coming back from MPR, the time to the first image counts from the switch.
    if (reopening.current) started.current = performance.now();
    reopening.current = true;
    setStatus({ name: 'loading' });
    setStack(null);
    setPlaying(false);
    setMouseMode('window-level');
    openStackViewer(element.current, series.frames, (state) => !cancelled && setStack(state))
      .then((opened) => {
        if (cancelled) return opened.destroy();
        handle.current = opened;
        setStatus({ name: 'ready', firstImageMs: Math.round(performance.now() - started.current) });
        element.current?.focus();
      })
      .catch((error: unknown) => !cancelled && setStatus({ name: 'failed', message: errorMessage(error) }));
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [series, mpr]);

  const currentWindow: WindowLevel | undefined =
    stack?.windowWidth !== undefined && stack.windowCenter !== undefined
      ? { width: stack.windowWidth, center: stack.windowCenter }
      : undefined;
  if (currentWindow && !openingWindow.current) openingWindow.current = currentWindow;
  const presets = useMemo(() => presetsFor(series?.details.modality), [series]);
  const activePreset = presets.find(
    (p) =>
      p.window &&
      currentWindow &&
      !mpr &&
      Math.round(currentWindow.width) === p.window.width &&
      Math.round(currentWindow.center) === p.window.center,
  )?.id;
  const cine = series?.unit === 'Frame' && !mpr;

  function playOrPause(play: boolean, rate = framesPerSecond) {
    const viewer = handle.current;
    if (!viewer) return;
    if (play) viewer.play(rate);
    else viewer.stop();
    setPlaying(play);
  }

  function changeFrameRate(rate: number) {
    const clamped = clampFrameRate(rate);
    setFramesPerSecond(clamped);
    if (playing) playOrPause(true, clamped);
  }

  /** Does what a key or button asks; false when it does not apply here. */
  function perform(action: ViewerAction): boolean {
    if (action.kind === 'toggle-mpr') {
      if (!series?.volume) return false;
      setMpr((on) => !on);
      return true;
    }
    if (action.kind === 'preset') {
      const preset = presets.find((p) => p.id === action.preset);
      if (!preset) return false;
      if (mpr) {
        const window = preset.window ?? openingWindow.current;
        if (window) mprHandle.current?.setWindow(window);
      } else if (preset.window) handle.current?.setWindow(preset.window);
      else handle.current?.setAutoWindow();
      return true;
    }
    const viewer = handle.current;
    if (mpr || !viewer || !stack) return false;
    switch (action.kind) {
      case 'scroll':
        viewer.scroll(action.delta);
        return true;
      case 'first':
        viewer.goTo(0);
        return true;
      case 'last':
        viewer.goTo(stack.count - 1);
        return true;
      case 'mouse-mode':
        viewer.setMouseMode(action.mode);
        setMouseMode(action.mode);
        return true;
      case 'zoom':
        viewer.zoomBy(action.factor);
        return true;
      case 'rotate':
        viewer.rotateBy(action.degrees);
        return true;
      case 'flip':
        viewer.flip(action.axis);
        return true;
      case 'invert':
        viewer.toggleInvert();
        return true;
      case 'reset':
        viewer.reset();
        return true;
      case 'play-pause':
        if (!cine) return false;
        playOrPause(!playing);
        return true;
      case 'frame-rate':
        if (!cine) return false;
        changeFrameRate(framesPerSecond + action.delta);
        return true;
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    // Typing in the frame-rate box or moving the scrubber is not a shortcut.
    if (event.target instanceof HTMLInputElement) return;
    const action = viewerActionFor(event);
    if (action && perform(action)) event.preventDefault();
  }

  return (
    <main className="viewer-page" onKeyDown={onKeyDown}>
      <header className="viewer-bar">
        <Link to={pathOf({ name: 'project', projectId })}>← Project</Link>
        <span className="muted">
          Wheel or ↑/↓: slices or frames · left drag: window/level · right drag: zoom · middle drag: pan · ?:
          all shortcuts
        </span>
      </header>
      {series && (
        <ViewerToolbar
          presets={presets}
          activePreset={activePreset}
          mouseMode={mouseMode}
          mpr={series.volume ? mpr : undefined}
          onAction={perform}
        />
      )}
      <div className="viewer-frame">
        {mpr && series ? (
          <MprView frames={series.frames} handle={mprHandle} initialWindow={currentWindow} />
        ) : (
          <>
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
              onContextMenu={(e) => e.preventDefault()}
            />
            <CornerOverlays unit={series?.unit ?? 'Slice'} stack={stack} details={series?.details ?? {}} />
          </>
        )}
        {status.name === 'loading' && !mpr && <div className="overlay centre">Loading…</div>}
        {status.name === 'failed' && (
          <div className="overlay centre error" role="alert">
            {status.message}
          </div>
        )}
      </div>
      {cine && stack && (
        <CineControls
          index={stack.index}
          count={stack.count}
          playing={playing}
          framesPerSecond={framesPerSecond}
          onPlayPause={() => playOrPause(!playing)}
          onFrameRate={changeFrameRate}
          onFrame={(index) => handle.current?.goTo(index)}
        />
      )}
    </main>
  );
}
