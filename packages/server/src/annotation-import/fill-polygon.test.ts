import { describe, expect, it } from 'vitest';
import { fillPolygon } from './fill-polygon.js';

const rows = (plane: Uint8Array, width: number) =>
  Array.from({ length: plane.length / width }, (_, j) =>
    [...plane.slice(j * width, (j + 1) * width)].join(''),
  );

describe('fillPolygon', () => {
  it('sets pixels whose centres are inside or on the edge, and nothing outside the plane', () => {
    const plane = new Uint8Array(6 * 4);
    // A triangle through pixel centres (1,0), (4,0), (1,3), plus a stray vertex past the right edge.
    fillPolygon(
      [
        [1, 0],
        [4, 0],
        [1, 3],
      ],
      6,
      4,
      plane,
    );
    expect(rows(plane, 6)).toEqual(['011110', '011100', '011000', '010000']);
    const wide = new Uint8Array(3 * 2);
    fillPolygon(
      [
        [-5, -5],
        [9, -5],
        [9, 9],
        [-5, 9],
      ],
      3,
      2,
      wide,
    );
    expect(rows(wide, 3)).toEqual(['111', '111']);
  });

  it('adds to what the plane holds (the polygons of one plane make one mask)', () => {
    const plane = new Uint8Array(4 * 1);
    fillPolygon(
      [
        [0, 0],
        [0.5, 0],
        [0, 0.5],
      ],
      4,
      1,
      plane,
    );
    fillPolygon(
      [
        [3, 0],
        [3.5, 0],
        [3, 0.5],
      ],
      4,
      1,
      plane,
    );
    expect(rows(plane, 4)).toEqual(['1001']);
  });
});
