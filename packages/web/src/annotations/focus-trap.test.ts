import { describe, expect, it } from 'vitest';
import { focusTrapTarget } from './focus-trap.js';

describe('focusTrapTarget', () => {
  it('wraps Tab from the last element to the first, and Shift+Tab from the first to the last', () => {
    expect(focusTrapTarget(3, 2, false)).toBe(0);
    expect(focusTrapTarget(3, 0, true)).toBe(2);
  });

  it('leaves Tab between inner elements to the browser', () => {
    expect(focusTrapTarget(3, 0, false)).toBeUndefined();
    expect(focusTrapTarget(3, 1, true)).toBeUndefined();
  });

  it('enters at the first element (Tab) or the last (Shift+Tab) from the dialog itself', () => {
    expect(focusTrapTarget(3, -1, false)).toBe(0);
    expect(focusTrapTarget(3, -1, true)).toBe(2);
  });

  it('keeps a lone element focused', () => {
    expect(focusTrapTarget(1, 0, false)).toBe(0);
    expect(focusTrapTarget(1, 0, true)).toBe(0);
    expect(focusTrapTarget(0, -1, false)).toBeUndefined();
  });
});
