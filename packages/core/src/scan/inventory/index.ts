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
} from './parsers.js';
export { isWanted, viewOciLayout, viewRootFs, type FileView, type OciOptions } from './view.js';
export { normalizeArchivePath, readTar, type TarEntry, type TarEntryType } from './tar.js';
