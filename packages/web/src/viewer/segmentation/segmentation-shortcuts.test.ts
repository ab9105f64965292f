import { describe, expect, it } from 'vitest';
import { viewerActionFor, viewerShortcuts } from '../viewer-shortcuts.js';
import {
  segmentationActionFor,
  segmentationHelpSection,
  segmentationShortcuts,
} from './segmentation-shortcuts.js';

describe('segmentationActionFor', () => {
  it('reads Shift+letter whatever the case the key comes in', () => {
    expect(segmentationActionFor({ key: 'B', shiftKey: true })).toEqual({ kind: 'tool', tool: 'brush' });
    expect(segmentationActionFor({ key: 't', shiftKey: true })).toEqual({
      kind: 'tool',
      tool: 'threshold-brush',
    });
  });

  it('reads the brush size keys by physical key', () => {
    expect(segmentationActionFor({ key: '{', code: 'BracketLeft', shiftKey: true })).toEqual({
      kind: 'brush-size',
      factor: 0.8,
    });
    expect(segmentationActionFor({ key: '*', code: 'BracketRight', shiftKey: true })?.kind).toBe(
      'brush-size',
    );
  });

  it('leaves plain letters, browser chords and unknown keys alone', () => {
    expect(segmentationActionFor({ key: 'b' })).toBeUndefined();
    expect(segmentationActionFor({ key: 'B', shiftKey: true, ctrlKey: true })).toBeUndefined();
    expect(segmentationActionFor({ key: 'Q', shiftKey: true })).toBeUndefined();
  });

  // The viewer reads Shift+letter as the plain letter, so a letter here must be no viewer letter at all.
  it('takes no key the viewer answers to', () => {
    for (const shortcut of segmentationShortcuts) {
      const key = shortcut.keys[0]!.replace('Shift+', '');
      const code = key === '[' ? 'BracketLeft' : key === ']' ? 'BracketRight' : `Key${key}`;
      const typed = key === '[' ? '{' : key === ']' ? '}' : key;
      expect(viewerActionFor({ key: typed, code, shiftKey: true }), shortcut.keys[0]).toBeUndefined();
      if (/^[A-Z]$/.test(key))
        expect(viewerActionFor({ key: key.toLowerCase(), code }), shortcut.keys[0]).toBeUndefined();
    }
    const viewerKeys = new Set(viewerShortcuts.flatMap((s) => s.keys));
    for (const shortcut of segmentationShortcuts)
      for (const key of shortcut.keys) expect(viewerKeys.has(key)).toBe(false);
  });

  it('lists every shortcut in the help section', () => {
    expect(segmentationHelpSection.entries.map((e) => e.keys[0])).toEqual(
      segmentationShortcuts.map((s) => s.keys[0]),
    );
  });
});
