import { describe, expect, it } from 'vitest';
import { frameRangeItems } from './frame-range-items.js';
import { layoutFrameRanges } from './frame-range-layout.js';
import { CINE, rangeEntry, SERIES } from './test-entries.js';

const itemsOf = (...ranges: [string, number, number][]) =>
  frameRangeItems(
    ranges.map(([key, start, end]) => rangeEntry(key, start, end)),
    SERIES,
    CINE,
  );

const lanesByKey = (items: ReturnType<typeof itemsOf>, frameCount = 100) =>
  Object.fromEntries(layoutFrameRanges(items, frameCount).segments.map((s) => [s.item.key, s.lane]));

describe('laying out the range bar', () => {
  it('covers each frame as a cell: start to end inclusive', () => {
    const { segments, lanes } = layoutFrameRanges(itemsOf(['a', 0, 9], ['b', 15, 15]), 20);
    expect(lanes).toBe(1);
    expect(segments.map((s) => [s.item.key, s.left, s.width])).toEqual([
      ['a', 0, 0.5],
      ['b', 0.75, 0.05],
    ]);
  });

  it('puts overlapping ranges on separate lanes and reuses a lane once it is free', () => {
    const items = itemsOf(['a', 0, 10], ['b', 5, 20], ['c', 11, 30], ['d', 8, 9]);
    expect(lanesByKey(items)).toEqual({ a: 0, b: 1, c: 0, d: 2 });
    expect(layoutFrameRanges(items, 100).lanes).toBe(3);
  });

  it('treats ranges sharing a frame as overlapping (ends are inclusive)', () => {
    expect(lanesByKey(itemsOf(['a', 0, 10], ['b', 10, 20]))).toEqual({ a: 0, b: 1 });
  });

  it('cuts a range that runs past the last frame at it', () => {
    const [segment] = layoutFrameRanges(itemsOf(['a', 8, 40]), 10).segments;
    expect(segment).toMatchObject({ left: 0.8, width: 0.2 });
  });

  it('has one empty lane when there are no ranges', () => {
    expect(layoutFrameRanges([], 10)).toEqual({ segments: [], lanes: 1 });
  });
});
