export { secretLooking } from './secret-scan.js';
export { loadClusterObjects, RBAC_KINDS, type ClusterLoadOptions } from './cluster.js';
export {
  auditObjects,
  AUDIT_CHECKS,
  DEFAULT_KUBERNETES_MINOR,
  type AuditHeader,
  type AuditOptions,
} from './engine.js';
export { auditStream, type AuditRun, type StreamOptions } from './stream.js';
export { reportChunks, writeChunks, writeReportFile, writeReportStream } from './report-files.js';
export {
  parseExceptionsFile,
  exceptionAnnotations,
  exceptionKeys,
  EXCEPTION_ANNOTATION_PREFIX,
  EXCEPTION_FIELD_MANAGER,
  type ExceptionRule,
} from './exceptions.js';
export {
  DEFAULT_LOAD_LIMITS,
  loadManifestPaths,
  loadManifestText,
  readManifests,
  type LoadLimits,
  type LoadResult,
  type ManifestInput,
} from './load.js';
export {
  evaluatePodSecurity,
  parsePssVersion,
  allowedSysctls,
  CAPABILITIES_ALLOWED_1_0,
  PSS_CHECKS,
  PSS_MAX_MINOR,
  type PssViolation,
  type PssVersion,
  type PodView,
} from './pss.js';
export { whoCan, parseResource, type WhoCanEntry } from './rbac.js';
export { bootstrapPolicyFrom, carriedBootstrapPolicy, canonicalRule } from './rbac-model.js';
export {
  textChunks,
  sarifChunks,
  junitChunks,
  gitlabCodeQualityChunks,
  markdownChunks,
  htmlChunks,
  jsonChunks,
  yamlChunks,
  renderText,
  renderSarif,
  renderJUnit,
  renderGitlabCodeQuality,
  renderMarkdown,
  renderHtml,
  REPORT_FORMATS,
  type ReportFormat,
  type Painter,
} from './reporters.js';
export {
  SEVERITIES,
  isSeverity,
  severityRank,
  type AuditNote,
  type AuditObject,
  type AuditReport,
  type CheckInfo,
  type Finding,
  type PssLevel,
  type Severity,
} from './types.js';
