/** RT Structure Sets (DICOM RTSTRUCT): reading ROIs and contours, and turning them into label maps. */
export { type PlacedContour, placeContour, type SliceContour } from './contours-on-grid.js';
export { type ContourCombination, rasteriseSliceContours } from './rasterise-contours.js';
export { type ReadRtstructOptions, RT_STRUCTURE_SET_STORAGE, readRtstruct } from './read-rtstruct.js';
export type {
  ContourGeometricType,
  RtContour,
  RtRoi,
  RtStructureSet,
} from './rt-structure-set.js';
export {
  type RtstructContourOptions,
  type RtstructContours,
  rtstructContourAnnotations,
} from './rtstruct-contour-annotations.js';
export {
  type RtstructClass,
  type RtstructLabelMap,
  type RtstructLabelMapOptions,
  rtstructLabelMap,
} from './rtstruct-label-map.js';
