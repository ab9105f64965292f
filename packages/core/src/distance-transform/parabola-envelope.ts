/**
 * The lower envelope of parabolas at the heart of Felzenszwalb and Huttenlocher's exact distance
 * transform ("Distance Transforms of Sampled Functions", Theory of Computing 8, 2012, algorithm
 * DT(f)), split into building and reading so that a caller can read the envelope only where it needs
 * a value (the metrics want distances at surface voxels only, not at every voxel of a box).
 *
 * Unlike transform-line.ts, samples that are +∞ (no seed) never become parabolas: a line of a mask's
 * bounding box is mostly empty in the first passes, and skipping them both saves the work and keeps
 * the arithmetic free of ∞ − ∞.
 */

/** Scratch space for one line, sized for the longest line and shared across lines. */
export interface ParabolaEnvelope {
  /** How many parabolas the last build kept (0 when every sample was +∞). */
  count: number;
  /** Vertex position (mm) and height (the sample value) of each kept parabola, left to right. */
  readonly vertex: Float64Array;
  readonly height: Float64Array;
  /** Parabola k is lowest between bounds[k] and bounds[k + 1] (mm). */
  readonly bounds: Float64Array;
  /** Room for one line's samples, for a caller that gathers a line before building. */
  readonly samples: Float64Array;
}

export function parabolaEnvelope(longestLine: number): ParabolaEnvelope {
  return {
    count: 0,
    vertex: new Float64Array(longestLine),
    height: new Float64Array(longestLine),
    bounds: new Float64Array(longestLine + 1),
    samples: new Float64Array(longestLine),
  };
}

/**
 * Builds the lower envelope of the parabolas y = (x − q·s)² + samples[offset + q] for the finite
 * samples among samples[offset … offset + n − 1], s being the spacing in mm. Sets and returns
 * `envelope.count`.
 */
export function buildEnvelope(
  envelope: ParabolaEnvelope,
  samples: Float64Array,
  offset: number,
  n: number,
  s: number,
): number {
  const { vertex, height, bounds } = envelope;
  let k = -1;
  for (let q = 0; q < n; q++) {
    const f = samples[offset + q]!;
    if (f === Number.POSITIVE_INFINITY) continue;
    const x = q * s;
    const h = f + x * x;
    if (k < 0) {
      k = 0;
      vertex[0] = x;
      height[0] = f;
      bounds[0] = Number.NEGATIVE_INFINITY;
      continue;
    }
    // Where the new parabola overtakes parabola k; drop those it hides entirely. bounds[0] = −∞
    // stops this at the first parabola.
    let cross = 0;
    for (;;) {
      const p = vertex[k]!;
      cross = (h - (height[k]! + p * p)) / (2 * (x - p));
      if (cross > bounds[k]!) break;
      k--;
    }
    k++;
    vertex[k] = x;
    height[k] = f;
    bounds[k] = cross;
  }
  bounds[k + 1] = Number.POSITIVE_INFINITY;
  envelope.count = k + 1;
  return k + 1;
}

/**
 * Writes the envelope's value at sample positions first … last (mm position (q − origin)·s) to
 * target[start + q·stride]. Needs count > 0.
 */
export function writeEnvelope(
  envelope: ParabolaEnvelope,
  s: number,
  origin: number,
  first: number,
  last: number,
  target: Float64Array,
  start: number,
  stride: number,
): void {
  const { bounds, vertex, height } = envelope;
  let k = 0;
  for (let q = first; q <= last; q++) {
    const x = (q - origin) * s;
    while (bounds[k + 1]! < x) k++;
    const d = x - vertex[k]!;
    target[start + q * stride] = d * d + height[k]!;
  }
}
