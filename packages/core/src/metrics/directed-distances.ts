import { percentileInPlace } from './percentile.js';

/** Distances from the surface voxels of one mask to the nearest surface voxel of the other, in mm. */
export interface DirectedDistances {
  readonly n: number;
  readonly max: number;
  readonly p95: number;
  readonly mean: number;
}

/** A direction's summary and what the pooled metrics need besides it. */
export interface DirectedTally extends DirectedDistances {
  readonly sum: number;
  /** How many distances are ≤ the NSD tolerance (0 without one). */
  readonly within: number;
}

/**
 * Max, mean, P95 and the count within `tolerance` of a direction's distances (reorders them). The sum
 * is compensated (Neumaier): a plain running sum of a few hundred thousand distances drifts by
 * 10⁻¹² relative, numpy's pairwise sum by far less, and the mean should not depend on the order the
 * distances were found in.
 */
export function tallyDistances(distances: Float64Array, tolerance: number | undefined): DirectedTally {
  let max = 0;
  let sum = 0;
  let compensation = 0;
  let within = 0;
  const limit = tolerance ?? Number.NEGATIVE_INFINITY;
  for (let i = 0; i < distances.length; i++) {
    const d = distances[i]!;
    if (d > max) max = d;
    const t = sum + d;
    compensation += Math.abs(sum) >= d ? sum - t + d : d - t + sum;
    sum = t;
    if (d <= limit) within++;
  }
  const n = distances.length;
  const total = sum + compensation;
  return { n, max, p95: percentileInPlace(distances, 95), mean: total / n, sum: total, within };
}
