/**
 * The one door to core's image geometry, through its light `@voxelhub/core/geometry` entry: the main entry
 * also exports the DICOM and NIfTI readers with their codecs, which the browser must not load for this.
 */
export {
  cross,
  fromColumns,
  type ImageGeometry,
  indexToPatient,
  norm,
  normalize,
  patientToIndex,
  subtract,
  type Vec3,
} from '@voxelhub/core/geometry';
