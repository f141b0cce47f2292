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
  type ReadInputOptions,
  type AppLoadOptions,
  type Loaded,
} from './load.js';
export { imageTag } from './rules.js';
export { createReadPolicy, type ReadPolicy } from './read-policy.js';
export { looksSecret, secretReason, type SecretMode } from './secrets.js';
