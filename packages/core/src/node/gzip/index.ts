export { type GzipParallelOptions, gzipParallel } from './gzip-parallel.js';
