export {
  createContext,
  openClient,
  withContext,
  type AppContext,
  type ClusterSettings,
  type ContextOptions,
  type FileAccess,
  type Settings,
} from './context.js';
export { isProduction } from './deploy.js';
export { parseRequest, run } from './execute.js';
export { HANDLERS, type Handler } from './handlers.js';
export { loadApp, loadPlatformOf, readDocument, resolveTarget, type Target } from './inputs.js';
