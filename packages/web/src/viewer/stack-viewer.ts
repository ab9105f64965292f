import { Enums, RenderingEngine, type Types } from '@cornerstonejs/core';
import { ToolGroupManager, type Types as ToolTypes, utilities as toolUtilities } from '@cornerstonejs/tools';

type ToolGroup = ToolTypes.IToolGroup;

import { registerFrameMetadata, setUpCornerstone } from './cornerstone-setup.js';
import { bindNavigationTools, setLeftDrag } from './mouse-bindings.js';
import type { SeriesFrame } from './series-image-ids.js';
import type { MouseMode } from './viewer-shortcuts.js';
import { autoWindow, voiRangeOf, type WindowLevel } from './window-level-presets.js';

/** What the viewer shows in its corners; the callback hears each change. */
export interface StackState {
  readonly index: number;
  readonly count: number;
  readonly windowWidth?: number;
  readonly windowCenter?: number;
  /** 1 = the image fitted to the viewport. */
  readonly zoom: number;
  /** Degrees clockwise, 0–270. */
  readonly rotation: number;
  readonly inverted: boolean;
  readonly flippedHorizontally: boolean;
  readonly flippedVertically: boolean;
}

export interface StackViewerHandle {
  readonly viewport: Types.IStackViewport;
  /** The viewport's tool group: annotation and segmentation tools are added to it. */
  readonly toolGroup: ToolGroup;
  /** Runs `teardown` first when the viewer is destroyed (what built on its tools leaves before they go). */
  beforeDestroy(teardown: () => void): void;
  scroll(delta: number): void;
  goTo(index: number): void;
  setWindow(window: WindowLevel): void;
  /** The image's own window (its DICOM window, else its value span). */
  setAutoWindow(): void;
  setMouseMode(mode: MouseMode): void;
  zoomBy(factor: number): void;
  rotateBy(degrees: number): void;
  flip(axis: 'horizontal' | 'vertical'): void;
  toggleInvert(): void;
  reset(): void;
  /** Plays the frames in a loop with Cornerstone3D's cine player; playing again changes the rate. */
  play(framesPerSecond: number): void;
  stop(): void;
  destroy(): void;
}

let nextId = 0;

/**
 * One StackViewport in `element`, with its own rendering engine and tool group: left drag sets window
 * and level (or zooms or pans, by mouse mode), the wheel scrolls, right drag zooms, middle drag pans.
 * Resolves once the first image is on screen.
 */
export async function openStackViewer(
  element: HTMLDivElement,
  frames: readonly SeriesFrame[],
  onChange: (state: StackState) => void,
): Promise<StackViewerHandle> {
  await setUpCornerstone();
  registerFrameMetadata(frames);
  const id = `voxelhub-stack-${++nextId}`;
  const engine = new RenderingEngine(`${id}-engine`);
  engine.enableElement({ viewportId: id, type: Enums.ViewportType.STACK, element });
  const viewport = engine.getViewport(id) as Types.IStackViewport;
  const group = ToolGroupManager.createToolGroup(`${id}-tools`);
  if (!group) throw new Error(`a tool group for ${id} exists already`);
  bindNavigationTools(group);
  group.addViewport(id, engine.id);

  const count = frames.length;
  let voi: Pick<StackState, 'windowWidth' | 'windowCenter'> = {};
  const report = () => {
    const camera = viewport.getCamera();
    onChange({
      index: viewport.getCurrentImageIdIndex(),
      count,
      ...voi,
      zoom: viewport.getZoom(),
      rotation: (((viewport.getViewPresentation().rotation ?? 0) % 360) + 360) % 360,
      inverted: viewport.getProperties().invert ?? false,
      flippedHorizontally: camera.flipHorizontal ?? false,
      flippedVertically: camera.flipVertical ?? false,
    });
  };
  const onVoi = (event: Event) => {
    const range = (event as CustomEvent<{ range?: Types.VOIRange }>).detail.range;
    if (range)
      voi = { windowWidth: range.upper - range.lower, windowCenter: (range.upper + range.lower) / 2 };
    report();
  };
  const events = [Enums.Events.STACK_NEW_IMAGE, Enums.Events.CAMERA_MODIFIED] as const;
  for (const name of events) element.addEventListener(name, report);
  element.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);

  // The viewport's box changes when side panels open or the window resizes: the canvas must follow, or the
  // image is drawn stretched into the new box.
  // The view (zoom and pan relative to the fitted image, rotation, flips) is kept across the resize.
  const resizer = new ResizeObserver(() => {
    const presentation = viewport.getViewPresentation();
    engine.resize(true, false);
    viewport.setViewPresentation(presentation);
    viewport.render();
  });
  resizer.observe(element);
  const stop = () => toolUtilities.cine.stopClip(element);
  const teardowns: (() => void)[] = [];
  const destroy = () => {
    for (const teardown of teardowns.splice(0).reverse()) teardown();
    resizer.disconnect();
    stop();
    toolUtilities.stackPrefetch.disable(element);
    for (const name of events) element.removeEventListener(name, report);
    element.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    ToolGroupManager.destroyToolGroup(group.id);
    engine.destroy();
  };
  try {
    await viewport.setStack(
      frames.map((f) => f.imageId),
      0,
    );
  } catch (error) {
    destroy();
    throw error;
  }
  // Resolves once the first image is drawn, not merely handed over: the time to the first image is then
  // what the user sees (the first WebGL draw can take a second under software rendering).
  const rendered = new Promise<void>((resolve) =>
    element.addEventListener(Enums.Events.IMAGE_RENDERED, () => resolve(), { once: true }),
  );
  viewport.render();
  await Promise.race([rendered, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  report();
  // Loads the rest of the stack in the background, nearest slices first: scrolling and the cine then
  // show cached frames (the cine's scroll skips frames that are still loading, and a late one could
  // overwrite a frame the user picked with the scrubber).
  toolUtilities.stackPrefetch.enable(element);

  // Each change renders and reports, so the corners follow the buttons as well as the mouse.
  const change = (apply: () => void) => {
    apply();
    viewport.render();
    report();
  };
  const setWindow = (window: WindowLevel) =>
    change(() => viewport.setProperties({ voiRange: voiRangeOf(window) }));
  return {
    viewport,
    toolGroup: group,
    beforeDestroy: (teardown) => teardowns.push(teardown),
    scroll: (delta) => viewport.scroll(delta),
    goTo: (index) => void viewport.setImageIdIndex(Math.max(0, Math.min(count - 1, index))),
    setWindow,
    setAutoWindow: () => {
      const window = autoWindow(viewport.getCornerstoneImage());
      if (window) setWindow(window);
    },
    setMouseMode: (mode) => setLeftDrag(group, mode),
    zoomBy: (factor) => change(() => viewport.setZoom(viewport.getZoom() * factor)),
    rotateBy: (degrees) =>
      change(() =>
        viewport.setViewPresentation({ rotation: (viewport.getViewPresentation().rotation ?? 0) + degrees }),
      ),
    flip: (axis) =>
      change(() => {
        const camera = viewport.getCamera();
        viewport.setCamera(
          axis === 'horizontal'
            ? { flipHorizontal: !camera.flipHorizontal }
            : { flipVertical: !camera.flipVertical },
        );
      }),
    toggleInvert: () => change(() => viewport.setProperties({ invert: !viewport.getProperties().invert })),
    reset: () =>
      change(() => {
        viewport.setViewPresentation({ rotation: 0, flipHorizontal: false, flipVertical: false });
        viewport.resetCamera();
        viewport.resetProperties();
      }),
    play: (framesPerSecond) => {
      stop();
      toolUtilities.cine.playClip(element, { framesPerSecond, loop: true });
    },
    stop,
    destroy,
  };
}
