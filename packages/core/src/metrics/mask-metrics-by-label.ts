import { labelCensus } from './label-census.js';
import type { MaskMetrics } from './mask-metrics.js';
import { checkMaskInputs } from './mask-metrics-input.js';
import type { PairCensus } from './pair-census.js';
import { metricsOfCountedPair } from './pair-metrics.js';
import type { DistanceScratch } from './surface-distances.js';
import type { Index3 } from './voxel-box.js';

export interface MaskMetricsByLabelOptions {
  /** The labels to measure; default every non-zero label found in either image. */
  labels?: readonly number[];
  /** Tolerance τ in mm for the normalised surface Dice; `nsd` is null without it. */
  tolerance?: number;
}

/** One label's agreement: the metrics of its voxels in the reference and in the test image. */
export interface LabelMaskMetrics extends MaskMetrics {
  readonly label: number;
}

const EMPTY: PairCensus = { voxelsRef: 0, voxelsTest: 0, voxelsIntersection: 0, box: null };

function chosenLabels(found: Iterable<number>, requested: readonly number[] | undefined): number[] {
  if (requested) {
    for (const label of requested) {
      if (!Number.isFinite(label) || label === 0) {
        throw new RangeError(`maskMetricsByLabel: labels must be finite and non-zero, got ${label}`);
      }
    }
  }
  return [...new Set(requested ?? found)].sort((a, b) => a - b);
}

/**
 * maskMetrics for each label of two label images of the same grid (x fastest), sorted by label: every
 * non-zero label present in either image, or `options.labels` (a label absent from both then has
 * null metrics, as two empty masks do). Each label's result equals maskMetrics(ref, test, dims,
 * spacing, { label, tolerance }), but one pass over the images finds all labels, their counts and
 * their boxes, so the rest of the work is inside each label's box; the distance transform's buffer
 * is shared between labels. A NaN voxel is a RangeError (it is no label).
 */
export function maskMetricsByLabel(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  spacing: readonly [number, number, number],
  options: MaskMetricsByLabelOptions = {},
): LabelMaskMetrics[] {
  checkMaskInputs('maskMetricsByLabel', ref, test, dims, spacing, options.tolerance);
  const census = labelCensus(ref, test, dims);
  const out: LabelMaskMetrics[] = [];
  const scratch: { current?: DistanceScratch } = {};
  for (const label of chosenLabels(census.keys(), options.labels)) {
    const pair = { ref, test, dims, spacing, label, census: census.get(label) ?? EMPTY };
    out.push({ label, ...metricsOfCountedPair(pair, options.tolerance, scratch) });
  }
  return out;
}
