/** The one case every side exports, named alike so that the outputs can be compared file by file. */
export const CASE_NAME = 'case_0001';
export const DATASET_ID = 501;
export const DATASET_NAME = 'BenchOrgans';
/** Dataset501_BenchOrgans: nnU-Net v2's folder name for the id and name. */
export const NNUNET_FOLDER = `Dataset${String(DATASET_ID).padStart(3, '0')}_${DATASET_NAME}`;
