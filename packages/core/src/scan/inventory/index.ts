export {
  inventoryFromOciLayout,
  inventoryFromRootFs,
  inventoryFromView,
  type Inventory,
  type InventoryPackage,
} from './inventory.js';
export {
  parseApkInstalled,
  parseDpkgStatus,
  parseNodePackageJson,
  parseOsRelease,
  parsePackageLock,
  parsePythonMetadata,
  type FoundPackage,
  type OsRelease,
  type PackageKind,
  type ScanWarning,
  uniqueWarnings,
} from './parsers.js';
export {
  DEFAULT_IMAGE_LIMITS,
  isWanted,
  viewLayers,
  viewOciLayout,
  viewRootFs,
  type FileView,
  type ImageLimits,
  type LayerBlob,
  type OciOptions,
} from './view.js';
export { defaultLayerCacheDir } from './layer-cache.js';
export { normalizeArchivePath, readTar, type TarBudget, type TarEntry, type TarEntryType } from './tar.js';
