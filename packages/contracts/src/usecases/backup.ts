import { z } from 'zod';
import { DatabaseBackup } from '../app-spec.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';
import { DocumentSource } from './sources.js';

// Backup, restore and drill: the backup format (the index every target keeps) and the use cases.

/**
 * Version of the on-disk format; a newer one is refused with a clear error. Format 2 added the
 * optional `volumes` and `databases` sections. Format 3 adds the backup's random `id`, binds every
 * file's encryption to the backup's name, id and the file's path, and authenticates the whole
 * index with a MAC (`mac`) keyed from the backup key. Formats 1 and 2 are still read, but their
 * index is not authenticated: a restore with a key refuses them unless told to accept that.
 */
export const BACKUP_FORMAT_VERSION = 3;

/** The first format whose index is authenticated and whose files are bound to the backup. */
export const BACKUP_AUTHENTICATED_FORMAT = 3;

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
  /**
   * The user and groups of the pod that mounted the claim when it was backed up: the restore Job
   * writes the files as them, so the app owns its restored data. Absent in older backups.
   */
  runAs: z
    .strictObject({
      runAsUser: z.number().int().min(0).optional(),
      runAsGroup: z.number().int().min(0).optional(),
      fsGroup: z.number().int().min(0).optional(),
      supplementalGroups: z.array(z.number().int().min(0)).optional(),
    })
    .optional(),
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
  /**
   * A catalog message (id and parameters: shown in the reader's language); indexes written
   * before messages hold plain English strings, read as they are.
   */
  warnings: z.array(z.union([z.string(), MessageSchema])),
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

// ---- requests and results of the use cases ---------------------------------------------------

/** How to reach an S3 target (flags); credentials come from the environment or a profile. */
export const S3Options = z
  .object({
    endpoint: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    pathStyle: z.boolean().optional(),
    profile: z.string().min(1).optional(),
  })
  .strict();

/** The backup key: a key file (the CLI), or the key itself, base64 (the API). */
export const BackupKeySource = z.union([
  z.object({ file: z.string().min(1), strictPermissions: z.boolean().default(false) }).strict(),
  z.object({ base64: z.string().min(1).max(200) }).strict(),
]);

/** Where backups are: a folder or s3://BUCKET/PREFIX, how to reach it, and the key. */
const TargetRequest = z.object({
  target: z.string().min(1),
  s3: S3Options.optional(),
  key: BackupKeySource.optional(),
});

/** Volume data and database dumps: how restic reaches the volumes, which databases. */
const DataRequest = z.object({
  /** restic: volume data (default with a key, for create); none: left out. */
  volumes: z.enum(['restic', 'none']).optional(),
  /** `CLAIM=/path` or `NAMESPACE/CLAIM=/path`: where a claim's data is on the machine running Quai. */
  volumePaths: z.array(z.string()).default([]),
  mover: z.enum(['local', 'job']).default('local'),
  moverImage: z.string().min(1).optional(),
});

export const BackupCreateRequest = TargetRequest.extend(DataRequest.shape).extend({
  name: z.string().regex(BACKUP_NAME, 'lower-case letters, digits and "-" (at most 63)'),
  namespaces: z.array(z.string().min(1)).default([]),
  /** An app deployed by `quai apply`: its namespaces (narrowed by its label where shared). */
  app: z.string().min(1).optional(),
  labelSelector: z.string().min(1).optional(),
  clusterResources: z.enum(['auto', 'yes', 'no']).default('auto'),
  /** false: stored in clear, Secrets left out (no key needed). */
  encryption: z.boolean().default(true),
  /** App specs whose `backup.databases` are dumped. */
  appSpecs: z.array(DocumentSource).default([]),
  databases: z.boolean().default(true),
});

export const RestoreRequest = TargetRequest.extend(DataRequest.shape).extend({
  backup: z.string().regex(BACKUP_NAME),
  namespaces: z.array(z.string().min(1)).default([]),
  app: z.string().min(1).optional(),
  /** old namespace -> new namespace. */
  namespaceMapping: z.record(z.string(), z.string()).default({}),
  existing: z.enum(['skip', 'update']).default('skip'),
  dryRun: z.boolean().default(false),
  keepNodePorts: z.boolean().default(false),
  /** Accept a backup whose index cannot be authenticated with the key (format 1 or 2, unencrypted). */
  allowUnauthenticated: z.boolean().default(false),
  /** false: leave databases alone; true: restore dumps (and data) into existing namespaces too. */
  databases: z.boolean().optional(),
});

export const DrillRequest = TargetRequest.extend(DataRequest.shape).extend({
  backup: z.string().regex(BACKUP_NAME),
  keep: z.boolean().default(false),
  timeoutMs: z.number().int().nonnegative().default(300_000),
  allowUnauthenticated: z.boolean().default(false),
});

export const RestoreAction = z.enum([
  'created',
  'updated',
  'skipped',
  'failed',
  'would-create',
  'would-update',
  'would-skip',
]);

export const DataRestoreResult = z.object({
  volumes: z.array(
    z.object({
      claim: z.string(),
      action: z.enum(['restored', 'skipped', 'failed', 'would-restore']),
      reason: z.string().optional(),
    }),
  ),
  databases: z.array(
    z.object({
      database: z.string(),
      action: z.enum(['restored', 'skipped', 'failed', 'would-restore']),
      reason: z.string().optional(),
    }),
  ),
});

export const RestoreResult = z.object({
  backup: z.string(),
  status: z.enum(['completed', 'partially-failed']),
  items: z.array(z.object({ object: z.string(), action: RestoreAction, reason: z.string().optional() })),
  counts: z.record(RestoreAction, z.number().int()),
  /** Catalog messages (shown in the reader's language); plain strings from older servers. */
  warnings: z.array(z.union([z.string(), MessageSchema])),
  /** The id of this restore: every run of a restore of this backup has it, a rerun resumes. */
  restoreId: z.string(),
  /** Namespaces an earlier, interrupted run of this restore created, resumed by this run. */
  resumed: z.array(z.string()),
  /** The backup's index was authenticated with the key (format 3, encrypted). */
  authenticated: z.boolean(),
  seconds: z.number(),
  data: DataRestoreResult.optional(),
});

export const DrillReport = z.object({
  backup: z.string(),
  status: z.enum(['pass', 'fail']),
  startedAt: z.string(),
  recoverySeconds: z.number(),
  scratchNamespaces: z.record(z.string(), z.string()),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  restore: RestoreResult,
  cleanedUp: z.boolean(),
});

export const ScheduleRunRequest = z.object({
  schedule: z.string().min(1),
  /** Stand for the current scheduled time: skipped if another runner made it (the CronJob). */
  scheduled: z.boolean().default(false),
  drillTimeoutMs: z.number().int().nonnegative().default(300_000),
});

export const ScheduleRunResult = z.object({
  schedule: z.string(),
  status: z.enum(['completed', 'partially-failed', 'skipped']),
  reason: z.string().optional(),
  backup: BackupIndex.optional(),
  retention: z
    .object({
      keep: z.array(z.object({ name: z.string(), reasons: z.array(z.string()) })),
      remove: z.array(z.string()),
    })
    .optional(),
  expired: z.array(z.string()),
  drill: DrillReport.optional(),
});

// ---- backup schedules -------------------------------------------------------------------------

/** Schedule names: DNS labels short enough for `<name>-<yyyymmddhhmmss>` backup names. */
export const SCHEDULE_NAME = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** A positive duration: 90m, 36h, 30d, 8w. */
export const SCHEDULE_TTL = /^[1-9][0-9]*(m|h|d|w)$/;

export const ScheduleRetention = z.strictObject({
  keepLast: z.number().int().min(1).optional(),
  keepHourly: z.number().int().min(1).optional(),
  keepDaily: z.number().int().min(1).optional(),
  keepWeekly: z.number().int().min(1).optional(),
  keepMonthly: z.number().int().min(1).optional(),
});

/**
 * A backup schedule, as it is kept in quai-system (a ConfigMap `quai-backup-schedule-<name>`):
 * what `quai backup schedule create` and the console's form make.
 */
export const BackupScheduleSpec = z.strictObject({
  name: z.string().regex(SCHEDULE_NAME, 'lower-case letters, digits and "-", at most 40'),
  /** Five cron fields (minute hour day month weekday) or @hourly, @daily, @weekly, @monthly, @yearly. */
  cron: z.string(),
  /** IANA time zone the cron expression is read in (DST handled: a skipped time runs once, an hour later). */
  timeZone: z.string().default('UTC'),
  namespaces: z.array(z.string()).min(1),
  /** An app of the platform: only objects labelled app.kubernetes.io/part-of=APP. */
  app: z.string().optional(),
  labelSelector: z.string().optional(),
  clusterResources: z.enum(['auto', 'yes', 'no']).default('auto'),
  /** A directory (local disk, NFS mount) or s3://BUCKET/PREFIX. */
  target: z.string().min(1),
  s3Endpoint: z.string().optional(),
  s3Region: z.string().optional(),
  /** Path-style S3 addresses; default: with an endpoint, path style. */
  s3PathStyle: z.boolean().optional(),
  /** Secret in quai-system holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for an S3 target. */
  credentialsSecret: z.string().optional(),
  /** PVC in quai-system mounted at a directory target by the in-cluster CronJob (NFS, local disk). */
  targetVolumeClaim: z.string().optional(),
  /** Secret in quai-system whose `key` holds the encryption key file; or "none" (Secrets left out). */
  encryption: z.union([z.strictObject({ keySecret: z.string().min(1) }), z.literal('none')]),
  retention: ScheduleRetention.optional(),
  /** Backups of this schedule older than this are deleted after each run (90m, 36h, 30d, 8w). */
  ttl: z.string().regex(SCHEDULE_TTL, 'a number followed by m, h, d or w').optional(),
  /**
   * Volume data with restic, in each run. `job` (default): a Job next to each volume (the
   * in-cluster runner; needs an S3 target); `local`: restic on this machine (paths of hostPath,
   * local and NFS volumes, or `paths` claim → folder).
   */
  volumes: z
    .strictObject({
      mover: z.enum(['local', 'job']).default('job'),
      image: z.string().min(1).optional(),
      /** namespace/claim → folder on the machine running the schedule (local mover). */
      paths: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** Database dumps in each run (copied from app specs by `schedule create --app-spec`). */
  databases: z.array(DatabaseBackup.safeExtend({ namespace: z.string().min(1) })).optional(),
  drill: z
    .strictObject({
      /** Drill each backup right after it is made. */
      afterBackup: z.boolean().default(false),
      /** Also drill the newest backup on this cron (same time zone). */
      cron: z.string().optional(),
    })
    .optional(),
  suspend: z.boolean().default(false),
});

/**
 * Create (or replace) a schedule. Every field may be missing in a dry run: the form previews the
 * next runs as soon as the cron expression is typed, and learns what is still wrong, field by field.
 */
export const ScheduleCreateRequest = BackupScheduleSpec.partial().extend({
  name: z.string(),
  cron: z.string(),
  /** Replace a schedule of that name (else a name taken is refused). */
  replace: z.boolean().default(false),
  /** Only check the schedule and preview its next runs: nothing is saved. */
  dryRun: z.boolean().default(false),
  reason: z.string().max(1000).optional(),
});

/** A field of the schedule that is wrong, and why (the form shows it next to the field). */
export const ScheduleProblem = z.object({
  /** The field: name, cron, timeZone, namespaces, target, encryption, ttl, retention, drill.cron... */
  field: z.string(),
  message: MessageSchema,
});

export const ScheduleCreateResult = z.object({
  name: z.string(),
  /** created, replaced, or (a dry run) valid or invalid. */
  status: z.enum(['created', 'replaced', 'valid', 'invalid']),
  /** What is wrong, by field (a dry run; a real run throws the first one). */
  problems: z.array(ScheduleProblem),
  /** The next 5 scheduled runs (ISO 8601, UTC); empty when the cron or the time zone is wrong. */
  nextRuns: z.array(z.string()),
  /** The schedule as saved (or as it would be). */
  schedule: BackupScheduleSpec.optional(),
  /** The in-cluster CronJobs updated with it (when the schedule's runner is installed). */
  cronJobs: z.array(z.string()),
});

export const ScheduleSuspendRequest = z.object({
  name: z.string().min(1),
  /** true: suspend (no scheduled run until resumed); false: resume. */
  suspend: z.boolean(),
  reason: z.string().max(1000).optional(),
});

export const ScheduleSuspendResult = z.object({
  name: z.string(),
  suspend: z.boolean(),
  /** false: the schedule already was so. */
  changed: z.boolean(),
  /** The next run once resumed (absent while suspended). */
  nextRun: z.string().optional(),
  cronJobs: z.array(z.string()),
});

export const ScheduleDeleteRequest = z.object({
  name: z.string().min(1),
  reason: z.string().max(1000).optional(),
});

export const ScheduleDeleteResult = z.object({
  name: z.string(),
  /** The CronJobs removed with it (its in-cluster runner). */
  cronJobs: z.array(z.string()),
});

export const backupUseCases = {
  'backup.create': defineUseCase({
    id: 'backup.create',
    summary: {
      en: 'Back up namespaces (objects and the cluster-scoped objects they depend on)',
      fr: 'Sauvegarder des namespaces (les objets et les objets de niveau cluster dont ils dépendent)',
    },
    request: BackupCreateRequest,
    result: BackupIndex,
    effect: 'write',
    progress: true,
    history: true,
    path: '/backup/create',
  }),
  'backup.restore': defineUseCase({
    id: 'backup.restore',
    summary: {
      en: 'Restore a backup: in dependency order, existing objects skipped (or updated)',
      fr: "Restaurer une sauvegarde : dans l'ordre des dépendances, objets existants ignorés (ou mis à jour)",
    },
    request: RestoreRequest,
    result: RestoreResult,
    effect: 'write',
    reason: 'always',
    progress: true,
    history: true,
    path: '/backup/restore',
  }),
  'backup.drill': defineUseCase({
    id: 'backup.drill',
    summary: {
      en: 'Prove a backup: restore it into scratch namespaces, check it, time it, clean up',
      fr: 'Prouver une sauvegarde : la restaurer dans des namespaces temporaires, la vérifier, la chronométrer, nettoyer',
    },
    request: DrillRequest,
    result: DrillReport,
    effect: 'write',
    progress: true,
    history: true,
    path: '/backup/drill',
  }),
  'backup.scheduleRun': defineUseCase({
    id: 'backup.scheduleRun',
    summary: {
      en: "Run a schedule's backup here and now (then its retention, TTL and drill)",
      fr: "Lancer ici et maintenant la sauvegarde d'une planification (puis sa rétention, sa durée de vie et son exercice de restauration)",
    },
    request: ScheduleRunRequest,
    result: ScheduleRunResult,
    effect: 'write',
    progress: true,
    history: true,
    path: '/backup/schedule/run',
  }),
  'backup.scheduleCreate': defineUseCase({
    id: 'backup.scheduleCreate',
    summary: {
      en: 'Create or replace a backup schedule (a dry run checks it and previews its next runs)',
      fr: 'Créer ou remplacer une planification de sauvegarde (une simulation la vérifie et montre ses prochaines exécutions)',
    },
    request: ScheduleCreateRequest,
    result: ScheduleCreateResult,
    effect: 'write',
    reason: 'always',
    progress: false,
    path: '/backup/schedule/create',
  }),
  'backup.scheduleSuspend': defineUseCase({
    id: 'backup.scheduleSuspend',
    summary: {
      en: 'Suspend a backup schedule (no scheduled run until resumed), or resume it',
      fr: "Suspendre une planification de sauvegarde (plus d'exécution planifiée jusqu'à la reprise), ou la reprendre",
    },
    request: ScheduleSuspendRequest,
    result: ScheduleSuspendResult,
    effect: 'write',
    reason: 'always',
    progress: false,
    path: '/backup/schedule/suspend',
  }),
  'backup.scheduleDelete': defineUseCase({
    id: 'backup.scheduleDelete',
    summary: {
      en: 'Delete a backup schedule and its in-cluster runner (its backups stay on the target)',
      fr: 'Supprimer une planification de sauvegarde et son exécution dans le cluster (ses sauvegardes restent sur la cible)',
    },
    request: ScheduleDeleteRequest,
    result: ScheduleDeleteResult,
    effect: 'write',
    reason: 'always',
    progress: false,
    path: '/backup/schedule/delete',
  }),
} as const;
