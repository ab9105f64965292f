/** Index points of a polygon on one plane: (i, j) pairs, pixel centres at whole numbers. */
export type PlanePolygon = readonly (readonly [number, number])[];

/** Within this of an edge a pixel centre counts as on it (YOLO keeps 6 decimals of a normalised value). */
const ON_EDGE = 1e-4;

function onSegment(
  x: number,
  y: number,
  [ax, ay]: readonly [number, number],
  [bx, by]: readonly [number, number],
) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= ON_EDGE;
}

function inside(x: number, y: number, polygon: PlanePolygon): boolean {
  let odd = false;
  for (let a = 0, b = polygon.length - 1; a < polygon.length; b = a++) {
    const [xa, ya] = polygon[a]!;
    const [xb, yb] = polygon[b]!;
    if (ya > y !== yb > y && x < xa + ((y - ya) / (yb - ya)) * (xb - xa)) odd = !odd;
  }
  return odd;
}

/**
 * Sets the pixels of a width × height plane whose centres lie inside the polygon or on its edge. That is
 * the inverse of tracing a mask's boundary through its outer pixel centres (as Voxelhub's YOLO export
 * does), so a traced mask without holes fills back to exactly its pixels.
 */
export function fillPolygon(polygon: PlanePolygon, width: number, height: number, plane: Uint8Array): void {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const i0 = Math.max(0, Math.ceil(Math.min(...xs) - ON_EDGE));
  const i1 = Math.min(width - 1, Math.floor(Math.max(...xs) + ON_EDGE));
  const j0 = Math.max(0, Math.ceil(Math.min(...ys) - ON_EDGE));
  const j1 = Math.min(height - 1, Math.floor(Math.max(...ys) + ON_EDGE));
  for (let j = j0; j <= j1; j++)
    for (let i = i0; i <= i1; i++) {
      if (plane[i + width * j]) continue;
      let hit = inside(i, j, polygon);
      for (let a = 0, b = polygon.length - 1; !hit && a < polygon.length; b = a++)
        hit = onSegment(i, j, polygon[b]!, polygon[a]!);
      if (hit) plane[i + width * j] = 1;
    }
}
