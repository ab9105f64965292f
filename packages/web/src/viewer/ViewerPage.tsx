import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import { SaveIndicator } from '../annotations/SaveIndicator.js';
import { markKeyHandled } from '../app/handled-keys.js';
import { Link } from '../app/Link.js';
import { type AuthorFilter, pathOf } from '../app/routes.js';
import { ClassificationPanel } from '../classify/ClassificationPanel.js';
import { type FrameLabelsHandle, FrameLabelsPanel } from '../classify/FrameLabelsPanel.js';
import { frameLabelActionFor } from '../classify/frame-label-shortcuts.js';
import { AuthorFilterBanner } from './annotate/AuthorFilterBanner.js';
import { authorBannerOf } from './annotate/author-filter.js';
import { CineFrameRanges } from './annotate/CineFrameRanges.js';
import { activateSegmentOf } from './annotate/mask-label.js';
import { useViewerAnnotations } from './annotate/use-viewer-annotations.js';
import { useViewerSegmentation } from './annotate/use-viewer-segmentation.js';
import { ViewerAnnotationPanel } from './annotate/ViewerAnnotationPanel.js';
import {
  isApiImageAddress,
  loadViewerFrames,
  type ViewerAddress,
  viewerAddressKey,
} from './api-images/viewer-address.js';
import { CineControls } from './CineControls.js';
import { CornerOverlays } from './CornerOverlays.js';
import { clampFrameRate, recordedFrameRate } from './cine-rate.js';
import { type ImageDetails, imageDetailsOf } from './image-details.js';
import { MprView } from './MprView.js';
import type { MprViewerHandle } from './mpr-viewer.js';
import { SegmentationPanel } from './segmentation/SegmentationPanel.js';
import { performSegmentationAction } from './segmentation/segmentation-actions.js';
import { segmentationActionFor } from './segmentation/segmentation-shortcuts.js';
import type { SeriesFrame } from './series-image-ids.js';
import { openStackViewer, type StackState, type StackViewerHandle } from './stack-viewer.js';
import { TaskBar } from './task/TaskBar.js';
import { taskActionFor } from './task/task-shortcuts.js';
import { useViewerTask } from './task/use-viewer-task.js';
import { ViewerSeriesNavigation } from './ViewerSeriesNavigation.js';
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
 * A DICOM series or an image stored as a file (NIfTI, PNG, JPEG): a StackViewport with window presets,
 * view tools, cine controls for multi-frame images and corner overlays, or (for volumes) axial, sagittal
 * and coronal views with crosshairs. With `authorId` (the address's `?author=`) only that author's annotations
 * are loaded, and a banner over the annotation panel says so.
 */
export function ViewerPage(address: ViewerAddress & AuthorFilter) {
  const { projectId, authorId, itemId } = address;
  const addressKey = viewerAddressKey(address);
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
  const frameLabels = useRef<FrameLabelsHandle | null>(null);
  const [openViewer, setOpenViewer] = useState<StackViewerHandle | null>(null);
  const shownImageId = isApiImageAddress(address) ? address.imageId : undefined;
  const shownSeriesUid = isApiImageAddress(address) ? undefined : address.seriesUid;
  const shows = useMemo(
    () => (shownImageId ? { imageId: shownImageId } : { seriesUid: shownSeriesUid ?? '' }),
    [shownImageId, shownSeriesUid],
  );
  const authorBanner = authorBannerOf(address, { authorId, itemId });
  const banner = authorBanner && <AuthorFilterBanner projectId={projectId} banner={authorBanner} />;
  const annotations = useViewerAnnotations({
    projectId,
    shows,
    authorId,
    frames: series?.frames ?? null,
    cine: series?.unit === 'Frame',
    viewer: openViewer,
    restoreMouseMode: () => handle.current?.setMouseMode(mouseMode),
    onDrawTool: () => maskEditor.current?.setTool(null),
    onMaskLabel: (label) => {
      const editor = maskEditor.current;
      if (!editor) return;
      activateSegmentOf(editor, label);
      if (!editor.tool) editor.setTool('brush');
    },
    beforeHistory: () => segmentation.flush(),
  });
  const segmentation = useViewerSegmentation({
    projectId,
    viewer: openViewer,
    session: annotations.session,
    place: annotations.place,
    frames: series?.frames ?? null,
    labels: annotations.labels,
    labelId: annotations.labelId,
    readOnly: annotations.readOnly,
  });
  const task = useViewerTask(projectId, annotations.place?.target ?? null);
  const maskEditor = useRef(segmentation.editor);
  maskEditor.current = segmentation.editor;

  // biome-ignore lint/correctness/useExhaustiveDependencies: addressKey names the address, a new object each render.
  useEffect(() => {
    started.current = performance.now();
    let cancelled = false;
    setSeries(null);
    reopening.current = false;
    setStatus({ name: 'loading' });
    setMpr(false);
    loadViewerFrames(address)
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
  }, [addressKey]);

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
        setOpenViewer(opened);
        setStatus({ name: 'ready', firstImageMs: Math.round(performance.now() - started.current) });
        element.current?.focus();
      })
      .catch((error: unknown) => !cancelled && setStatus({ name: 'failed', message: errorMessage(error) }));
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
      setOpenViewer(null);
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

  /** A navigation mode takes the left button back from a drawing tool. */
  function chooseMouseMode(viewer: StackViewerHandle, mode: MouseMode) {
    segmentation.editor?.setTool(null);
    if (annotations.tool) annotations.pickTool(null);
    viewer.setMouseMode(mode);
    setMouseMode(mode);
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
        chooseMouseMode(viewer, action.mode);
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
    // Typing in the frame-rate box, a label's text or moving the scrubber is not a shortcut.
    const target = event.target;
    if (
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement
    )
      return;
    const taskAction = taskActionFor(event);
    if (taskAction && (task.current || taskAction === 'previous')) {
      void (taskAction === 'done-next' ? task.finish('done') : task.goToPrevious());
      markKeyHandled(event.nativeEvent);
      return;
    }
    const frameAction = frameLabelActionFor(event);
    if (frameAction && frameLabels.current?.perform(frameAction)) {
      markKeyHandled(event.nativeEvent);
      return;
    }
    const maskAction = segmentationActionFor(event);
    if (maskAction && segmentation.editor && !mpr) {
      if (maskAction.kind === 'tool' && annotations.tool) annotations.pickTool(null);
      if (performSegmentationAction(segmentation.editor, maskAction, currentWindow))
        markKeyHandled(event.nativeEvent);
      return;
    }
    if (!mpr && annotations.handleKey(event)) {
      markKeyHandled(event.nativeEvent);
      return;
    }
    const action = viewerActionFor(event);
    if (action && perform(action)) markKeyHandled(event.nativeEvent);
  }

  /** The labels, frame ranges (cine) and masks panels, under the drawn annotations' list. */
  function sidePanels(entries: readonly AnnotationEntry[]) {
    const { session, place, readOnly } = annotations;
    if (!session || !place || !stack) return null;
    return (
      <>
        {place.cine && place.target.imageId && (
          <FrameLabelsPanel
            labels={annotations.labels}
            entries={entries}
            history={session.history}
            target={place.target}
            imageId={place.target.imageId}
            frameIndex={stack.index}
            frameCount={stack.count}
            onSeek={(frame) => handle.current?.goTo(frame)}
            readOnly={readOnly}
            selectedLabelId={annotations.labelId ?? null}
            handle={frameLabels}
          />
        )}
        {segmentation.editor && (
          <SegmentationPanel
            editor={segmentation.editor}
            labels={annotations.labels.filter((l) => l.type === 'mask')}
            window={currentWindow}
            syncStatus={segmentation.status}
          />
        )}
        {segmentation.problem && (
          <p className="annotation-problem" role="alert">
            {segmentation.problem}
          </p>
        )}
        <ClassificationPanel
          labels={annotations.labels}
          entries={entries}
          history={session.history}
          target={place.target}
          imageRef={place.imageRefAt(stack.index)}
          readOnly={readOnly}
        />
      </>
    );
  }

  return (
    <main className="viewer-page" onKeyDown={onKeyDown}>
      <header className="viewer-bar">
        <Link to={pathOf({ name: 'project', projectId })}>← Project</Link>
        <span className="muted">
          Wheel or ↑/↓: slices or frames · left drag: window/level · right drag: zoom · middle drag: pan ·
          1–9: label · ?: all shortcuts
        </span>
        <TaskBar task={task} />
        {annotations.session && (
          <SaveIndicator store={annotations.session.store} labels={annotations.labels} />
        )}
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
      <div className="viewer-body">
        {!isApiImageAddress(address) && (
          <ViewerSeriesNavigation
            projectId={projectId}
            studyUid={address.studyUid}
            seriesUid={address.seriesUid}
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
        {annotations.session && annotations.place ? (
          <ViewerAnnotationPanel
            projectId={projectId}
            annotations={annotations}
            session={annotations.session}
            place={annotations.place}
            banner={banner}
          >
            {(entries) => sidePanels(entries)}
          </ViewerAnnotationPanel>
        ) : (
          annotations.problem && (
            <aside className="annotation-sidebar" aria-label="Annotations">
              {banner}
              <p className="annotation-problem" role="alert">
                {annotations.problem}
              </p>
            </aside>
          )
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
          underScrubber={
            annotations.session &&
            annotations.place && (
              <CineFrameRanges
                session={annotations.session}
                place={annotations.place}
                labels={annotations.labels}
                frameIndex={stack.index}
                onSeek={(frame) => handle.current?.goTo(frame)}
              />
            )
          }
        />
      )}
    </main>
  );
}
