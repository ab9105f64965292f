import {
  addTool,
  BrushTool,
  Enums as ToolEnums,
  type Types as ToolTypes,
  utilities as toolUtilities,
} from '@cornerstonejs/tools';

type ToolGroup = ToolTypes.IToolGroup;

/** The editor's tools: each one BrushTool instance with its own strategy. */
export type SegmentationTool = 'brush' | 'eraser' | 'sphere' | 'threshold-brush';

export const SEGMENTATION_TOOLS: readonly SegmentationTool[] = [
  'brush',
  'eraser',
  'sphere',
  'threshold-brush',
];

/** Cornerstone's strategy names (BrushTool's configuration.strategies) for each tool. */
const STRATEGY: Readonly<Record<SegmentationTool, string>> = {
  brush: 'FILL_INSIDE_CIRCLE',
  eraser: 'ERASE_INSIDE_CIRCLE',
  sphere: 'FILL_INSIDE_SPHERE',
  'threshold-brush': 'THRESHOLD_INSIDE_CIRCLE',
};

/** Tool instance names: one per strategy, so each keeps its own cursor and configuration. */
const INSTANCE: Readonly<Record<SegmentationTool, string>> = {
  brush: 'VoxelhubBrush',
  eraser: 'VoxelhubEraser',
  sphere: 'VoxelhubSphereBrush',
  'threshold-brush': 'VoxelhubThresholdBrush',
};

/** Image values (HU on CT) a threshold brush paints between, inclusive. */
export interface ThresholdRange {
  readonly lower: number;
  readonly upper: number;
}

/**
 * The brush instances in one tool group, and who had the left button before them: the viewer's own
 * left-drag tool (window/level, zoom or pan) gets it back when the brush is put down.
 */
export class BrushTools {
  readonly #group: ToolGroup;
  #active: SegmentationTool | null = null;
  #previousPrimary: string | undefined;

  constructor(group: ToolGroup, radiusMm: number) {
    addTool(BrushTool);
    this.#group = group;
    for (const tool of SEGMENTATION_TOOLS) {
      if (!group.hasTool(INSTANCE[tool]))
        group.addToolInstance(INSTANCE[tool], BrushTool.toolName, {
          activeStrategy: STRATEGY[tool],
          brushSize: radiusMm,
          // isDynamic false: paint exactly the range given, not one sampled around the click.
          ...(tool === 'threshold-brush'
            ? { threshold: { isDynamic: false, range: [-Infinity, Infinity] } }
            : {}),
        });
      group.setToolPassive(INSTANCE[tool]);
    }
  }

  get active(): SegmentationTool | null {
    return this.#active;
  }

  /** Gives the left button to `tool`, or (null) hands it back to the tool that had it. */
  use(tool: SegmentationTool | null): void {
    if (tool === this.#active) return;
    const group = this.#group;
    if (this.#active === null) {
      this.#previousPrimary = group.getActivePrimaryMouseButtonTool();
      if (this.#previousPrimary) group.setToolPassive(this.#previousPrimary);
    } else {
      group.setToolPassive(INSTANCE[this.#active]);
    }
    this.#active = tool;
    const primary = tool === null ? this.#previousPrimary : INSTANCE[tool];
    if (primary)
      group.setToolActive(primary, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
  }

  /** Brush radius in millimetres, for every brush (Cornerstone's brushSize is a radius in world units). */
  setRadius(radiusMm: number): void {
    for (const tool of SEGMENTATION_TOOLS)
      toolUtilities.segmentation.setBrushSizeForToolGroup(this.#group.id, radiusMm, INSTANCE[tool]);
  }

  setThreshold(range: ThresholdRange): void {
    const lower = Math.min(range.lower, range.upper);
    const upper = Math.max(range.lower, range.upper);
    const instance = this.#group.getToolInstance(INSTANCE['threshold-brush']) as
      | { configuration: { threshold?: object } }
      | undefined;
    if (!instance) return;
    instance.configuration = {
      ...instance.configuration,
      threshold: { ...instance.configuration.threshold, isDynamic: false, range: [lower, upper] },
    };
  }

  /** Puts the brushes down for good (the group may outlive the editor). */
  dispose(): void {
    this.use(null);
    for (const tool of SEGMENTATION_TOOLS) this.#group.setToolDisabled(INSTANCE[tool]);
  }
}
