import type { KeyPress } from '../viewer/viewer-shortcuts.js';

/** What the frame-label keys do. */
export type FrameLabelAction = { readonly kind: 'mark-start' } | { readonly kind: 'mark-end' };

/** A frame-label shortcut, shaped as the viewer's (keys as the help overlay shows them, a group). */
export interface FrameLabelShortcut {
  readonly keys: readonly string[];
  readonly description: string;
  readonly group: 'Frame labels';
  readonly action: FrameLabelAction;
}

/**
 * B(egin) and E(nd): free among the viewer's keys (W Z D H V I R M, brackets, +/−, arrows, Space) and
 * the app's (G, O, P, N, ?), and plain letters, since digits pick labels.
 */
export const FRAME_LABEL_SHORTCUTS: readonly FrameLabelShortcut[] = [
  {
    keys: ['B'],
    description: 'Mark the start of a frame range at this frame',
    group: 'Frame labels',
    action: { kind: 'mark-start' },
  },
  {
    keys: ['E'],
    description: 'Mark the end of a frame range at this frame (adds the range)',
    group: 'Frame labels',
    action: { kind: 'mark-end' },
  },
];

/** The frame-label action a key press asks for, or undefined. Chords and Shift are left to others. */
export function frameLabelActionFor(press: KeyPress): FrameLabelAction | undefined {
  if (press.ctrlKey || press.altKey || press.metaKey || press.shiftKey) return undefined;
  const key = press.key.toUpperCase();
  return FRAME_LABEL_SHORTCUTS.find((s) => s.keys.includes(key))?.action;
}
