import { Enums, RenderingEngine, type Types } from '@cornerstonejs/core';
import {
  PanTool,
  StackScrollTool,
  Enums as ToolEnums,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { registerFrameMetadata, setUpCornerstone } from './cornerstone-setup.js';
import type { SeriesFrame } from './series-image-ids.js';

/** What the viewer shows in its corners; the callback hears each change. */
export interface StackState {
  readonly index: number;
  readonly count: number;
  readonly windowWidth?: number;
  readonly windowCenter?: number;
}

export interface StackViewerHandle {
  readonly viewport: Types.IStackViewport;
  scroll(delta: number): void;
  reset(): void;
  destroy(): void;
}

let nextId = 0;

/**
 * One StackViewport in `element`, with its own rendering engine and tool group: left drag sets window
 * and level, the wheel scrolls, right drag zooms, middle drag pans. Resolves once the first image is
 * on screen.
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
  const tools = bindTools(id, engine.id);

  const count = frames.length;
  let voi: Pick<StackState, 'windowWidth' | 'windowCenter'> = {};
  const report = () => onChange({ index: viewport.getCurrentImageIdIndex(), count, ...voi });
  const onNewImage = () => report();
  const onVoi = (event: Event) => {
    const range = (event as CustomEvent<{ range?: Types.VOIRange }>).detail.range;
    if (!range) return;
    voi = { windowWidth: range.upper - range.lower, windowCenter: (range.upper + range.lower) / 2 };
    report();
  };
  element.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
  element.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);

  const destroy = () => {
    element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    element.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    ToolGroupManager.destroyToolGroup(tools.id);
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
  viewport.render();
  report();
  return {
    viewport,
    scroll: (delta) => viewport.scroll(delta),
    reset: () => {
      viewport.resetCamera();
      viewport.resetProperties();
      viewport.render();
    },
    destroy,
  };
}

function bindTools(viewportId: string, renderingEngineId: string) {
  const group = ToolGroupManager.createToolGroup(`${viewportId}-tools`);
  if (!group) throw new Error(`a tool group for ${viewportId} exists already`);
  const { MouseBindings } = ToolEnums;
  for (const tool of [WindowLevelTool, StackScrollTool, ZoomTool, PanTool]) group.addTool(tool.toolName);
  group.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.addViewport(viewportId, renderingEngineId);
  return group;
}
