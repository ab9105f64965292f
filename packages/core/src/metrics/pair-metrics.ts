import { tallyDistances } from './directed-distances.js';
import type { MaskMetrics } from './mask-metrics.js';
import { nearbyOffsets, searchReach } from './nearby-search.js';
import type { PairCensus } from './pair-census.js';
import { type DistanceScratch, directedSurfaceDistances } from './surface-distances.js';
import { pairSurfaces } from './surface-voxels.js';
import type { Index3 } from './voxel-box.js';

/**
 * Voxel reads the nearby search may spend, per voxel of the padded box: past this the transform
 * (about 40 ns per box voxel and direction) would be cheaper than searching on (about 1 ns a read).
 */
const SEARCH_BUDGET_PER_BOX_VOXEL = 4;

/** One pair's inputs once counted: the images, the label, and their census. */
export interface CountedPair {
  readonly ref: ArrayLike<number>;
  readonly test: ArrayLike<number>;
  readonly dims: Index3;
  readonly spacing: readonly [number, number, number];
  readonly label: number | undefined;
  readonly census: PairCensus;
}

/**
 * Every metric of a counted pair (see maskMetrics for the definitions). `scratch.current`, when set
 * and big enough, is reused for the distance transform, and the buffer used is left there for the
 * next pair.
 */
export function metricsOfCountedPair(
  pair: CountedPair,
  tolerance: number | undefined,
  scratch: { current?: DistanceScratch } = {},
): MaskMetrics {
  const { voxelsRef, voxelsTest, voxelsIntersection, box } = pair.census;
  const both = voxelsRef + voxelsTest;
  const reach = searchReach(pair.spacing);
  const margin = reach.reach.map((r) => Math.max(1, r)) as unknown as Index3;
  const surfaces = box && pairSurfaces(pair.ref, pair.test, pair.dims, box, pair.label, pair.census, margin);
  const overlap = {
    dice: both === 0 ? null : (2 * voxelsIntersection) / both,
    iou: both === 0 ? null : voxelsIntersection / (both - voxelsIntersection),
    volumeDiff: voxelsRef === 0 ? null : (voxelsTest - voxelsRef) / voxelsRef,
    voxelsRef,
    voxelsTest,
    voxelsIntersection,
    surfaceVoxelsRef: surfaces?.ref.voxels.length ?? 0,
    surfaceVoxelsTest: surfaces?.test.voxels.length ?? 0,
  };
  if (!surfaces || voxelsRef === 0 || voxelsTest === 0) {
    const nsd = tolerance === undefined || both === 0 ? null : 0;
    return { ...overlap, hd: null, hd95: null, assd: null, nsd, refToTest: null, testToRef: null };
  }
  const [px, py, pz] = surfaces.dims;
  const nearby = {
    offsets: nearbyOffsets(reach, pair.spacing, px, px * py),
    budget: SEARCH_BUDGET_PER_BOX_VOXEL * px * py * pz,
  };
  const distances = (from: 'ref' | 'test') =>
    tallyDistances(directedSurfaceDistances(surfaces, from, pair.spacing, scratch, nearby), tolerance);
  const dRt = distances('ref');
  const dTr = distances('test');
  const n = dRt.n + dTr.n;
  return {
    ...overlap,
    hd: Math.max(dRt.max, dTr.max),
    hd95: Math.max(dRt.p95, dTr.p95),
    assd: (dRt.sum + dTr.sum) / n,
    nsd: tolerance === undefined ? null : (dRt.within + dTr.within) / n,
    refToTest: { n: dRt.n, max: dRt.max, p95: dRt.p95, mean: dRt.mean },
    testToRef: { n: dTr.n, max: dTr.max, p95: dTr.p95, mean: dTr.mean },
  };
}
