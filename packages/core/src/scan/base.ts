/*
 * The scanner without the parsers of other tools' reports, ignore files and VEX documents (they
 * use zod and the YAML library): `@quai/core/scan/base`. The CLI's scan commands import this, and
 * `@quai/core/scan/ingest` or `@quai/core/scan/exceptions` with import() when there is such a file
 * to read, so that a scan that has none loads neither library (issue 19: a warm scan 8 ms faster
 * on Node 22, 15 ms on Node 20). index.ts is this plus the two namespaces.
 */
export * as versions from './versions/index.js';
export * as osv from './osv/index.js';
export * as inventory from './inventory/index.js';
export { atOrAbove, scanInventory, SEVERITY_ORDER, type Finding, type ScanReport } from './findings.js';
export { toCycloneDx, type CycloneDxOptions } from './sbom.js';
export * as report from './report/index.js';
// What every scan uses of ingest/ and exceptions/, without their parsers:
export { mergeTargets } from './ingest/merge.js';
export { matchTarget } from './ingest/match.js';
export { parseJsonText, readInputText } from './ingest/read.js';
export { applyExceptions, type ExceptionSet } from './exceptions/apply.js';
export { IGNORE_FILE_NAME } from './exceptions/ignore.js';
export type { VexStatement } from './exceptions/openvex.js';
export * as registry from './registry/index.js';
export * as archive from './archive/index.js';
export {
  detectImageSource,
  inventoryFromImage,
  viewImage,
  type ImageSource,
  type ImageSourceKind,
  type ReadImageOptions,
} from './source.js';
export {
  clusterImageUses,
  clusterReportJson,
  digestFromImageId,
  scanCluster,
  type ClusterImageResult,
  type ClusterScanOptions,
  type ClusterScanReport,
  type ContainerType,
  type WorkloadUse,
} from './cluster.js';
export { compactClusterScan, compactImage, compareVulnerabilities } from './cluster-summary.js';
export { VULNDB_MOUNT, vulnDbCronJobObjects, type VulnDbCronJobOptions } from './vulndb-cronjob.js';
