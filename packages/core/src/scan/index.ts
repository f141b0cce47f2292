export * as versions from './versions/index.js';
export * as osv from './osv/index.js';
export * as inventory from './inventory/index.js';
export { atOrAbove, scanInventory, SEVERITY_ORDER, type Finding, type ScanReport } from './findings.js';
export { toCycloneDx, type CycloneDxOptions } from './sbom.js';
