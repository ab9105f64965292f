import { describe, expect, it } from 'vitest';
import { cocoPolygonArea, cocoPolygonBbox } from './coco-polygon.js';

describe('COCO polygon area and box, hand-computed', () => {
  it.each([
    // Right triangle with legs 4 and 3: 4 · 3 / 2 = 6.
    { name: 'triangle', polygon: [0, 0, 4, 0, 0, 3], area: 6, bbox: [0, 0, 4, 3] },
    // The same triangle clockwise: the shoelace sum changes sign, the area does not.
    { name: 'clockwise triangle', polygon: [0, 0, 0, 3, 4, 0], area: 6, bbox: [0, 0, 4, 3] },
    // 10 × 10 square offset by (0.5, 1.5): 100.
    {
      name: 'square',
      polygon: [0.5, 1.5, 10.5, 1.5, 10.5, 11.5, 0.5, 11.5],
      area: 100,
      bbox: [0.5, 1.5, 10, 10],
    },
    // L shape: a 4 × 4 square less its 2 × 2 top-right quarter = 16 − 4 = 12.
    { name: 'L shape', polygon: [0, 0, 2, 0, 2, 2, 4, 2, 4, 4, 0, 4], area: 12, bbox: [0, 0, 4, 4] },
    // Bow tie (0,0)→(2,2)→(2,0)→(0,2): its two triangles (area 1 each) wind opposite ways and cancel.
    { name: 'self-crossing bow tie', polygon: [0, 0, 2, 2, 2, 0, 0, 2], area: 0, bbox: [0, 0, 2, 2] },
  ])('$name', ({ polygon, area, bbox }) => {
    expect(cocoPolygonArea(polygon)).toBe(area);
    expect(cocoPolygonBbox(polygon)).toEqual(bbox);
  });

  it('rejects fewer than three vertices or an odd coordinate count', () => {
    expect(() => cocoPolygonArea([0, 0, 1, 1])).toThrow(RangeError);
    expect(() => cocoPolygonBbox([0, 0, 1, 1, 2])).toThrow(/even number ≥ 6/);
  });
});
