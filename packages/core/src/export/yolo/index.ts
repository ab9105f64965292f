export * from './read-data-yaml-names.js';
export * from './trace-outer-contours.js';
export * from './yolo-coordinates.js';
export * from './yolo-data-yaml.js';
export * from './yolo-layout.js';
export * from './yolo-read.js';
export * from './yolo-shapes.js';
export * from './yolo-write.js';
