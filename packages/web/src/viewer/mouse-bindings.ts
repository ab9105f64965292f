import {
  PanTool,
  StackScrollTool,
  Enums as ToolEnums,
  type Types as ToolTypes,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import type { MouseMode } from './viewer-shortcuts.js';

type ToolGroup = ToolTypes.IToolGroup;
const { MouseBindings } = ToolEnums;

const TOOL_OF_MODE: Readonly<Record<MouseMode, string>> = {
  'window-level': WindowLevelTool.toolName,
  zoom: ZoomTool.toolName,
  pan: PanTool.toolName,
};

/**
 * The viewer's fixed mouse bindings: the wheel scrolls, right drag zooms, middle drag pans; the left
 * button follows the chosen mouse mode (window/level first).
 */
export function bindNavigationTools(group: ToolGroup): void {
  for (const tool of [WindowLevelTool, StackScrollTool, ZoomTool, PanTool]) group.addTool(tool.toolName);
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  setLeftDrag(group, 'window-level');
}

/** Takes the left button from the navigation tools (a drawing tool gets it); their other buttons stay. */
export function releaseLeftDrag(group: ToolGroup): void {
  for (const toolName of Object.values(TOOL_OF_MODE)) group.setToolPassive(toolName);
}

/** Gives the left button to one tool; the others keep their other buttons (setToolPassive drops only the left). */
export function setLeftDrag(group: ToolGroup, mode: MouseMode): void {
  for (const [other, toolName] of Object.entries(TOOL_OF_MODE))
    if (other !== mode) group.setToolPassive(toolName);
  group.setToolActive(TOOL_OF_MODE[mode], { bindings: [{ mouseButton: MouseBindings.Primary }] });
}
