import type { MaskMetrics } from '@voxelhub/core';

/** What bench/metrics/scipy-metrics.py prints. */
export interface ScipyMetrics {
  readonly voxels_ref: number;
  readonly voxels_test: number;
  readonly voxels_intersection: number;
  readonly surface_voxels_ref: number;
  readonly surface_voxels_test: number;
  readonly dice: number;
  readonly iou: number;
  readonly hd: number;
  readonly hd95: number;
  readonly assd: number;
  readonly nsd_1mm: number;
  readonly ref_to_test: { max: number; p95: number; mean: number };
  readonly test_to_ref: { max: number; p95: number; mean: number };
  readonly seconds: { import: number; load: number; compute: number };
  readonly max_rss_mb: number;
}

export interface Agreement {
  /** Counts that differ, as "name ours≠theirs"; empty when all agree exactly. */
  readonly countMismatches: string[];
  /** The largest absolute difference over the real-valued metrics, and which metric it was. */
  readonly maxDifference: number;
  readonly worst: string;
}

/**
 * Ours (computed with NSD tolerance 1 mm) against scipy's: counts must agree exactly, real values are
 * compared by their largest absolute difference (mm for distances).
 */
export function compareWithScipy(ours: MaskMetrics, scipy: ScipyMetrics): Agreement {
  const counts: [string, number, number][] = [
    ['voxels_ref', ours.voxelsRef, scipy.voxels_ref],
    ['voxels_test', ours.voxelsTest, scipy.voxels_test],
    ['voxels_intersection', ours.voxelsIntersection, scipy.voxels_intersection],
    ['surface_voxels_ref', ours.surfaceVoxelsRef, scipy.surface_voxels_ref],
    ['surface_voxels_test', ours.surfaceVoxelsTest, scipy.surface_voxels_test],
  ];
  const reals: [string, number | null | undefined, number][] = [
    ['dice', ours.dice, scipy.dice],
    ['iou', ours.iou, scipy.iou],
    ['hd', ours.hd, scipy.hd],
    ['hd95', ours.hd95, scipy.hd95],
    ['assd', ours.assd, scipy.assd],
    ['nsd@1mm', ours.nsd, scipy.nsd_1mm],
    ['ref→test max', ours.refToTest?.max, scipy.ref_to_test.max],
    ['ref→test p95', ours.refToTest?.p95, scipy.ref_to_test.p95],
    ['ref→test mean', ours.refToTest?.mean, scipy.ref_to_test.mean],
    ['test→ref max', ours.testToRef?.max, scipy.test_to_ref.max],
    ['test→ref p95', ours.testToRef?.p95, scipy.test_to_ref.p95],
    ['test→ref mean', ours.testToRef?.mean, scipy.test_to_ref.mean],
  ];
  let maxDifference = 0;
  let worst = 'none';
  for (const [name, a, b] of reals) {
    const raw = a === null || a === undefined ? Number.POSITIVE_INFINITY : Math.abs(a - b);
    const difference = Number.isNaN(raw) ? Number.POSITIVE_INFINITY : raw;
    if (difference > maxDifference) {
      maxDifference = difference;
      worst = name;
    }
  }
  return {
    countMismatches: counts.filter(([, a, b]) => a !== b).map(([name, a, b]) => `${name} ${a}≠${b}`),
    maxDifference,
    worst,
  };
}

export function describeAgreement(label: string, agreement: Agreement): string {
  const counts = agreement.countMismatches.length
    ? `counts DIFFER: ${agreement.countMismatches.join(', ')}`
    : 'voxel and surface counts identical';
  return `ours vs ${label}: ${counts}; largest difference ${agreement.maxDifference.toExponential(2)} (${agreement.worst})`;
}
