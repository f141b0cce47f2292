// What a front end needs to run a use case: also its own, lighter entry point (@quai/core/app/run).
export * from './run.js';
export { parseRequest } from './parse.js';
export { isProduction } from './deploy.js';
export { HANDLERS, type Handler } from './handlers.js';
export { loadApp, loadPlatformOf, readDocument, resolveTarget, type Target } from './inputs.js';
