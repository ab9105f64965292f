/**
 * The controlled words catalog entries use. Facets need a fixed vocabulary: "CT" and "ct" and
 * "computed tomography" must be one value to count and filter by. Add a word here when a real entry needs it.
 */

export const MODALITIES = [
  'xray',
  'mammography',
  'ct',
  'mri',
  'ultrasound',
  'pet',
  'spect',
  'fluoroscopy',
  'angiography',
  'oct',
  'fundus',
  'histopathology',
  'endoscopy',
  'dermoscopy',
  'other',
] as const;
export type Modality = (typeof MODALITIES)[number];

export const MODALITY_TITLES: Record<Modality, string> = {
  xray: 'X-ray',
  mammography: 'Mammography',
  ct: 'CT',
  mri: 'MRI',
  ultrasound: 'Ultrasound',
  pet: 'PET',
  spect: 'SPECT',
  fluoroscopy: 'Fluoroscopy',
  angiography: 'Angiography',
  oct: 'OCT',
  fundus: 'Fundus photography',
  histopathology: 'Histopathology',
  endoscopy: 'Endoscopy',
  dermoscopy: 'Dermoscopy',
  other: 'Other',
};

export const BODY_REGIONS = [
  'brain',
  'head-and-neck',
  'eye',
  'teeth',
  'spine',
  'chest',
  'lung',
  'heart',
  'breast',
  'abdomen',
  'liver',
  'kidney',
  'pancreas',
  'colon',
  'prostate',
  'pelvis',
  'knee',
  'hip',
  'hand',
  'musculoskeletal',
  'vessels',
  'fetus',
  'skin',
  'whole-body',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

export const TASKS = [
  'classification',
  'detection',
  'segmentation',
  'registration',
  'reconstruction',
  'report-generation',
  'regression',
  'landmark-localisation',
  'tracking',
  'survival-prediction',
  'quality-assessment',
] as const;
export type Task = (typeof TASKS)[number];

export const ANNOTATION_TYPES = [
  'image-label',
  'box',
  'mask',
  'polygon',
  'contour',
  'landmark',
  'measurement',
  'report',
  'keypoint-track',
] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export const FILE_FORMATS = [
  'dicom',
  'nifti',
  'png',
  'jpeg',
  'tiff',
  'mha',
  'nrrd',
  'hdf5',
  'numpy',
  'matlab',
  'video',
  'csv',
  'json',
  'xml',
  'other',
] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/**
 * How one gets the data: open (download directly), registration (an account or a form, granted
 * automatically), data-use-agreement (a signed agreement, reviewed), credentialed (a training course and
 * a credentialed account, as PhysioNet's credentialed access).
 */
export const ACCESS_LEVELS = ['open', 'registration', 'data-use-agreement', 'credentialed'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** What an image count counts: files of 2D images, 3D volumes, studies, series or video clips. */
export const IMAGE_UNITS = ['images', 'volumes', 'studies', 'series', 'videos'] as const;
export type ImageUnit = (typeof IMAGE_UNITS)[number];

export const TOOL_PLATFORMS = ['web', 'windows', 'macos', 'linux', 'python', 'server'] as const;
export type ToolPlatform = (typeof TOOL_PLATFORMS)[number];

export const RESOURCE_KINDS = [
  'challenge-platform',
  'data-portal',
  'tutorial',
  'course',
  'standard',
  'software-library',
  'reference',
  'list',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
