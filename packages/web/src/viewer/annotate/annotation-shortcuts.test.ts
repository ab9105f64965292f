import { describe, expect, it } from 'vitest';
import { viewerShortcuts } from '../viewer-shortcuts.js';
import { annotationActionFor, type KeyPress } from './annotation-shortcuts.js';
import { DRAW_TOOLS } from './draw-tools.js';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('annotation keys', () => {
  it('picks labels with plain digits and leaves Shift+digit to the window presets', () => {
    expect(annotationActionFor(press('3', 'Digit3'))).toEqual({ kind: 'pick-label', index: 2 });
    expect(annotationActionFor(press('#', 'Digit3', { shiftKey: true }))).toBeUndefined();
  });

  it('undoes and redoes with Ctrl or Cmd', () => {
    expect(annotationActionFor(press('z', 'KeyZ', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(annotationActionFor(press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toEqual({
      kind: 'redo',
    });
    expect(annotationActionFor(press('y', 'KeyY', { metaKey: true }))).toEqual({ kind: 'redo' });
  });

  it('gives each drawing tool its own key, none taken by the view keys or the app (G O P N)', () => {
    const viewKeys = new Set(viewerShortcuts.flatMap((s) => s.keys).map((k) => k.toUpperCase()));
    const seen = new Set<string>();
    for (const tool of DRAW_TOOLS) {
      expect(seen.has(tool.key), tool.key).toBe(false);
      seen.add(tool.key);
      expect(viewKeys.has(tool.key.toUpperCase()), tool.key).toBe(false);
      expect(['G', 'O', 'P', 'N']).not.toContain(tool.key);
      const [shift, letter] = tool.key.startsWith('Shift+') ? [true, tool.key.slice(6)] : [false, tool.key];
      expect(annotationActionFor(press(letter.toLowerCase(), `Key${letter}`, { shiftKey: shift }))).toEqual({
        kind: 'tool',
        tool: tool.id,
      });
    }
  });

  it('deletes, stops drawing, and moves a 3D box end', () => {
    expect(annotationActionFor(press('Delete', 'Delete'))).toEqual({ kind: 'delete' });
    expect(annotationActionFor(press('Backspace', 'Backspace'))).toEqual({ kind: 'delete' });
    expect(annotationActionFor(press('Escape', 'Escape'))).toEqual({ kind: 'stop-drawing' });
    expect(annotationActionFor(press('<', 'Comma', { shiftKey: true }))).toEqual({
      kind: 'box-end',
      end: 'first',
    });
    expect(annotationActionFor(press('>', 'Period', { shiftKey: true }))).toEqual({
      kind: 'box-end',
      end: 'last',
    });
  });
});
