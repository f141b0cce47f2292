/**
 * The light entry point `@quai/core/app/run`: what a front end needs to run a use case (a context,
 * run()), without importing every domain; each domain is imported when one of its use cases runs.
 */
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
export { run } from './execute.js';
