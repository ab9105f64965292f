import {
  cache,
  Enums,
  RenderingEngine,
  setVolumesForViewports,
  type Types,
  volumeLoader,
} from '@cornerstonejs/core';
import {
  CrosshairsTool,
  PanTool,
  StackScrollTool,
  Enums as ToolEnums,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { registerFrameMetadata, setUpCornerstone } from './cornerstone-setup.js';
import type { SeriesFrame } from './series-image-ids.js';
import { voiRangeOf, type WindowLevel } from './window-level-presets.js';

export type MprPlane = 'axial' | 'sagittal' | 'coronal';
export const MPR_PLANES: readonly MprPlane[] = ['axial', 'sagittal', 'coronal'];

const ORIENTATION: Readonly<Record<MprPlane, Enums.OrientationAxis>> = {
  axial: Enums.OrientationAxis.AXIAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
  coronal: Enums.OrientationAxis.CORONAL,
};

export interface MprViewerHandle {
  setWindow(window: WindowLevel): void;
  destroy(): void;
}

let nextId = 0;

/**
 * Three orthographic VolumeViewports (axial, sagittal, coronal) over one streaming volume built from the
 * series' `wadors:` image ids, linked by crosshairs: left drag moves the crosshairs, the wheel scrolls a
 * plane, right drag zooms, middle drag pans, Ctrl+left drag sets window/level. Resolves once the
 * viewports show the volume; its slices keep streaming in afterwards.
 */
export async function openMprViewer(
  elements: Readonly<Record<MprPlane, HTMLDivElement>>,
  frames: readonly SeriesFrame[],
  onWindow: (window: WindowLevel) => void,
): Promise<MprViewerHandle> {
  await setUpCornerstone();
  registerFrameMetadata(frames);
  const id = `voxelhub-mpr-${++nextId}`;
  const engine = new RenderingEngine(`${id}-engine`);
  const viewportIds = MPR_PLANES.map((plane) => `${id}-${plane}`);
  engine.setViewports(
    MPR_PLANES.map((plane, i) => ({
      viewportId: viewportIds[i]!,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      element: elements[plane],
      defaultOptions: { orientation: ORIENTATION[plane], background: [0, 0, 0] as Types.Point3 },
    })),
  );
  const volumeId = `cornerstoneStreamingImageVolume:${id}`;
  const group = ToolGroupManager.createToolGroup(`${id}-tools`);
  if (!group) throw new Error(`a tool group for ${id} exists already`);
  const onVoi = (event: Event) => {
    const range = (event as CustomEvent<{ range?: Types.VOIRange }>).detail.range;
    if (range) onWindow({ width: range.upper - range.lower, center: (range.upper + range.lower) / 2 });
  };
  for (const plane of MPR_PLANES) elements[plane].addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
  // Panes change size with the window and the side panels; the canvases follow (else they stretch).
  const resizer = new ResizeObserver(() => engine.resize(true, true));
  for (const plane of MPR_PLANES) resizer.observe(elements[plane]);
  const destroy = () => {
    resizer.disconnect();
    for (const plane of MPR_PLANES) elements[plane].removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    ToolGroupManager.destroyToolGroup(group.id);
    engine.destroy();
    cache.removeVolumeLoadObject(volumeId);
  };
  try {
    const volume = await volumeLoader.createAndCacheVolume(volumeId, {
      imageIds: frames.map((f) => f.imageId),
    });
    // Streams the slices in; each plane redraws as they arrive.
    (volume as unknown as { load(): void }).load();
    await setVolumesForViewports(engine, [{ volumeId }], viewportIds);
    bindMprTools(group, viewportIds, engine.id);
    engine.renderViewports(viewportIds);
  } catch (error) {
    destroy();
    throw error;
  }
  const viewports = () => viewportIds.map((v) => engine.getViewport(v) as Types.IVolumeViewport);
  return {
    setWindow(window) {
      for (const viewport of viewports()) viewport.setProperties({ voiRange: voiRangeOf(window) });
      engine.renderViewports(viewportIds);
      onWindow(window);
    },
    destroy,
  };
}

function bindMprTools(
  group: ReturnType<typeof ToolGroupManager.createToolGroup> & object,
  viewportIds: string[],
  engineId: string,
) {
  const { MouseBindings, KeyboardBindings } = ToolEnums;
  for (const tool of [CrosshairsTool, WindowLevelTool, StackScrollTool, ZoomTool, PanTool])
    group.addTool(tool.toolName);
  for (const viewportId of viewportIds) group.addViewport(viewportId, engineId);
  group.setToolActive(CrosshairsTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  group.setToolActive(WindowLevelTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl }],
  });
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
}
