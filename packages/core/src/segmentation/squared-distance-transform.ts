/**
 * The exact squared Euclidean distance transform of Felzenszwalb and Huttenlocher ("Distance
 * Transforms of Sampled Functions", Theory of Computing 8, 2012): a 1D lower envelope of parabolas
 * along x, then along y, linear in the number of pixels.
 *
 * Written here rather than imported: there is no maintained browser library that computes an exact
 * EDT on plain typed arrays (what npm has wraps ndarray, approximates with chamfer masks, or is
 * abandoned), and the algorithm is a few dozen lines that the tests check against the definition.
 */

/** Stands for "no seed on this line yet"; finite so the envelope's arithmetic stays free of NaN. */
const FAR = 1e20;

/** Scratch arrays for one line, sized for the longest axis and shared across lines. */
interface Envelope {
  readonly parabolas: Int32Array;
  readonly bounds: Float64Array;
  readonly line: Float64Array;
}

function envelopeFor(length: number): Envelope {
  return {
    parabolas: new Int32Array(length),
    bounds: new Float64Array(length + 1),
    line: new Float64Array(length),
  };
}

/**
 * Replaces f[start + q·stride] (q < n) by min over p of (q − p)² + f(p): the squared distance along
 * the line when f holds 0 at seeds and FAR elsewhere, or the 2D result when f holds a 1D pass's output.
 */
function transformLine(f: Float64Array, start: number, stride: number, n: number, scratch: Envelope): void {
  const { parabolas: v, bounds: z, line } = scratch;
  for (let q = 0; q < n; q++) line[q] = f[start + q * stride]!;
  let k = 0;
  v[0] = 0;
  z[0] = Number.NEGATIVE_INFINITY;
  z[1] = Number.POSITIVE_INFINITY;
  // Where the parabola rooted at q overtakes the one rooted at p.
  const crossing = (q: number, p: number): number => (line[q]! + q * q - (line[p]! + p * p)) / (2 * (q - p));
  for (let q = 1; q < n; q++) {
    let s = crossing(q, v[k]!);
    // Drop the parabolas the new one hides entirely; z[0] = −∞ stops this at the first.
    while (s <= z[k]!) {
      k--;
      s = crossing(q, v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    f[start + q * stride] = (q - p) * (q - p) + line[p]!;
  }
}

/**
 * For each pixel of an nx × ny grid (x fastest), the squared distance in pixels to the nearest pixel
 * where `isSeed` is true; FAR (1e20) or more where the grid has no seed at all.
 */
export function squaredDistanceTransform(
  nx: number,
  ny: number,
  isSeed: (pixel: number) => boolean,
): Float64Array {
  const f = new Float64Array(nx * ny);
  for (let p = 0; p < f.length; p++) f[p] = isSeed(p) ? 0 : FAR;
  const scratch = envelopeFor(Math.max(nx, ny));
  for (let j = 0; j < ny; j++) transformLine(f, j * nx, 1, nx, scratch);
  for (let i = 0; i < nx; i++) transformLine(f, i, nx, ny, scratch);
  return f;
}
