import type { CocoBbox } from './coco-rle.js';

/**
 * A COCO polygon: flat pixel coordinates [x1, y1, x2, y2, …], at least three vertices, closed implicitly
 * (the last vertex joins the first).
 */
export type CocoPolygon = readonly number[];

function vertexCount(polygon: CocoPolygon): number {
  if (polygon.length < 6 || polygon.length % 2 !== 0)
    throw new RangeError(`a polygon needs an even number ≥ 6 of coordinates, not ${polygon.length}`);
  return polygon.length / 2;
}

/** The enclosed area by the shoelace formula, |Σ (xᵢ·yᵢ₊₁ − xᵢ₊₁·yᵢ)| / 2 (self-crossing parts may cancel). */
export function cocoPolygonArea(polygon: CocoPolygon): number {
  const n = vertexCount(polygon);
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    twice += polygon[2 * i]! * polygon[2 * j + 1]! - polygon[2 * j]! * polygon[2 * i + 1]!;
  }
  return Math.abs(twice) / 2;
}

/** The tight box of the vertices, [x, y, width, height]. */
export function cocoPolygonBbox(polygon: CocoPolygon): CocoBbox {
  const n = vertexCount(polygon);
  let [xMin, yMin, xMax, yMax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const [x, y] = [polygon[2 * i]!, polygon[2 * i + 1]!];
    [xMin, xMax, yMin, yMax] = [Math.min(xMin, x), Math.max(xMax, x), Math.min(yMin, y), Math.max(yMax, y)];
  }
  return [xMin, yMin, xMax - xMin, yMax - yMin];
}
