/**
 * `@voxelhub/core/segmentation`: operations on label maps for the mask editor — segment sizes, hole
 * filling, shape-based interpolation between slices, NIfTI in and out. Pure TypeScript with fflate as
 * its only package, light enough for a browser.
 */

export * from './fill-holes.js';
export * from './interpolate-between-slices.js';
export type { LabelMap } from './label-map.js';
export * from './label-map-nifti.js';
export * from './label-map-onto-grid.js';
export * from './segment-voxel-counts.js';
