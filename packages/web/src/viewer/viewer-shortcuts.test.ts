import { describe, expect, it } from 'vitest';
import { shortcutHint, viewerActionFor, viewerShortcuts } from './viewer-shortcuts.js';

describe('viewerShortcuts', () => {
  it('gives every key one action', () => {
    const keys = viewerShortcuts.flatMap((s) => s.keys.map((k) => (k.length === 1 ? k.toUpperCase() : k)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves plain digits 1–9 free for picking labels', () => {
    for (let d = 1; d <= 9; d++)
      expect(viewerActionFor({ key: String(d), code: `Digit${d}` })).toBeUndefined();
  });

  it("leaves the app's global keys (g p, g o, n, ?) to the app", () => {
    for (const key of ['g', 'o', 'p', 'n', '?', 'Escape']) expect(viewerActionFor({ key })).toBeUndefined();
  });

  it('maps every listed key back to its action', () => {
    expect(viewerActionFor({ key: 'ArrowDown' })).toEqual({ kind: 'scroll', delta: 1 });
    expect(viewerActionFor({ key: ' ' })).toEqual({ kind: 'play-pause' });
    expect(viewerActionFor({ key: 'h' })).toEqual({ kind: 'flip', axis: 'horizontal' });
    expect(viewerActionFor({ key: 'H', shiftKey: true })).toEqual({ kind: 'flip', axis: 'horizontal' });
    expect(viewerActionFor({ key: ']' })).toEqual({ kind: 'rotate', degrees: 90 });
    expect(viewerActionFor({ key: 'm' })).toEqual({ kind: 'toggle-mpr' });
  });

  it('reads window presets from Shift and the physical digit key, whatever the layout types', () => {
    expect(viewerActionFor({ key: '!', code: 'Digit1', shiftKey: true })).toEqual({
      kind: 'preset',
      preset: 'lung',
    });
    expect(viewerActionFor({ key: '+', code: 'Digit1', shiftKey: true })).toEqual({
      kind: 'preset',
      preset: 'lung',
    });
    expect(viewerActionFor({ key: ')', code: 'Digit0', shiftKey: true })).toEqual({
      kind: 'preset',
      preset: 'auto',
    });
    expect(viewerActionFor({ key: '%', code: 'Digit5', shiftKey: true })).toEqual({
      kind: 'preset',
      preset: 'liver',
    });
  });

  it('tells Shift+arrow (frame rate) from a plain arrow (scroll)', () => {
    expect(viewerActionFor({ key: 'ArrowUp', shiftKey: true })).toEqual({ kind: 'frame-rate', delta: 5 });
    expect(viewerActionFor({ key: 'ArrowUp' })).toEqual({ kind: 'scroll', delta: -1 });
  });

  it('leaves browser chords alone', () => {
    expect(viewerActionFor({ key: 'r', ctrlKey: true })).toBeUndefined();
    expect(viewerActionFor({ key: '=', metaKey: true })).toBeUndefined();
  });
});

describe('shortcutHint', () => {
  it("names an action's keys for a button title", () => {
    expect(shortcutHint({ kind: 'preset', preset: 'lung' })).toBe(' (Shift+1)');
    expect(shortcutHint({ kind: 'zoom', factor: 1.25 })).toBe(' (+ or =)');
    expect(shortcutHint({ kind: 'zoom', factor: 3 })).toBe('');
  });
});
