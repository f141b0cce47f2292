export {
  placeOfUrl,
  resolvePlace,
  resolveS3Credentials,
  targetOfPlace,
  type S3CredentialSources,
  type S3Flags,
  type S3Settings,
} from './place.js';
export { APP_LABEL, appScope, type AppScope } from './app.js';
export { createBackup, type BackupOptions } from './collect.js';
export { keyFrom, newKey, readKeyFile, type BackupKey, type ReadKeyOptions } from './crypto.js';
export { fileError } from './fs-errors.js';
export { drill, type DrillCheck, type DrillOptions, type DrillReport } from './drill.js';
export { FORMAT_VERSION, type BackupIndex } from './format.js';
export {
  checkIndex,
  readBackup,
  restoreBackup,
  type IndexTrust,
  type OpenOptions,
  type RestoreAction,
  type RestoreItem,
  type RestoreOptions,
  type RestoreResult,
} from './restore.js';
export { DirectoryTarget, type Leftovers, type StorageTarget } from './target.js';
export { applyRetention, type RetentionDecision, type RetentionPolicy } from './retention.js';
export { parseS3Url, S3Target, type S3TargetOptions } from './s3.js';
export { BackupLog, parseLog, type LogLine } from './log.js';
export {
  BackupSchedule,
  backupNameFor,
  checkSchedule,
  checkTimeZone,
  dueRun,
  ensureSystemNamespace,
  isBackupOf,
  latestRun,
  nextRuns,
  parseCron,
  ScheduleStore,
  SYSTEM_NAMESPACE,
  validateSchedule,
  type BackupScheduleInput,
  type ScheduleCheck,
  type ScheduleProblem,
} from './schedule.js';
export { ScheduleLock, type HeldLock } from './schedule-lock.js';
export {
  createBackupWithLog,
  drillAndRecord,
  drillHistory,
  drillSchedule,
  newestBackupOf,
  readBackupLog,
  runSchedule,
  scheduleKey,
  scheduleTarget,
  type RunScheduleOptions,
  type RunScheduleResult,
  type StoredDrillReport,
} from './schedule-run.js';
export { runDaemon, type DaemonOptions } from './schedule-daemon.js';
export {
  cronJobObjects,
  DEFAULT_IMAGE,
  installCronJobs,
  installedImage,
  rbacObjects,
  startJobFromCronJob,
  uninstallCronJobs,
  updateInstalledCronJobs,
  waitForJob,
} from './schedule-cronjob.js';
export {
  createVeleroBackup,
  createVeleroRestore,
  describeVeleroBackup,
  followVelero,
  listVeleroBackups,
  veleroPresent,
  VELERO_NAMESPACE,
  type VeleroBackup,
  type VeleroPhase,
} from './velero.js';
export * as volumes from './volumes/index.js';
export * as databases from './databases/index.js';
export {
  backupData,
  databaseDeclaration,
  drillDatabases,
  forgetBackup,
  forgetOrphanSnapshots,
  placeOf,
  restoreData,
  type DatabaseDeclaration,
  type DataOptions,
  type DataRestoreOptions,
  type DataRestoreResult,
} from './volumes/data.js';
export type { DatabaseRecord, VolumeRecord } from './format.js';
