import {
  AngleTool,
  addTool,
  CircleROITool,
  EllipticalROITool,
  LengthTool,
  PlanarFreehandROITool,
  ProbeTool,
  RectangleROITool,
  SplineROITool,
  Enums as ToolEnums,
  type Types as ToolTypes,
  state as toolState,
} from '@cornerstonejs/tools';
import { releaseLeftDrag } from '../mouse-bindings.js';
import { BoundingBoxTool, Box3DTool } from './box-tools.js';
import { DRAW_TOOLS, type DrawTool } from './draw-tools.js';

type ToolGroup = ToolTypes.IToolGroup;

const TOOL_CLASSES = [
  LengthTool,
  AngleTool,
  RectangleROITool,
  EllipticalROITool,
  CircleROITool,
  PlanarFreehandROITool,
  SplineROITool,
  ProbeTool,
  BoundingBoxTool,
  Box3DTool,
];

let registered = false;

/** Registers the drawing tools with Cornerstone once per page. */
function registerTools(): void {
  if (registered) return;
  for (const tool of TOOL_CLASSES) if (!toolState.tools[tool.toolName]) addTool(tool);
  registered = true;
}

/**
 * Adds every drawing tool to the group, passive: annotations show and their handles can be dragged with
 * the left button whatever tool draws. Polygons are linear splines (click the corners); freehand contours
 * and polylines are drawn by dragging, a polyline's ends left open.
 */
export function addAnnotationTools(group: ToolGroup): void {
  registerTools();
  for (const tool of TOOL_CLASSES) {
    if (group.hasTool(tool.toolName)) continue;
    const configuration =
      tool === SplineROITool
        ? { spline: { type: 'LINEAR' }, calculateStats: false, getTextLines: () => [] }
        : tool === PlanarFreehandROITool
          ? { allowOpenContours: true, calculateStats: true }
          : {};
    group.addTool(tool.toolName, configuration);
    group.setToolPassive(tool.toolName);
  }
}

/**
 * Gives the left button to `tool`, or takes it from every drawing tool (null: the caller gives it back to a
 * navigation tool). The others stay passive, so their handles still edit.
 */
export function setDrawTool(group: ToolGroup, tool: DrawTool | null): void {
  if (tool) releaseLeftDrag(group);
  for (const other of new Set(DRAW_TOOLS.map((t) => t.toolName)))
    if (other !== tool?.toolName) group.setToolPassive(other);
  if (tool)
    group.setToolActive(tool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
}
