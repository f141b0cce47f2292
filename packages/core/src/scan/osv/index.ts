export { OsvRecord, parseOsvRecord, type OsvAffected, type OsvSeverity } from './schema.js';
export { cvss3BaseScore, levelOfScore, severityOf, type Severity, type SeverityLevel } from './severity.js';
export { MAX_ENTRY_BYTES, ZipReader, type ZipEntry } from './zip.js';
export {
  defaultVulnDbDir,
  importOsv,
  normalizePackageName,
  vulnDbStatus,
  VULNDB_FORMAT,
  type EcosystemStatus,
  type ImportedSource,
  type ImportOptions,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
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
