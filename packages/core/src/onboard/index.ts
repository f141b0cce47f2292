export {
  defaultComposeFiles,
  loadCompose,
  MAX_SERVICES,
  type ComposeProject,
  type LoadComposeOptions,
} from './compose-file.js';
export {
  convertCompose,
  dnsName,
  type ConversionReport,
  type ConvertOptions,
  type EntryStatus,
  type ImportResult,
  type ReportEntry,
} from './convert.js';
export { imageHealthchecks, type ImageHealthcheckResult } from './image-health.js';
export { parseDotEnv } from './interpolate.js';
export { normalizeProject, type NormalizedService } from './normalize.js';
export { DROPPED_SERVICE_KEYS, HANDLED_SERVICE_KEYS, TOP_LEVEL_KEYS } from './keys.js';
export { formatReport, reportJson } from './report.js';
export { appSpecYaml, envFileText, readSecretsDir, writeFolderAtomic } from './write.js';
