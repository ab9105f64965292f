import { describe, expect, it } from 'vitest';
import { viewerActionFor, viewerShortcuts } from '../viewer/viewer-shortcuts.js';
import { FRAME_LABEL_SHORTCUTS, frameLabelActionFor } from './frame-label-shortcuts.js';

describe('frame-label shortcuts', () => {
  it('reads B as mark start and E as mark end, either case', () => {
    expect(frameLabelActionFor({ key: 'b' })).toEqual({ kind: 'mark-start' });
    expect(frameLabelActionFor({ key: 'E' })).toEqual({ kind: 'mark-end' });
  });

  it('leaves chords, Shift and other keys alone', () => {
    expect(frameLabelActionFor({ key: 'b', ctrlKey: true })).toBeUndefined();
    expect(frameLabelActionFor({ key: 'e', metaKey: true })).toBeUndefined();
    expect(frameLabelActionFor({ key: 'B', shiftKey: true })).toBeUndefined();
    expect(frameLabelActionFor({ key: 'w' })).toBeUndefined();
    expect(frameLabelActionFor({ key: 'ArrowDown' })).toBeUndefined();
  });

  it("takes no key the viewer or the app's global shortcuts use", () => {
    const viewerKeys = new Set(viewerShortcuts.flatMap((s) => s.keys));
    const globalKeys = ['G', 'O', 'P', 'N', '?'];
    for (const shortcut of FRAME_LABEL_SHORTCUTS) {
      for (const key of shortcut.keys) {
        expect(viewerKeys.has(key)).toBe(false);
        expect(globalKeys).not.toContain(key);
        expect(viewerActionFor({ key: key.toLowerCase() })).toBeUndefined();
      }
    }
  });

  it('lists every action once, for the help overlay', () => {
    expect(FRAME_LABEL_SHORTCUTS.map((s) => [s.keys, s.group, s.action.kind])).toEqual([
      [['B'], 'Frame labels', 'mark-start'],
      [['E'], 'Frame labels', 'mark-end'],
    ]);
  });
});
