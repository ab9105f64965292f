/**
 * Agreement metrics between segmentation masks (Dice, IoU, Hausdorff, HD95, ASSD, NSD) in the
 * MONAI/medpy voxel-boundary convention, with the exact anisotropic distance transform they use.
 */

export * from './boxes/index.js';
export { squaredEuclideanDistanceTransform } from './euclidean-distance-transform.js';
export * from './labels/index.js';
export * from './landmarks/index.js';
export {
  type DirectedDistances,
  type MaskMetrics,
  type MaskMetricsOptions,
  maskMetrics,
} from './mask-metrics.js';
export {
  type LabelMaskMetrics,
  type MaskMetricsByLabelOptions,
  maskMetricsByLabel,
} from './mask-metrics-by-label.js';
export { percentile } from './percentile.js';
export type { Index3, VoxelBox } from './voxel-box.js';
