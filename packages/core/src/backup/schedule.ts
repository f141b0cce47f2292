import { Cron } from 'croner';
import { z } from 'zod';
import { DatabaseBackup, type Message, msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';

/** Where schedules, their locks and the in-cluster runner live: one namespace every machine sees. */
export const SYSTEM_NAMESPACE = 'quai-system';
export const SCHEDULE_LABEL = 'quai.dev/backup-schedule';
const FIELD_MANAGER = 'quai-backup-schedule';

/** Schedule names: DNS labels short enough for `<name>-<yyyymmddhhmmss>` backup names. */
export const SCHEDULE_NAME = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** A positive duration: 90m, 36h, 30d, 8w. */
export const TTL = /^[1-9][0-9]*(m|h|d|w)$/;

export const Retention = z.strictObject({
  keepLast: z.number().int().min(1).optional(),
  keepHourly: z.number().int().min(1).optional(),
  keepDaily: z.number().int().min(1).optional(),
  keepWeekly: z.number().int().min(1).optional(),
  keepMonthly: z.number().int().min(1).optional(),
});
export type Retention = z.infer<typeof Retention>;

export const BackupSchedule = z.strictObject({
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
  retention: Retention.optional(),
  /** Backups of this schedule older than this are deleted after each run (90m, 36h, 30d, 8w). */
  ttl: z.string().regex(TTL, 'a number followed by m, h, d or w').optional(),
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
export type BackupSchedule = z.infer<typeof BackupSchedule>;
export type BackupScheduleInput = z.input<typeof BackupSchedule>;

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Checks an IANA time zone name against the runtime's tz database. */
export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new QuaiError('USAGE', msg('backup.schedule.badTimeZone', { timeZone }), {
      hint: msg('backup.schedule.badTimeZoneHint'),
    });
  }
}

/** A cron expression in a time zone, checked: five fields or a macro, as CronJobs accept. */
export function parseCron(expression: string, timeZone: string): Cron {
  checkTimeZone(timeZone);
  const e = expression.trim();
  if (!MACROS.has(e) && e.split(/\s+/).length !== 5) {
    throw new QuaiError('USAGE', msg('backup.schedule.cronFields', { expression }), {
      hint: msg('backup.schedule.cronFieldsHint'),
    });
  }
  try {
    // Kubernetes CronJobs read "@midnight" as @daily; croner does not know it.
    return new Cron(e === '@midnight' ? '@daily' : e, { timezone: timeZone, paused: true, mode: '5-part' });
  } catch (error) {
    throw new QuaiError(
      'USAGE',
      msg('backup.schedule.badCron', { expression, reason: (error as Error).message }),
      { hint: msg('backup.schedule.badCronHint') },
    );
  }
}

/** The next run times of a schedule after `from`. */
export function nextRuns(
  schedule: Pick<BackupSchedule, 'cron' | 'timeZone'>,
  count: number,
  from: Date,
): Date[] {
  return parseCron(schedule.cron, schedule.timeZone).nextRuns(count, from);
}

/**
 * The run that is due at `now`, given the last run time: the newest scheduled time in
 * (last, now]. Missed runs after downtime collapse into this one run, as a CronJob does.
 */
export function dueRun(
  schedule: Pick<BackupSchedule, 'cron' | 'timeZone'>,
  last: Date,
  now: Date,
): Date | undefined {
  const cron = parseCron(schedule.cron, schedule.timeZone);
  const next = cron.nextRun(last);
  if (next === null || next.getTime() > now.getTime()) return undefined;
  return latestRun(schedule, now) ?? next;
}

/** The newest scheduled time not after `at`. */
export function latestRun(schedule: Pick<BackupSchedule, 'cron' | 'timeZone'>, at: Date): Date | undefined {
  return parseCron(schedule.cron, schedule.timeZone).previousRuns(1, new Date(at.getTime() + 1))[0];
}

export function ttlMs(ttl: string): number {
  const m = TTL.exec(ttl);
  if (m === null)
    throw new QuaiError('USAGE', msg('backup.schedule.badTtl', { ttl }), {
      hint: msg('backup.schedule.badTtlHint'),
    });
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[1] as 'm' | 'h' | 'd' | 'w'];
  return Number.parseInt(ttl, 10) * unit;
}

/** Validates a schedule fully (shape, cron, time zone, drill cron), with a clear error. */
export function validateSchedule(
  input: unknown,
  where: Message = msg('backup.schedule.input'),
): BackupSchedule {
  const parsed = BackupSchedule.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.schedule.invalid', {
        where,
        path: issue?.path.join('.') ?? '',
        reason: issue?.message ?? '',
      }),
      { hint: msg('backup.schedule.invalidHint') },
    );
  }
  const s = parsed.data;
  parseCron(s.cron, s.timeZone);
  if (s.drill?.cron !== undefined) parseCron(s.drill.cron, s.timeZone);
  if (!s.target.startsWith('s3://') && !s.target.startsWith('/')) {
    throw new QuaiError('USAGE', msg('backup.schedule.relativeTarget', { target: s.target }), {
      hint: msg('backup.schedule.relativeTargetHint'),
    });
  }
  if ((s.volumes !== undefined || (s.databases ?? []).length > 0) && s.encryption === 'none') {
    throw new QuaiError('USAGE', msg('backup.schedule.dataWithoutKey', { name: s.name }), {
      hint: msg('backup.schedule.dataWithoutKeyHint'),
    });
  }
  return s;
}

/** The label selector a schedule backs up with (its app, and its own selector). */
export function selectorOf(s: BackupSchedule): string | undefined {
  const parts = [
    ...(s.app ? [`app.kubernetes.io/part-of=${s.app}`] : []),
    ...(s.labelSelector ? [s.labelSelector] : []),
  ];
  return parts.length === 0 ? undefined : parts.join(',');
}

/** Backups a schedule makes: `<schedule>-<yyyymmddhhmmss>` (UTC). */
export function backupNameFor(schedule: string, at: Date): string {
  return `${schedule}-${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
}

export function isBackupOf(schedule: string, backup: string): boolean {
  return backup.startsWith(`${schedule}-`) && /^\d{14}$/.test(backup.slice(schedule.length + 1));
}

const configMapName = (name: string): string => `quai-backup-schedule-${name}`;

function toConfigMap(s: BackupSchedule): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: configMapName(s.name),
      namespace: SYSTEM_NAMESPACE,
      labels: { [SCHEDULE_LABEL]: s.name, 'app.kubernetes.io/managed-by': 'quai' },
    },
    data: { 'schedule.json': `${JSON.stringify(s, null, 2)}\n` },
  };
}

function fromConfigMap(cm: KubeObject): BackupSchedule {
  const text = (cm['data'] as Record<string, string> | undefined)?.['schedule.json'] ?? '';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  return validateSchedule(
    raw,
    msg('backup.schedule.configMap', { namespace: SYSTEM_NAMESPACE, name: cm.metadata.name ?? '' }),
  );
}

/** Creates the quai-system namespace if missing, enforcing the restricted Pod Security Standard. */
export async function ensureSystemNamespace(client: KubeClient, signal?: AbortSignal): Promise<void> {
  if (
    (await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE }, signal)) !==
    undefined
  )
    return;
  try {
    await client.create(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: SYSTEM_NAMESPACE,
          labels: {
            'app.kubernetes.io/managed-by': 'quai',
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/enforce-version': 'latest',
          },
        },
      },
      signal ? { signal } : {},
    );
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 'ALREADY_EXISTS')) throw error;
  }
}

/** Schedules are ConfigMaps in quai-system (no secrets in them: keys and credentials are Secret names). */
export class ScheduleStore {
  constructor(private readonly client: KubeClient) {}

  async list(signal?: AbortSignal): Promise<BackupSchedule[]> {
    const ns = await this.client.tryGet(
      { apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE },
      signal,
    );
    if (ns === undefined) return [];
    const cms = await this.client.list('v1', 'ConfigMap', {
      namespace: SYSTEM_NAMESPACE,
      labelSelector: SCHEDULE_LABEL,
      ...(signal ? { signal } : {}),
    });
    return cms.map(fromConfigMap).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string, signal?: AbortSignal): Promise<BackupSchedule> {
    const cm = await this.client.tryGet(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: configMapName(name) },
      signal,
    );
    if (cm === undefined) {
      throw new QuaiError('NOT_FOUND', msg('backup.schedule.notFound', { name }), {
        hint: msg('backup.schedule.notFoundHint'),
      });
    }
    return fromConfigMap(cm);
  }

  /** Creates a schedule; an existing one is replaced only with `replace`. */
  async save(
    input: BackupScheduleInput,
    options: { replace?: boolean; signal?: AbortSignal } = {},
  ): Promise<BackupSchedule> {
    const s = validateSchedule(input);
    await ensureSystemNamespace(this.client, options.signal);
    if (!options.replace) {
      const existing = await this.client.tryGet(
        { apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: configMapName(s.name) },
        options.signal,
      );
      if (existing !== undefined) {
        throw new QuaiError('ALREADY_EXISTS', msg('backup.schedule.exists', { name: s.name }), {
          hint: msg('backup.schedule.existsHint'),
        });
      }
    }
    await this.client.apply(toConfigMap(s), {
      fieldManager: FIELD_MANAGER,
      force: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return s;
  }

  async delete(name: string, signal?: AbortSignal): Promise<void> {
    await this.get(name, signal);
    await this.client.delete(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: configMapName(name) },
      signal ? { signal } : {},
    );
  }
}
