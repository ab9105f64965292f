/** The formats a dataset version can be exported in (issue 7); each is written by writeVersionExport. */
export const EXPORT_FORMATS = [
  'coco',
  'yolo-detection',
  'yolo-segmentation',
  'nnunet',
  'msd',
  'nifti',
  'dicom-seg',
  'dicom-sr',
  'tables',
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Human names for the UI and the CLI. */
export const EXPORT_FORMAT_TITLES: Readonly<Record<ExportFormat, string>> = Object.freeze({
  coco: 'COCO instances (JSON + PNG slices)',
  'yolo-detection': 'Ultralytics YOLO detection (boxes + PNG slices)',
  'yolo-segmentation': 'Ultralytics YOLO segmentation (polygons + PNG slices)',
  nnunet: 'nnU-Net v2 raw dataset',
  msd: 'Medical Segmentation Decathlon task',
  nifti: 'NIfTI images and label maps',
  'dicom-seg': 'DICOM SEG per DICOM case',
  'dicom-sr': 'DICOM SR measurement report (TID 1500) per DICOM case',
  tables: 'CSV and JSON tables',
});
