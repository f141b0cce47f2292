// The backup format: its schemas live in contracts (the result of the backup use cases), so every
// front end reads the same index.
export {
  BACKUP_AUTHENTICATED_FORMAT as AUTHENTICATED_FORMAT,
  BACKUP_FORMAT_VERSION as FORMAT_VERSION,
  BACKUP_NAME,
  BackupFile,
  BackupIndex,
  DatabaseRecord,
  VolumeRecord,
} from '@quai/contracts';
