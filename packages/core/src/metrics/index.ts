/**
 * Agreement metrics between segmentation masks (Dice, IoU, Hausdorff, HD95, ASSD, NSD) in the
 * MONAI/medpy voxel-boundary convention, with the exact anisotropic distance transform they use.
 */
export { squaredEuclideanDistanceTransform } from './euclidean-distance-transform.js';
export {
  type DirectedDistances,
  type MaskMetrics,
  type MaskMetricsOptions,
  maskMetrics,
} from './mask-metrics.js';
export { percentile } from './percentile.js';
export type { Index3, VoxelBox } from './voxel-box.js';
