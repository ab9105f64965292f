/**
 * Export and import of datasets in the formats the field uses (issue 7): the shared dataset model,
 * subject-level splits, COCO, YOLO, nnU-Net v2 and the Medical Segmentation Decathlon, DICOM SEG, DICOM SR
 * measurement reports, CSV/JSON tables, and the dataset card. Writers return files (path and bytes);
 * nothing here touches a filesystem.
 */
export * from './coco/index.js';
export * from './dataset-card/index.js';
export * from './dicom-seg/index.js';
export * from './dicom-sr/index.js';
export * from './export-dataset.js';
export * from './layout/index.js';
export * from './nnunet/index.js';
export * from './splits/index.js';
export * from './tables/index.js';
export * from './yolo/index.js';
