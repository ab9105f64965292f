/**
 * One line of the exact squared Euclidean distance transform of Felzenszwalb and Huttenlocher
 * ("Distance Transforms of Sampled Functions", Theory of Computing 8, 2012): the lower envelope of
 * parabolas rooted at the samples of a line. Transforming along each axis in turn gives the exact
 * transform in any dimension; segmentation/ uses it in 2D. (metrics/ uses parabola-envelope.ts, the
 * same envelope split into building and reading, which skips samples without a seed.)
 *
 * Written here rather than imported: no maintained JS library computes an exact EDT on plain typed
 * arrays (npm offers ndarray wrappers, chamfer approximations or abandoned isotropic 2D code), and the
 * algorithm is short; both users' tests check it against brute force.
 */

/** Scratch arrays for one line, sized for the longest axis and shared across lines. */
export interface Envelope {
  readonly parabolas: Int32Array;
  readonly bounds: Float64Array;
  readonly line: Float64Array;
}

export function envelopeFor(length: number): Envelope {
  return {
    parabolas: new Int32Array(length),
    bounds: new Float64Array(length + 1),
    line: new Float64Array(length),
  };
}

/**
 * Replaces f[start + q·stride] (q < n) by min over p of (s·(q − p))² + f(p), where s is the spacing in
 * mm along this line; bounds (z) are positions in mm.
 */
export function transformLine(
  f: Float64Array,
  start: number,
  stride: number,
  n: number,
  s: number,
  scratch: Envelope,
): void {
  const { parabolas: v, bounds: z, line } = scratch;
  for (let q = 0; q < n; q++) line[q] = f[start + q * stride]!;
  let k = 0;
  v[0] = 0;
  z[0] = Number.NEGATIVE_INFINITY;
  z[1] = Number.POSITIVE_INFINITY;
  // Where (in mm) the parabola rooted at q overtakes the one rooted at p.
  const crossing = (q: number, p: number): number => {
    const xq = q * s;
    const xp = p * s;
    return (line[q]! + xq * xq - (line[p]! + xp * xp)) / (2 * (xq - xp));
  };
  for (let q = 1; q < n; q++) {
    let c = crossing(q, v[k]!);
    // Drop the parabolas the new one hides entirely; z[0] = −∞ stops this at the first.
    while (c <= z[k]!) {
      k--;
      c = crossing(q, v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = c;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    const x = q * s;
    while (z[k + 1]! < x) k++;
    const p = v[k]!;
    const d = (q - p) * s;
    f[start + q * stride] = d * d + line[p]!;
  }
}
