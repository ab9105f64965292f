/**
 * DICOM Segmentation (SEG) export: a label map on a source series' grid written as a Segmentation
 * Storage Part 10 file (see docs/export-dicom-seg.md).
 */
export { hexColourToDicomLab } from './cielab-colour.js';
export { type CodedConcept, TISSUE } from './coded-concept.js';
export type {
  DicomSegAlgorithm,
  DicomSegCreator,
  DicomSegSegment,
  DicomSegSource,
  LabelVoxels,
  SegSourceInstance,
  WriteDicomSegInput,
} from './dicom-seg-input.js';
export { newDicomUid, uuidToDicomUid } from './dicom-uid.js';
export { renumberLabelMap, type SegmentsFromLabels, segmentsFromLabels } from './segments-from-labels.js';
export { writeDicomSeg } from './write-dicom-seg.js';
