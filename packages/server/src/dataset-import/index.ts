export { type DatasetImportReport, datasetImportReport } from './dataset-import-report.js';
export { type DatasetImportOptions, importDatasetFolder } from './import-dataset-folder.js';
export { LAYOUT_CHOICES, type LayoutChoice } from './requested-layout.js';
export { type DatasetFolder, openDatasetFolder } from './staged-folder.js';
