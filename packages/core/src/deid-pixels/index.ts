export * from './assess-burned-in.js';
export * from './blank-regions.js';
export * from './burned-in-rule.js';
