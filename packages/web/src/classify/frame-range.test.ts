import { describe, expect, it } from 'vitest';
import { clampFrame, containsFrame, describeRange, rangeBetween, withEnd, withStart } from './frame-range.js';

describe('frame ranges', () => {
  it('orders two marked frames, whichever came first', () => {
    expect(rangeBetween(3, 9)).toEqual({ start: 3, end: 9 });
    expect(rangeBetween(9, 3)).toEqual({ start: 3, end: 9 });
    expect(rangeBetween(5, 5)).toEqual({ start: 5, end: 5 });
  });

  it.each([
    [{ start: 3, end: 9 }, 5, { start: 5, end: 9 }],
    [{ start: 3, end: 9 }, 9, { start: 9, end: 9 }],
    [{ start: 3, end: 9 }, 12, { start: 9, end: 12 }],
    [{ start: 3, end: 9 }, 0, { start: 0, end: 9 }],
  ])('moving the start of %o to %i gives %o (past the end, they swap)', (range, frame, expected) => {
    expect(withStart(range, frame)).toEqual(expected);
  });

  it.each([
    [{ start: 3, end: 9 }, 5, { start: 3, end: 5 }],
    [{ start: 3, end: 9 }, 1, { start: 1, end: 3 }],
    [{ start: 3, end: 9 }, 20, { start: 3, end: 20 }],
  ])('moving the end of %o to %i gives %o (before the start, they swap)', (range, frame, expected) => {
    expect(withEnd(range, frame)).toEqual(expected);
  });

  it('keeps frames inside the cine', () => {
    expect(clampFrame(-1, 10)).toBe(0);
    expect(clampFrame(10, 10)).toBe(9);
    expect(clampFrame(4.6, 10)).toBe(5);
    expect(clampFrame(3, 0)).toBe(0);
  });

  it('counts frames from 1 for people, as the viewer does', () => {
    expect(describeRange({ start: 0, end: 11 })).toBe('frames 1–12');
    expect(describeRange({ start: 4, end: 4 })).toBe('frame 5');
  });

  it('includes both ends', () => {
    const range = { start: 2, end: 4 };
    expect([1, 2, 3, 4, 5].map((f) => containsFrame(range, f))).toEqual([false, true, true, true, false]);
  });
});
