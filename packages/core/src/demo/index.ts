export { PHANTOM_STRUCTURES } from './ct-phantom.js';
export type { CtSize, DemoLabel } from './ct-series.js';
export { CT_NOISE_HU } from './ct-series.js';
export * from './demo-dataset.js';
export * from './demo-options-error.js';
export { type SeededRandom, seededRandom } from './seeded-random.js';
