export { describeDiagnostic, formatPath, locationOf, throwIfErrors, type Diagnostic } from './diagnostics.js';
export { appNamespace, resolveEnvironment, type ResolvedApp } from './environment.js';
export {
  defaultPlatform,
  loadAppSpec,
  loadPlatform,
  MAX_INPUT_BYTES,
  parseAppSpec,
  parsePlatform,
  parseYamlAs,
  readInput,
  type AppLoadOptions,
  type Loaded,
} from './load.js';
export { imageTag } from './rules.js';
export { looksSecret, secretReason, type SecretMode } from './secrets.js';
