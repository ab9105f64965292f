import type { SliceContour } from './contours-on-grid.js';

/**
 * How the contours of one ROI on one slice combine (PS3.3 C.8.8.6.3): `union` for CLOSED_PLANAR, whose
 * holes are drawn as "keyholes" inside one contour; `xor` for CLOSEDPLANAR_XOR, whose inner contours cut
 * holes (and islands inside holes add back).
 */
export type ContourCombination = 'union' | 'xor';

/** Where each row of the plane crosses the contour's edges, in x; a row is crossed when it lies in [y0, y1). */
function rowCrossings(points: Float64Array, row: number, into: number[]): void {
  into.length = 0;
  const n = points.length / 2;
  for (let a = 0, b = n - 1; a < n; b = a++) {
    const ya = points[2 * a + 1]!;
    const yb = points[2 * b + 1]!;
    if (ya <= row === yb <= row) continue;
    const xa = points[2 * a]!;
    const xb = points[2 * b]!;
    into.push(xa + ((row - ya) / (yb - ya)) * (xb - xa));
  }
  into.sort((p, q) => p - q);
}

/**
 * Fills one slice's closed contours into `plane` (width × height, x fastest; 0 or 1 per voxel). A voxel is
 * inside a contour when its centre is, by the even-odd rule (centres at whole index values); contours
 * then combine by `combination`. Returns how many voxels are set.
 *
 * Written here rather than taken from a library: the fill must follow RTSTRUCT's rules on voxel centres
 * exactly (as plastimatch does, which the tests compare against), and it is one short scanline loop.
 */
export function rasteriseSliceContours(
  contours: readonly SliceContour[],
  width: number,
  height: number,
  plane: Uint8Array,
  combination: ContourCombination = 'union',
): number {
  const crossings: number[] = [];
  for (const { points } of contours) {
    for (let row = 0; row < height; row++) {
      rowCrossings(points, row, crossings);
      const offset = row * width;
      for (let c = 0; c + 1 < crossings.length; c += 2) {
        const from = Math.max(0, Math.ceil(crossings[c]!));
        const to = Math.min(width - 1, Math.ceil(crossings[c + 1]!) - 1);
        for (let x = from; x <= to; x++)
          plane[offset + x] = combination === 'xor' ? plane[offset + x]! ^ 1 : 1;
      }
    }
  }
  let set = 0;
  for (let v = 0; v < width * height; v++) set += plane[v]!;
  return set;
}
