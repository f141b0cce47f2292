export {
  ERROR_CODES,
  EXIT_CODES,
  exitCodeFor,
  httpStatusFor,
  isErrorCode,
  type ErrorCode,
  type ExitCode,
} from './errors.js';
export { ErrorBody, OUTPUT_FORMATS, OutputFormat } from './output.js';
export {
  AppSpec,
  Component,
  ConfigFile,
  DatabaseBackup,
  Dependency,
  DNS_LABEL,
  EnvironmentOverride,
  EXCEPTION_KINDS,
  Expose,
  Job,
  PlatformConfig,
  PolicyLevel,
  Port,
  Probe,
  Quantity,
  Resources,
  SecretRef,
  SecurityException,
  Volume,
} from './app-spec.js';
export { jsonSchemas } from './json-schema.js';
