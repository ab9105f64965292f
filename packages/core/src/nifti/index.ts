export { type GunzipFunction, type GunzipOptions, gunzipAll, isGzip } from './gunzip.js';
export { niftiDatatypeName } from './nifti-datatype.js';
export type { NiftiGeometrySource } from './nifti-geometry.js';
export type { NiftiHeader } from './nifti-header.js';
export { type ReadNiftiOptions, readNifti } from './read-nifti.js';
export { readNiftiHeader } from './read-nifti-header.js';
export { niftiParts, type WriteNiftiOptions, writeNifti } from './write-nifti.js';
