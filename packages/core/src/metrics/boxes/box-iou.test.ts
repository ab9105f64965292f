import { describe, expect, it } from 'vitest';
import { type Box, boxArea, checkBox, checkScoredBox } from './box.js';
import { boxIou } from './box-iou.js';

const box = (x0: number, y0: number, x1: number, y1: number): Box => ({ min: [x0, y0], max: [x1, y1] });

describe('boxIou', () => {
  it('computes hand-checkable overlaps', () => {
    // [0,2]² and [1,3]²: intersection 1×1, union 4 + 4 − 1 = 7.
    expect(boxIou(box(0, 0, 2, 2), box(1, 1, 3, 3))).toBe(1 / 7);
    // A box inside another: intersection = inner area 2, union = outer area 4.
    expect(boxIou(box(0, 0, 2, 2), box(0, 0, 2, 1))).toBe(0.5);
    expect(boxIou(box(0, 0, 2, 2), box(0, 0, 2, 2))).toBe(1);
    // Touching edges share no area (COCO: no +1 pixel).
    expect(boxIou(box(0, 0, 2, 2), box(2, 0, 4, 2))).toBe(0);
    expect(boxIou(box(0, 0, 0, 0), box(0, 0, 0, 0))).toBe(0);
  });

  it('is symmetric and uses area without +1', () => {
    expect(boxArea(box(1, 2, 4, 6))).toBe(12);
    expect(boxIou(box(1, 1, 3, 3), box(0, 0, 2, 2))).toBe(boxIou(box(0, 0, 2, 2), box(1, 1, 3, 3)));
  });
});

describe('checkBox', () => {
  it('accepts valid and zero-width boxes and rejects the rest with a message', () => {
    expect(() => checkBox(box(0, 0, 1, 1), 'b')).not.toThrow();
    expect(() => checkBox(box(1, 1, 1, 5), 'b')).not.toThrow();
    expect(() => checkBox(box(2, 0, 1, 1), 'ref[3]')).toThrow(
      /ref\[3\] has min \[2, 0\] beyond max \[1, 1\]/,
    );
    expect(() => checkBox({ min: [0, 0] } as unknown as Box, 'b')).toThrow(/finite min/);
    expect(() => checkScoredBox({ ...box(0, 0, 1, 1), score: Number.POSITIVE_INFINITY }, 'd')).toThrow(
      /d must have a finite score/,
    );
  });
});
