export * from './errors/image-read-error.js';
export * from './geometry/matrix3.js';
export * from './geometry/vector.js';
export * from './volume/data-type.js';
export * from './volume/image-volume.js';
export * from './volume/patient-coordinates.js';
export * from './volume/reorient.js';
