import type { AnnotatedPoint } from '../../annotation/annotated-point.js';

/**
 * SCOORD Graphic Data is (column, row) in image pixels with (0, 0) the top-left corner of the top-left
 * pixel (PS3.3 C.18.6.1.1), so a pixel's centre is at (0.5, 0.5); Voxelhub's index (i, j) has voxel centres
 * at integers. Hence the half-pixel shift both ways.
 */
export const PIXEL_CENTRE_OFFSET = 0.5;

/** A point on a slice in index space (i, j). */
export type PixelPoint = readonly [number, number];

export function onSlice(p: AnnotatedPoint): PixelPoint {
  return [p.index[0], p.index[1]];
}

/** (i, j) points as SCOORD Graphic Data. */
export function toColumnRow(points: readonly PixelPoint[]): number[] {
  return points.flatMap(([i, j]) => [i + PIXEL_CENTRE_OFFSET, j + PIXEL_CENTRE_OFFSET]);
}

/** SCOORD Graphic Data as (i, j) points. */
export function fromColumnRow(data: readonly number[]): PixelPoint[] {
  const out: PixelPoint[] = [];
  for (let n = 0; n + 1 < data.length; n += 2) {
    out.push([data[n]! - PIXEL_CENTRE_OFFSET, data[n + 1]! - PIXEL_CENTRE_OFFSET]);
  }
  return out;
}
