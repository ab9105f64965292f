export type { NiftiExtensionFound } from './nifti-extensions.js';
export { type JpegScrubReport, scrubJpeg } from './scrub-jpeg.js';
export { type NiftiScrubReport, scrubNifti } from './scrub-nifti.js';
export { type PngScrubReport, scrubPng } from './scrub-png.js';
export type { ScrubbedFile } from './scrubbed-file.js';
