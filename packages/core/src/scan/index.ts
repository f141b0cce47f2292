export * as versions from './versions/index.js';
export * as osv from './osv/index.js';
export * as inventory from './inventory/index.js';
export { atOrAbove, scanInventory, SEVERITY_ORDER, type Finding, type ScanReport } from './findings.js';
export { toCycloneDx, type CycloneDxOptions } from './sbom.js';
export * as report from './report/index.js';
export * as ingest from './ingest/index.js';
export * as exceptions from './exceptions/index.js';
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
