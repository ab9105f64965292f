import { describe, expect, it } from 'vitest';
import {
  type KeyPress,
  moveIndex,
  queueActionOf,
  reviewActionOf,
  reviewQueueShortcuts,
  reviewScreenShortcuts,
  stepSlice,
} from './review-keys.js';

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, ...extra };
}

describe('queueActionOf', () => {
  it('moves with J/K and the arrows and opens with Enter', () => {
    expect(queueActionOf(press('j'))).toEqual({ kind: 'move', step: 1 });
    expect(queueActionOf(press('J'))).toEqual({ kind: 'move', step: 1 });
    expect(queueActionOf(press('ArrowUp'))).toEqual({ kind: 'move', step: -1 });
    expect(queueActionOf(press('k'))).toEqual({ kind: 'move', step: -1 });
    expect(queueActionOf(press('Enter'))).toEqual({ kind: 'open' });
  });

  it("leaves the browser's keys and a held Enter alone", () => {
    expect(queueActionOf(press('j', { ctrlKey: true }))).toBeNull();
    expect(queueActionOf(press('Enter', { repeat: true }))).toBeNull();
    expect(queueActionOf(press('x'))).toBeNull();
  });
});

describe('reviewActionOf', () => {
  it('accepts the reader with that number only when there is one', () => {
    expect(reviewActionOf(press('1'), 3)).toEqual({ kind: 'accept-reader', index: 0 });
    expect(reviewActionOf(press('3'), 3)).toEqual({ kind: 'accept-reader', index: 2 });
    expect(reviewActionOf(press('4'), 3)).toBeNull();
    expect(reviewActionOf(press('0'), 3)).toBeNull();
  });

  it('maps A, S and O in either case', () => {
    expect(reviewActionOf(press('a'), 2)).toEqual({ kind: 'accept-consensus' });
    expect(reviewActionOf(press('S'), 2)).toEqual({ kind: 'send-back' });
    expect(reviewActionOf(press('o'), 2)).toEqual({ kind: 'toggle-overlay' });
  });

  it('moves through slices as the viewer does, held keys included', () => {
    expect(reviewActionOf(press('ArrowDown', { repeat: true }), 2)).toEqual({ kind: 'slice', delta: 1 });
    expect(reviewActionOf(press('ArrowLeft'), 2)).toEqual({ kind: 'slice', delta: -1 });
    expect(reviewActionOf(press('PageDown'), 2)).toEqual({ kind: 'slice', delta: 10 });
    expect(reviewActionOf(press('PageUp'), 2)).toEqual({ kind: 'slice', delta: -10 });
    expect(reviewActionOf(press('End'), 2)).toEqual({ kind: 'slice-end', end: 'last' });
  });

  it('never decides on a held key or with a modifier', () => {
    expect(reviewActionOf(press('a', { repeat: true }), 2)).toBeNull();
    expect(reviewActionOf(press('1', { repeat: true }), 2)).toBeNull();
    expect(reviewActionOf(press('s', { metaKey: true }), 2)).toBeNull();
  });
});

describe('stepSlice and moveIndex', () => {
  it('keep the position inside its range', () => {
    expect(stepSlice(5, 40, { kind: 'slice', delta: 10 })).toBe(15);
    expect(stepSlice(35, 40, { kind: 'slice', delta: 10 })).toBe(39);
    expect(stepSlice(3, 40, { kind: 'slice', delta: -10 })).toBe(0);
    expect(stepSlice(3, 40, { kind: 'slice-end', end: 'last' })).toBe(39);
    expect(stepSlice(3, 0, { kind: 'slice', delta: 1 })).toBe(0);
    expect(moveIndex(0, 3, -1)).toBe(0);
    expect(moveIndex(1, 3, 1)).toBe(2);
    expect(moveIndex(2, 3, 1)).toBe(2);
    expect(moveIndex(0, 0, 1)).toBe(-1);
  });
});

describe('help lines', () => {
  it('name each key once per screen', () => {
    for (const list of [reviewQueueShortcuts, reviewScreenShortcuts]) {
      const keys = list.flatMap((s) => s.keys);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('describe keys the mapping acts on', () => {
    const named: Record<string, string> = {
      '↓': 'ArrowDown',
      '↑': 'ArrowUp',
      '→': 'ArrowRight',
      '←': 'ArrowLeft',
    };
    for (const key of reviewScreenShortcuts.flatMap((s) => s.keys)) {
      const eventKey = key === '1 … 9' ? '1' : (named[key] ?? key);
      expect(reviewActionOf(press(eventKey), 9), key).not.toBeNull();
    }
    for (const key of reviewQueueShortcuts.flatMap((s) => s.keys))
      expect(queueActionOf(press(named[key] ?? key)), key).not.toBeNull();
  });
});
