import type { AnnotationType, LabelType } from '@voxelhub/core/annotation';
import { CORNERSTONE_TOOL } from '../../annotations/cornerstone/cornerstone-annotation.js';

/** The viewer's drawing tools: each makes one annotation type with one Cornerstone3D tool. */
export type DrawToolId =
  | 'length'
  | 'angle'
  | 'box2d'
  | 'box3d'
  | 'rectangleRoi'
  | 'ellipseRoi'
  | 'circleRoi'
  | 'polygon'
  | 'freehandContour'
  | 'polyline'
  | 'landmark';

export interface DrawTool {
  readonly id: DrawToolId;
  readonly title: string;
  /** The key as the help overlay shows it, and `KeyboardEvent.code`/shift that trigger it. */
  readonly key: string;
  readonly code: string;
  readonly shift: boolean;
  readonly annotationType: AnnotationType;
  readonly labelType: LabelType;
  /** The Cornerstone3D tool (in the viewport's tool group) that draws it. */
  readonly toolName: string;
}

const tool = (
  id: DrawToolId,
  title: string,
  key: string,
  labelType: LabelType,
  toolName: string,
): DrawTool => {
  const shift = key.startsWith('Shift+');
  const letter = key.replace('Shift+', '');
  return {
    id,
    title,
    key,
    code: `Key${letter}`,
    shift,
    annotationType: id === 'freehandContour' ? 'freehandContour' : id,
    labelType,
    toolName,
  };
};

/**
 * Letters stay clear of the viewer's view keys (W Z D H V I R M), the app's (G O P N ?) and plain digits,
 * which pick labels.
 */
export const DRAW_TOOLS: readonly DrawTool[] = [
  tool('length', 'Length', 'L', 'measurement', CORNERSTONE_TOOL.length),
  tool('angle', 'Angle', 'A', 'measurement', CORNERSTONE_TOOL.angle),
  tool(
    'rectangleRoi',
    'Rectangle region (area, mean, SD, min, max)',
    'T',
    'measurement',
    CORNERSTONE_TOOL.rectangleRoi,
  ),
  tool('ellipseRoi', 'Ellipse region', 'Shift+C', 'measurement', CORNERSTONE_TOOL.ellipticalRoi),
  tool('circleRoi', 'Circle region', 'C', 'measurement', CORNERSTONE_TOOL.circleRoi),
  tool('box2d', 'Bounding box', 'X', 'box', CORNERSTONE_TOOL.boundingBox),
  tool('box3d', '3D box (spans slices)', 'Shift+X', 'box', CORNERSTONE_TOOL.box3d),
  tool(
    'polygon',
    'Polygon (click the corners, click the first to close)',
    'Y',
    'polygon',
    CORNERSTONE_TOOL.splineRoi,
  ),
  tool('freehandContour', 'Freehand contour (drag)', 'F', 'polygon', CORNERSTONE_TOOL.planarFreehandRoi),
  tool('polyline', 'Polyline (drag, open end)', 'U', 'polyline', CORNERSTONE_TOOL.planarFreehandRoi),
  tool('landmark', 'Landmark point', 'K', 'point', CORNERSTONE_TOOL.probe),
];

export function drawToolById(id: DrawToolId): DrawTool {
  return DRAW_TOOLS.find((t) => t.id === id)!;
}

/** The tool a key press picks, if any (modifier keys other than Shift never do). */
export function drawToolForKey(event: {
  readonly code: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}): DrawTool | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  return DRAW_TOOLS.find((t) => t.code === event.code && t.shift === event.shiftKey);
}

/** The drawing tool a label's type starts with when the label is picked (1–9) and no fitting tool is on. */
export const DEFAULT_TOOL_OF_LABEL_TYPE: Partial<Record<LabelType, DrawToolId>> = {
  box: 'box2d',
  polygon: 'polygon',
  polyline: 'polyline',
  point: 'landmark',
  measurement: 'length',
};
