/**
 * Outer borders of the connected components of a binary mask, by the border following of Suzuki & Abe,
 * "Topological structural analysis of digitized binary images by border following", CVGIP 30 (1985),
 * algorithm 1 steps 3.1–3.5 (the algorithm behind OpenCV's findContours). Foreground is 8-connected, so
 * pixels touching at a corner are one component. Holes are not traced: a component inside another's hole
 * is a component of its own and gets its own outer border.
 *
 * Vertices are pixel centres (x, y) with y down, in the order OpenCV gives them: starting at the component's
 * first pixel in raster order and running down its left side first (counter-clockwise on screen).
 */

export interface ComponentContour {
  /** Border pixel centres in tracing order; the last joins the first (not repeated). */
  readonly points: readonly (readonly [number, number])[];
  /** Foreground pixels in the component. */
  readonly area: number;
  /** Pixel bounds of the component, inclusive. */
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** The 8 neighbours clockwise on screen (y down), starting east. */
const NEIGHBOURS: readonly (readonly [number, number])[] = [
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];
const WEST = 4;

function directionOf(dx: number, dy: number): number {
  return NEIGHBOURS.findIndex(([x, y]) => x === dx && y === dy);
}

/** Labels 8-connected components (1, 2, … in raster order of their first pixel); returns labels and stats. */
function labelComponents(mask: ArrayLike<number>, width: number, height: number) {
  const labels = new Int32Array(width * height);
  const components: {
    start: number;
    area: number;
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
  }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < labels.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const stats = { start, area: 0, minX: width, minY: height, maxX: -1, maxY: -1 };
    components.push(stats);
    labels[start] = components.length;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      stats.area++;
      stats.minX = Math.min(stats.minX, x);
      stats.maxX = Math.max(stats.maxX, x);
      stats.minY = Math.min(stats.minY, y);
      stats.maxY = Math.max(stats.maxY, y);
      for (const [dx, dy] of NEIGHBOURS) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = ny * width + nx;
        if (mask[q] && !labels[q]) {
          labels[q] = components.length;
          stack.push(q);
        }
      }
    }
  }
  return components;
}

/** Suzuki–Abe steps 3.1–3.5 for the outer border whose first pixel (raster order) is (x0, y0). */
function followOuterBorder(
  mask: ArrayLike<number>,
  width: number,
  height: number,
  x0: number,
  y0: number,
): [number, number][] {
  const isForeground = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && Boolean(mask[y * width + x]);
  // 3.1: clockwise from the west (background) neighbour, find the first foreground neighbour.
  let first = -1;
  for (let step = 0; step < 8 && first < 0; step++) {
    const d = (WEST + step) % 8;
    if (isForeground(x0 + NEIGHBOURS[d]![0], y0 + NEIGHBOURS[d]![1])) first = d;
  }
  if (first < 0) return [[x0, y0]];
  const x1 = x0 + NEIGHBOURS[first]![0];
  const y1 = y0 + NEIGHBOURS[first]![1];
  const points: [number, number][] = [];
  // 3.2–3.5: from the current pixel, look counter-clockwise starting after the previous one.
  let [px, py, cx, cy] = [x1, y1, x0, y0];
  const maxSteps = 8 * width * height + 8;
  for (let steps = 0; steps < maxSteps; steps++) {
    points.push([cx, cy]);
    const back = directionOf(px - cx, py - cy);
    let nx = px;
    let ny = py;
    for (let step = 1; step <= 8; step++) {
      const d = (back - step + 8) % 8;
      nx = cx + NEIGHBOURS[d]![0];
      ny = cy + NEIGHBOURS[d]![1];
      if (isForeground(nx, ny)) break;
    }
    if (nx === x0 && ny === y0 && cx === x1 && cy === y1) return points;
    [px, py, cx, cy] = [cx, cy, nx, ny];
  }
  throw new Error('border following did not return to its start (a bug)');
}

/**
 * The outer border of every 8-connected component of `mask` (non-zero = foreground, x fastest), in raster
 * order of the components' first pixels.
 */
export function traceOuterContours(
  mask: ArrayLike<number>,
  width: number,
  height: number,
): ComponentContour[] {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`mask size must be positive integers, got ${width}×${height}`);
  if (mask.length !== width * height)
    throw new RangeError(`mask has ${mask.length} pixels, not ${width}×${height}`);
  return labelComponents(mask, width, height).map(({ start, ...stats }) => {
    const x = start % width;
    const points = followOuterBorder(mask, width, height, x, (start - x) / width);
    return { points, ...stats };
  });
}

/**
 * Drops the vertices in the middle of straight horizontal, vertical or diagonal runs (OpenCV's
 * CHAIN_APPROX_SIMPLE): a vertex stays when the step into it and the step out of it differ.
 */
export function compressStraightRuns(
  points: readonly (readonly [number, number])[],
): (readonly [number, number])[] {
  if (points.length < 3) return [...points];
  return points.filter((point, i) => {
    const before = points[(i - 1 + points.length) % points.length]!;
    const after = points[(i + 1) % points.length]!;
    const inX = Math.sign(point[0] - before[0]);
    const inY = Math.sign(point[1] - before[1]);
    return inX !== Math.sign(after[0] - point[0]) || inY !== Math.sign(after[1] - point[1]);
  });
}
