import { squaredEuclideanDistanceTransform } from './euclidean-distance-transform.js';
import { percentile } from './percentile.js';
import { countSet, foregroundMask, surfaceMask } from './surface-voxels.js';
import { boxDims, type Index3, maskBox, unionBox, type VoxelBox } from './voxel-box.js';

export interface MaskMetricsOptions {
  /** Foreground is the voxels equal to this label; without it, every non-zero voxel. */
  label?: number;
  /** Tolerance τ in mm for the normalised surface Dice; `nsd` is null without it. */
  tolerance?: number;
}

/** Distances from the surface voxels of one mask to the nearest surface voxel of the other, in mm. */
export interface DirectedDistances {
  readonly n: number;
  readonly max: number;
  readonly p95: number;
  readonly mean: number;
}

/**
 * Agreement of a test mask with a reference mask. Distances are in mm between voxel centres; null
 * where undefined (see maskMetrics).
 */
export interface MaskMetrics {
  readonly dice: number | null;
  readonly iou: number | null;
  readonly hd: number | null;
  readonly hd95: number | null;
  readonly assd: number | null;
  readonly nsd: number | null;
  /** (|T| − |R|) / |R|; null when the reference is empty. */
  readonly volumeDiff: number | null;
  readonly voxelsRef: number;
  readonly voxelsTest: number;
  readonly voxelsIntersection: number;
  readonly surfaceVoxelsRef: number;
  readonly surfaceVoxelsTest: number;
  /** D_rt (reference surface → test surface) and D_tr; null when either mask is empty. */
  readonly refToTest: DirectedDistances | null;
  readonly testToRef: DirectedDistances | null;
}

function checkInputs(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  spacing: readonly [number, number, number],
  options: MaskMetricsOptions,
): void {
  if (!dims.every((n) => Number.isInteger(n) && n > 0)) {
    throw new RangeError(`maskMetrics: dims must be positive integers, got [${dims.join(', ')}]`);
  }
  const count = dims[0] * dims[1] * dims[2];
  if (ref.length !== count || test.length !== count) {
    throw new RangeError(
      `maskMetrics: dims [${dims.join(', ')}] need ${count} voxels; reference has ${ref.length}, test has ${test.length}`,
    );
  }
  if (!spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new RangeError(`maskMetrics: spacing must be positive mm, got [${spacing.join(', ')}]`);
  }
  const { tolerance } = options;
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new RangeError(`maskMetrics: tolerance must be a non-negative number of mm, got ${tolerance}`);
  }
}

/** The distances, in mm, at the set voxels of `from` (surface of one mask) in an EDT over `box`. */
function distancesAt(from: Uint8Array, dims: Index3, box: VoxelBox, squared: Float64Array): Float64Array {
  const [bx, by, bz] = boxDims(box);
  const [nx, ny] = dims;
  const out: number[] = [];
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const image = box.min[0] + (box.min[1] + y) * nx + (box.min[2] + z) * nx * ny;
      const local = (y + z * by) * bx;
      for (let x = 0; x < bx; x++) if (from[image + x] !== 0) out.push(Math.sqrt(squared[local + x]!));
    }
  }
  return Float64Array.from(out);
}

function sumOf(distances: Float64Array): number {
  let sum = 0;
  for (const d of distances) sum += d;
  return sum;
}

function summarise(distances: Float64Array): DirectedDistances {
  let max = 0;
  for (const d of distances) if (d > max) max = d;
  return {
    n: distances.length,
    max,
    p95: percentile(distances, 95),
    mean: sumOf(distances) / distances.length,
  };
}

function countWithin(distances: Float64Array, tolerance: number): number {
  let n = 0;
  for (const d of distances) if (d <= tolerance) n++;
  return n;
}

function intersectionCount(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i]! & b[i]!;
  return n;
}

/**
 * Agreement between a reference and a test label image of the same grid (x fastest, NIfTI order),
 * in the MONAI/medpy voxel-boundary convention:
 * - foreground = voxels equal to `options.label`, or non-zero without a label;
 * - Dice = 2|R∩T|/(|R|+|T|), IoU = |R∩T|/|R∪T|, both null when both masks are empty;
 * - surface = foreground voxels with a background 6-neighbour, outside the image being background;
 * - D_rt = for each reference surface voxel, the Euclidean distance in mm (using `spacing`) between
 *   its centre and the nearest test surface voxel's centre; D_tr likewise;
 * - HD = max(max D_rt, max D_tr); HD95 = max(P95(D_rt), P95(D_tr)) with numpy's linear percentile
 *   (not medpy's P95 of the pooled distances); ASSD = mean of D_rt and D_tr pooled together
 *   (not the mean of the two directed means); all null when either mask is empty;
 * - NSD (normalised surface Dice, Nikolov et al. 2021) with tolerance τ:
 *   (#{D_rt ≤ τ} + #{D_tr ≤ τ}) / (#ref surface + #test surface). This counts surface voxels, the
 *   approximation MONAI uses by default, rather than weighting by surfel areas as the original does.
 *   Null when both masks are empty or no tolerance is given; 0 when exactly one is empty.
 */
export function maskMetrics(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  spacing: readonly [number, number, number],
  options: MaskMetricsOptions = {},
): MaskMetrics {
  checkInputs(ref, test, dims, spacing, options);
  const refMask = foregroundMask(ref, options.label);
  const testMask = foregroundMask(test, options.label);
  const voxelsRef = countSet(refMask);
  const voxelsTest = countSet(testMask);
  const voxelsIntersection = intersectionCount(refMask, testMask);
  const both = voxelsRef + voxelsTest;
  const refSurface = surfaceMask(refMask, dims);
  const testSurface = surfaceMask(testMask, dims);
  const surfaceVoxelsRef = countSet(refSurface);
  const surfaceVoxelsTest = countSet(testSurface);
  const overlap = {
    dice: both === 0 ? null : (2 * voxelsIntersection) / both,
    iou: both === 0 ? null : voxelsIntersection / (both - voxelsIntersection),
    volumeDiff: voxelsRef === 0 ? null : (voxelsTest - voxelsRef) / voxelsRef,
    voxelsRef,
    voxelsTest,
    voxelsIntersection,
    surfaceVoxelsRef,
    surfaceVoxelsTest,
  };
  const refBox = maskBox(refMask, dims);
  const testBox = maskBox(testMask, dims);
  if (refBox === null || testBox === null) {
    const nsd = options.tolerance === undefined || both === 0 ? null : 0;
    return { ...overlap, hd: null, hd95: null, assd: null, nsd, refToTest: null, testToRef: null };
  }
  // Every surface voxel of both masks lies in this box, so an EDT restricted to it is exact there.
  const box = unionBox(refBox, testBox);
  const toTest = squaredEuclideanDistanceTransform(testSurface, dims, spacing, box);
  const toRef = squaredEuclideanDistanceTransform(refSurface, dims, spacing, box);
  const dRt = distancesAt(refSurface, dims, box, toTest);
  const dTr = distancesAt(testSurface, dims, box, toRef);
  const refToTest = summarise(dRt);
  const testToRef = summarise(dTr);
  const nsd =
    options.tolerance === undefined
      ? null
      : (countWithin(dRt, options.tolerance) + countWithin(dTr, options.tolerance)) /
        (dRt.length + dTr.length);
  return {
    ...overlap,
    hd: Math.max(refToTest.max, testToRef.max),
    hd95: Math.max(refToTest.p95, testToRef.p95),
    assd: (sumOf(dRt) + sumOf(dTr)) / (dRt.length + dTr.length),
    nsd,
    refToTest,
    testToRef,
  };
}
