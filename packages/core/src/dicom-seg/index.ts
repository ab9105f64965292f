/**
 * DICOM Segmentation (SEG) objects read into one label map on the grid of their frames, with the
 * geometry (LPS) that places it in patient space.
 */
export {
  type DicomSegLabelMap,
  type ReadDicomSegOptions,
  readDicomSeg,
} from './read-dicom-seg.js';
export { SEGMENTATION_STORAGE, type SegSegment } from './seg-module.js';
