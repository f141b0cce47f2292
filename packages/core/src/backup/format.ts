import { z } from 'zod';

/** Version of the on-disk format; a newer one is refused with a clear error. */
export const FORMAT_VERSION = 1;

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

export const BackupIndex = z.strictObject({
  format: z.number().int(),
  name: z.string(),
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
  counts: z.record(z.string(), z.number()),
  warnings: z.array(z.string()),
  errors: z.array(z.string()),
});
export type BackupIndex = z.infer<typeof BackupIndex>;

/** Backup names: DNS labels, so they are safe as folder and object names. */
export const BACKUP_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
