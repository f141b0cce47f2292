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
export {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatDecimal,
  formatNumber,
  langFromAcceptLanguage,
  langFromEnvironment,
  langOf,
  LANGS,
  localeOf,
  type Bilingual,
  type Lang,
  type Message,
  type Param,
} from './i18n.js';
export {
  CATALOG_PARTS,
  isMessageId,
  localize,
  MESSAGES,
  msg,
  t,
  textOf,
  tr,
  withTexts,
  type MessageId,
  type ParamsOf,
} from './messages/index.js';
export {
  exitCodeOf,
  httpStatusOf,
  OUTCOME_KINDS,
  OUTCOMES,
  OutcomeKind,
  worstOutcome,
  type Outcome,
} from './outcomes.js';
export { MessageSchema, ProgressEvent } from './progress.js';
export {
  defineUseCase,
  type DeepReadonly,
  type RequestInputOf,
  type RequestOf,
  type ResultOf,
  type UseCaseSpec,
} from './usecase.js';
export * from './usecases/index.js';
export { USE_CASE_PATHS } from './use-case-paths.js';
export {
  BilingualText,
  CompareCriterion,
  CompareData,
  CompareOption,
  CompareRanking,
  CompareScore,
  CompareSensitivity,
  CompareSource,
  CompareWeights,
} from './compare.js';
export {
  ClusterInventory,
  FirewallParty,
  FirewallRule,
  InputLocation,
  InventoryNode,
  Ipv4Address,
  Ipv4Cidr,
  PlannedFile,
} from './cluster-inventory.js';
