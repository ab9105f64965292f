import type { DirectedDistances } from './directed-distances.js';
import { checkMaskInputs } from './mask-metrics-input.js';
import { pairCensus } from './pair-census.js';
import { metricsOfCountedPair } from './pair-metrics.js';
import type { Index3 } from './voxel-box.js';

export type { DirectedDistances } from './directed-distances.js';

export interface MaskMetricsOptions {
  /** Foreground is the voxels equal to this label; without it, every non-zero voxel. */
  label?: number;
  /** Tolerance τ in mm for the normalised surface Dice; `nsd` is null without it. */
  tolerance?: number;
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
 *
 * One pass over both images counts the voxels and finds the box holding the foreground; everything
 * else runs inside that box (plus a margin): the surfaces, a nearby search that finds most surface
 * distances exactly in a few reads, and the exact anisotropic distance transform for the rest. Time
 * is linear in the image plus the box; memory on top of the inputs is 1 byte per box voxel, plus 8
 * when the transform runs. See docs/metrics-masks.md.
 */
export function maskMetrics(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  spacing: readonly [number, number, number],
  options: MaskMetricsOptions = {},
): MaskMetrics {
  checkMaskInputs('maskMetrics', ref, test, dims, spacing, options.tolerance);
  const { label, tolerance } = options;
  const census = pairCensus(ref, test, dims, label);
  return metricsOfCountedPair({ ref, test, dims, spacing, label, census }, tolerance);
}
