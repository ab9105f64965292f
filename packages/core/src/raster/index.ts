export type { DecodedJpegFrame, JpegDecoder } from './libjpeg-turbo.js';
export { decodeJpegWithLibjpegTurbo } from './libjpeg-turbo.js';
export { isJpeg, isPng } from './magic.js';
export { MAX_RASTER_PIXELS } from './raster-limits.js';
export { type RasterReadOptions, readRasterImage } from './read-raster-image.js';
