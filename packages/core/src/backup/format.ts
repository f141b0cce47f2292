import { z } from 'zod';

/**
 * Version of the on-disk format; a newer one is refused with a clear error. Format 2 added the
 * optional `volumes` and `databases` sections. Format 3 adds the backup's random `id`, binds every
 * file's encryption to the backup's name, id and the file's path, and authenticates the whole
 * index with a MAC (`mac`) keyed from the backup key. Formats 1 and 2 are still read, but their
 * index is not authenticated: a restore with a key refuses them unless told to accept that.
 */
export const FORMAT_VERSION = 3;

/** The first format whose index is authenticated and whose files are bound to the backup. */
export const AUTHENTICATED_FORMAT = 3;

export const BackupFile = z.strictObject({
  /** Path inside the backup, `resources/<kind>.<group>.json[.enc]`: never absolute, never `..`. */
  path: z
    .string()
    .regex(/^resources\/[A-Za-z0-9.-]+\.json(\.enc)?$/, 'must be resources/<kind>.<group>.json'),
  apiVersion: z.string(),
  kind: z.string(),
  count: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupFile = z.infer<typeof BackupFile>;

/** A claim's data: which restic snapshot holds it, or why it is not in the backup. */
export const VolumeRecord = z.strictObject({
  namespace: z.string(),
  pvc: z.string(),
  /** completed: in `snapshot`; failed: the mover failed; unreachable: no path and no mover; excluded: `quai.dev/backup: none`. */
  status: z.enum(['completed', 'failed', 'unreachable', 'excluded']),
  mover: z.enum(['local', 'job']).optional(),
  snapshot: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/)
    .optional(),
  /** The folder inside the snapshot (restore `<snapshot>:<path>`). */
  path: z.string().optional(),
  files: z.number().int().min(0).optional(),
  bytes: z.number().int().min(0).optional(),
  bytesAdded: z.number().int().min(0).optional(),
  seconds: z.number().min(0).optional(),
  reason: z.string().optional(),
});
export type VolumeRecord = z.infer<typeof VolumeRecord>;

/**
 * An application-consistent database dump, streamed into the restic repository of the target
 * (`restic backup --stdin`: encrypted, deduplicated) with the SHA-256 of the dump as it passed.
 */
export const DatabaseRecord = z.strictObject({
  namespace: z.string(),
  name: z.string(),
  engine: z.enum(['postgresql', 'mariadb', 'mysql']),
  database: z.string(),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  passwordSecret: z.strictObject({ secret: z.string(), key: z.string() }).optional(),
  status: z.enum(['completed', 'failed']),
  snapshot: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/)
    .optional(),
  /** The file name inside the snapshot (`<name>.pgdump` or `<name>.sql`). */
  file: z
    .string()
    .regex(/^[a-z0-9][-a-z0-9.]*\.(pgdump|sql)$/)
    .optional(),
  bytes: z.number().int().min(0).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  seconds: z.number().min(0).optional(),
  /** Data checks: each query's result when the dump was taken, compared after a drill restore. */
  checks: z.array(z.strictObject({ name: z.string(), query: z.string(), result: z.string() })).optional(),
  reason: z.string().optional(),
});
export type DatabaseRecord = z.infer<typeof DatabaseRecord>;

export const BackupIndex = z.strictObject({
  format: z.number().int(),
  name: z.string(),
  /** Format 3: 128 random bits, bound to every file and tagged on every restic snapshot. */
  id: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  status: z.enum(['completed', 'partially-failed']),
  startedAt: z.string(),
  completedAt: z.string(),
  createdBy: z.string(),
  cluster: z.string(),
  namespaces: z.array(z.string()),
  labelSelector: z.string().optional(),
  clusterResources: z.boolean(),
  encryption: z.union([
    z.strictObject({ algorithm: z.literal('aes-256-gcm'), keyId: z.string() }),
    z.literal('none'),
  ]),
  files: z.array(BackupFile),
  volumes: z.array(VolumeRecord).optional(),
  databases: z.array(DatabaseRecord).optional(),
  counts: z.record(z.string(), z.number()),
  warnings: z.array(z.string()),
  errors: z.array(z.string()),
  /** Format 3, encrypted: HMAC-SHA256 of the rest of the index (canonical JSON), key from HKDF. */
  mac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type BackupIndex = z.infer<typeof BackupIndex>;

/** Backup names: DNS labels, so they are safe as folder and object names. */
export const BACKUP_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
