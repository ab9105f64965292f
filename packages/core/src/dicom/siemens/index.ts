export * from './ascconv.js';
export * from './csa-header.js';
export * from './mosaic.js';
