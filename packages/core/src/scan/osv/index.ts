export {
  MODIFIED_SKEW_MS,
  OSV_SCHEMA_VERSION,
  osvRecordParser,
  type OsvAffected,
  type OsvRecord,
  type OsvRecordParser,
  type OsvSeverity,
} from './schema.js';
export { MATCH_INDEX_VERSION, MatchIndex, type IndexedRecord, type RecordDetails } from './match-index.js';
export { printable } from './printable.js';
export { cvss3BaseScore, levelOfScore, severityOf, type Severity, type SeverityLevel } from './severity.js';
export { MAX_ENTRY_BYTES, ZipReader, type ZipEntry } from './zip.js';
export {
  defaultVulnDbDir,
  ecosystemFolder,
  importOsv,
  sourceKey,
  normalizePackageName,
  vulnDbStatus,
  VULNDB_FORMAT,
  type EcosystemStatus,
  type ImportedSource,
  type ImportOptions,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
  type ImportSourceSpec,
  type VulnDbStatus,
} from './store.js';
export {
  distroEcosystem,
  matchRecord,
  VulnDb,
  type AffectedBy,
  type MatchResult,
  type PackageQuery,
  type VulnerabilityMatch,
} from './match.js';
export {
  updateFromMirror,
  type EcosystemUpdate,
  type UpdateOptions,
  type UpdateProgress,
  type UpdateReport,
} from './update.js';
