import { describe, expect, it } from 'vitest';
import { markFrame } from './frame-marks.js';

describe('marking a frame range', () => {
  it('waits for the end after the start, then completes the range', () => {
    const first = markFrame(null, 'start', 4);
    expect(first).toEqual({ pending: { edge: 'start', frame: 4 }, range: null });
    expect(markFrame(first.pending, 'end', 11)).toEqual({ pending: null, range: { start: 4, end: 11 } });
  });

  it('swaps an end marked before the start', () => {
    expect(markFrame({ edge: 'start', frame: 11 }, 'end', 4).range).toEqual({ start: 4, end: 11 });
  });

  it('accepts the end first', () => {
    const first = markFrame(null, 'end', 20);
    expect(first.pending).toEqual({ edge: 'end', frame: 20 });
    expect(markFrame(first.pending, 'start', 15).range).toEqual({ start: 15, end: 20 });
  });

  it('moves a mark made again instead of completing', () => {
    expect(markFrame({ edge: 'start', frame: 4 }, 'start', 6)).toEqual({
      pending: { edge: 'start', frame: 6 },
      range: null,
    });
  });

  it('makes a one-frame range from both marks on one frame', () => {
    expect(markFrame({ edge: 'start', frame: 7 }, 'end', 7).range).toEqual({ start: 7, end: 7 });
  });
});
