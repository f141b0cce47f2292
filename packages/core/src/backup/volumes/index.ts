export { DEFAULT_MOVER_IMAGE, jobManifest, runJob, secretManifest, type JobRun } from './job.js';
export {
  backupPath,
  backupVolumes,
  localPathOf,
  moverJob,
  parseVolumePaths,
  restoreVolumes,
  runAsOf,
  type MoverKind,
  type VolumeOptions,
  type VolumeProgress,
  type VolumeRestoreItem,
} from './mover.js';
export {
  backupArgs,
  ensureRepository,
  findSnapshots,
  parseResticLine,
  repositoryPassword,
  REPOSITORY_DIR,
  restoreArgs,
  resticRepository,
  resticRunner,
  runRestic,
  type RepositoryPlace,
  type ResticRepository,
  type ResticRunner,
} from './restic.js';
