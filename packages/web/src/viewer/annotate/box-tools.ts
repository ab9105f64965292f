import { RectangleROITool } from '@cornerstonejs/tools';
import { CORNERSTONE_TOOL } from '../../annotations/cornerstone/cornerstone-annotation.js';

/**
 * A 2D bounding box: Cornerstone's rectangle with another name, so that boxes and rectangle regions stay
 * apart in the annotation state (a box is a detection target, not a measurement, and shows no statistics).
 */
export class BoundingBoxTool extends RectangleROITool {
  static override toolName = CORNERSTONE_TOOL.boundingBox;
  constructor(toolProps = {}) {
    super({ ...toolProps, configuration: { calculateStats: false, getTextLines: () => [] } });
  }
}

/** The rectangle a 3D box shows on the slice in view; the viewer moves it with the slice (annotation-layer.ts). */
export class Box3DTool extends RectangleROITool {
  static override toolName = CORNERSTONE_TOOL.box3d;
  constructor(toolProps = {}) {
    super({ ...toolProps, configuration: { calculateStats: false, getTextLines: () => [] } });
  }
}
