/**
 * `@voxelhub/core/geometry`: vectors, 3×3 matrices and the index ↔ patient (LPS, mm) mapping, with no
 * reader or codec behind them — what the web app's annotation tools need, light enough for a browser.
 */

export type { ImageGeometry } from '../volume/image-volume.js';
export * from '../volume/patient-coordinates.js';
export * from './matrix3.js';
export * from './vector.js';
