import type { HelpSection } from '../../app/help-sections.js';
import type { KeyPress } from '../viewer-shortcuts.js';
import type { SegmentationTool } from './brush-tools.js';

/** What the segmentation keys ask for. */
export type SegmentationAction =
  | { readonly kind: 'tool'; readonly tool: SegmentationTool }
  | { readonly kind: 'brush-size'; readonly factor: number }
  | { readonly kind: 'fill-holes' }
  | { readonly kind: 'interpolate' };

export interface SegmentationShortcut {
  readonly keys: readonly string[];
  readonly description: string;
  readonly action: SegmentationAction;
}

/**
 * The mask editor's keys, all on Shift: plain letters are the viewer's (W, Z, D, H, V, I, R, M) or kept
 * for frame labels (B, E), digits pick labels, and G, N, O, P and ? are the app's. The viewer reads a
 * shifted letter as the plain one, so none of these is Shift plus a viewer letter. Brush size is matched
 * by physical key, since Shift+[ types '{' on one layout and something else on another.
 */
export const segmentationShortcuts: readonly SegmentationShortcut[] = [
  { keys: ['Shift+B'], description: 'Brush (again: put it down)', action: { kind: 'tool', tool: 'brush' } },
  { keys: ['Shift+E'], description: 'Eraser (again: put it down)', action: { kind: 'tool', tool: 'eraser' } },
  {
    keys: ['Shift+S'],
    description: 'Sphere brush, paints through slices (again: put it down)',
    action: { kind: 'tool', tool: 'sphere' },
  },
  {
    keys: ['Shift+T'],
    description: 'Threshold brush, paints only values in the range (again: put it down)',
    action: { kind: 'tool', tool: 'threshold-brush' },
  },
  { keys: ['Shift+]'], description: 'Larger brush', action: { kind: 'brush-size', factor: 1.25 } },
  { keys: ['Shift+['], description: 'Smaller brush', action: { kind: 'brush-size', factor: 0.8 } },
  { keys: ['Shift+F'], description: 'Fill holes in the segment (2D)', action: { kind: 'fill-holes' } },
  {
    keys: ['Shift+L'],
    description: 'Interpolate the segment between slices',
    action: { kind: 'interpolate' },
  },
];

/** The shortcuts as a section of the `?` help overlay. */
export const segmentationHelpSection: HelpSection = {
  title: 'Viewer · Segmentation',
  entries: segmentationShortcuts.map((s) => ({ keys: s.keys, description: s.description })),
};

const BY_KEY = new Map(segmentationShortcuts.flatMap((s) => s.keys.map((k) => [k, s.action] as const)));
const BRACKETS: Readonly<Record<string, string>> = { BracketLeft: '[', BracketRight: ']' };

/** The action a key press asks for, or undefined: only Shift chords, never with Ctrl, Alt or Meta. */
export function segmentationActionFor(press: KeyPress): SegmentationAction | undefined {
  if (!press.shiftKey || press.ctrlKey || press.altKey || press.metaKey) return undefined;
  const bracket = BRACKETS[press.code ?? ''];
  if (bracket) return BY_KEY.get(`Shift+${bracket}`);
  return press.key.length === 1 ? BY_KEY.get(`Shift+${press.key.toUpperCase()}`) : undefined;
}
