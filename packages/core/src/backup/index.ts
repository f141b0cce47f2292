export { createBackup, type BackupOptions } from './collect.js';
export { keyFrom, newKey, readKeyFile, type BackupKey } from './crypto.js';
export { drill, type DrillCheck, type DrillOptions, type DrillReport } from './drill.js';
export { FORMAT_VERSION, type BackupIndex } from './format.js';
export {
  readBackup,
  restoreBackup,
  type RestoreAction,
  type RestoreItem,
  type RestoreOptions,
  type RestoreResult,
} from './restore.js';
export { DirectoryTarget, type StorageTarget } from './target.js';
export { applyRetention, type RetentionDecision, type RetentionPolicy } from './retention.js';
export { parseS3Url, S3Target, type S3TargetOptions } from './s3.js';
