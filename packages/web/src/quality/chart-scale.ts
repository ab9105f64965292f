/**
 * The arithmetic of the dashboard's small SVG charts: a linear map from data to pixels, a round axis
 * maximum, and SVG path data for lines with gaps. No DOM: tested on numbers.
 */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to the middle of the range. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (![d0, d1, r0, r1].every(Number.isFinite))
    throw new RangeError(`linearScale needs finite bounds, got domain ${domain} and range ${range}`);
  const span = d1 - d0;
  const scale = ((value: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0)) as LinearScale;
  return Object.assign(scale, { domain: [d0, d1] as const, range: [r0, r1] as const });
}

/**
 * The smallest "nice" number (1, 2, 2.5 or 5 times a power of ten) at or above `max`, so an axis ends on a
 * round value; 1 for an empty or non-positive maximum (an axis of nothing still needs a length).
 */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    // Float noise: 0.30000000000000004 must still fit under 0.3 × 1.
    if (candidate >= max * (1 - 1e-12)) return candidate;
  }
  return 10 * power;
}

export interface ChartPoint {
  readonly x: number;
  readonly y: number | null;
}

/**
 * SVG path data through the points in order; a null y breaks the line (a day without a measurement is a
 * gap, not a dip to zero). A point with no neighbours becomes a zero-length segment so a round line cap
 * still draws it as a dot.
 */
export function linePath(points: readonly ChartPoint[]): string {
  const runs: ChartPoint[][] = [];
  let run: ChartPoint[] = [];
  for (const point of points) {
    if (point.y === null || !Number.isFinite(point.y)) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(point);
  }
  if (run.length > 0) runs.push(run);
  return runs
    .map((r) => {
      const [first, ...rest] = r;
      const start = `M${fmt(first!.x)},${fmt(first!.y!)}`;
      if (rest.length === 0) return `${start}h0`;
      return `${start}${rest.map((p) => `L${fmt(p.x)},${fmt(p.y!)}`).join('')}`;
    })
    .join('');
}

/** Two decimals, without trailing zeros: paths stay short and tests stay exact. */
function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * The days from `first` to `last` inclusive (YYYY-MM-DD, UTC). Series of per-day counts leave out days
 * with nothing; a time axis must not.
 */
export function daysBetween(first: string, last: string): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end))
    throw new RangeError(`daysBetween needs YYYY-MM-DD dates, got "${first}" and "${last}"`);
  const days: string[] = [];
  for (let t = start; t <= end; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
