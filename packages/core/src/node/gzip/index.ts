export { type GzipParallelOptions, gzipParallel, gzipParallelChunks } from './gzip-parallel.js';
