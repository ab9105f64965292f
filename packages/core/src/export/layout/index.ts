export * from './dataset-layout.js';
export { LayoutError } from './layout-error.js';
export { type ReadLayoutText, recogniseLayout } from './recognise-layout.js';
