export * from './quantity.js';
export * from './selectors.js';
export * from './model.js';
export * from './cluster.js';
export * from './scheduler.js';
export * from './simulator.js';
export * from './workloads.js';
