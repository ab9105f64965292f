/**
 * DICOM SR export: landmarks, lengths, angles and planar ROIs as a TID 1500 Measurement Report
 * (Comprehensive 3D SR), and reading such a report back (see docs/export-dicom-sr.md).
 */
export {
  frameInstances,
  MEASUREMENT_REPORT_TYPES,
  type MeasurementReportObserver,
  type MeasurementReportSource,
  type MeasurementReportType,
  type SrInstanceLookup,
  type SrSourceInstance,
  sliceInstances,
  type WriteMeasurementReportInput,
} from './measurement-report-input.js';
export {
  type LocatedPlane,
  type MeasurementReportContent,
  type ReadMeasurementReportOptions,
  readMeasurementReport,
  type UnreadMeasurement,
} from './read-measurement-report.js';
export { COMPREHENSIVE_3D_SR_STORAGE } from './report-dataset.js';
export type { SrImageReference } from './sr-content-items.js';
export { writeMeasurementReport } from './write-measurement-report.js';
