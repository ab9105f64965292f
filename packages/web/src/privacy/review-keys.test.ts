import { describe, expect, it } from 'vitest';
import { moveSelection, reviewActionOf } from './review-keys.js';

const press = (
  key: string,
  modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => reviewActionOf({ key, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

describe('reviewActionOf', () => {
  it('maps A, R, the arrows and Ctrl+Z', () => {
    expect(
      ['a', 'A', 'r', 'R', 'ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'].map((k) => press(k)),
    ).toEqual(['accept', 'accept', 'reject', 'reject', 'next', 'next', 'previous', 'previous']);
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('z', { metaKey: true })).toBe('undo');
  });

  it('decides once for a key held down, but keeps moving', () => {
    const held = (key: string) =>
      reviewActionOf({ key, ctrlKey: false, metaKey: false, altKey: false, repeat: true });
    expect([held('a'), held('R'), held('ArrowDown')]).toEqual([null, null, 'next']);
  });

  it("leaves the browser's own combinations and other keys alone", () => {
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('a', { metaKey: true })).toBeNull();
    expect(press('z')).toBeNull();
    expect(press('x')).toBeNull();
  });
});

describe('moveSelection', () => {
  it('moves within the list and stops at its ends', () => {
    expect(moveSelection(0, 3, 1)).toBe(1);
    expect(moveSelection(2, 3, 1)).toBe(2);
    expect(moveSelection(0, 3, -1)).toBe(0);
    expect(moveSelection(0, 0, 1)).toBe(-1);
  });
});
