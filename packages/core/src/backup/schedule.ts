import { Cron } from 'croner';
import type { z } from 'zod';
import { BackupScheduleSpec, type Message, msg, SCHEDULE_TTL } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';
import { compareText } from '../util/index.js';

/** Where schedules, their locks and the in-cluster runner live: one namespace every machine sees. */
export const SYSTEM_NAMESPACE = 'quai-system';
export const SCHEDULE_LABEL = 'quai.dev/backup-schedule';
const FIELD_MANAGER = 'quai-backup-schedule';

/** A schedule: its schema is in contracts (the API's requests and the console share it). */
export const BackupSchedule = BackupScheduleSpec;
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
  const m = SCHEDULE_TTL.exec(ttl);
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

/** A field of a schedule that is wrong, and why: a form shows it next to the field. */
export interface ScheduleProblem {
  readonly field: string;
  readonly message: Message;
}

/** What a schedule's check found: its problems by field, its next runs when its cron reads. */
export interface ScheduleCheck {
  /** The schedule, defaults applied, when nothing is wrong. */
  readonly schedule?: BackupSchedule;
  readonly problems: readonly ScheduleProblem[];
  readonly nextRuns: readonly Date[];
}

function messageOf(error: unknown): Message {
  if (error instanceof QuaiError && typeof error.text !== 'string') return error.text;
  return msg('common.text', { text: (error as Error).message });
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The message of a field that did not pass the schedule's schema. */
function fieldMessage(field: string, input: Record<string, unknown>, reason: string): Message {
  if (field === 'name') return msg('backup.schedule.badName', { name: textOf(input['name']) });
  if (field === 'namespaces') return msg('backup.schedule.noNamespaces');
  if (field === 'target') return msg('backup.schedule.noTarget');
  if (field === 'encryption') return msg('backup.schedule.noEncryption');
  if (field === 'ttl') return msg('backup.schedule.badTtl', { ttl: textOf(input['ttl']) });
  return msg('backup.schedule.fieldInvalid', { field, reason });
}

/**
 * Checks a schedule field by field, every problem at once (a form shows each next to its field),
 * and previews its next `count` runs as soon as its cron expression and time zone read, even when
 * other fields are still wrong. `validateSchedule` is the same check that stops at the first.
 */
export function checkSchedule(input: Record<string, unknown>, now: Date, count = 5): ScheduleCheck {
  const problems: ScheduleProblem[] = [];
  const parsed = BackupSchedule.safeParse(input);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.') || 'schedule';
      const top = String(issue.path[0] ?? 'schedule');
      if (seen.has(top)) continue;
      seen.add(top);
      problems.push({ field, message: fieldMessage(top, input, issue.message) });
    }
  }
  const cron = typeof input['cron'] === 'string' ? input['cron'] : '';
  const timeZone = typeof input['timeZone'] === 'string' ? input['timeZone'] : 'UTC';
  let runs: Date[] = [];
  try {
    checkTimeZone(timeZone);
    try {
      runs = parseCron(cron, timeZone).nextRuns(count, now);
    } catch (error) {
      problems.push({ field: 'cron', message: messageOf(error) });
    }
    const drill = input['drill'] as { cron?: unknown } | undefined;
    if (typeof drill?.cron === 'string') {
      try {
        parseCron(drill.cron, timeZone);
      } catch (error) {
        problems.push({ field: 'drill.cron', message: messageOf(error) });
      }
    }
  } catch (error) {
    problems.push({ field: 'timeZone', message: messageOf(error) });
  }
  const target = input['target'];
  if (typeof target === 'string' && target !== '' && !target.startsWith('s3://') && !target.startsWith('/')) {
    problems.push({ field: 'target', message: msg('backup.schedule.relativeTarget', { target }) });
  }
  const databases = Array.isArray(input['databases']) ? input['databases'] : [];
  if ((input['volumes'] !== undefined || databases.length > 0) && input['encryption'] === 'none') {
    problems.push({
      field: 'encryption',
      message: msg('backup.schedule.dataWithoutKey', { name: textOf(input['name']) }),
    });
  }
  return problems.length === 0 && parsed.success
    ? { schedule: parsed.data, problems, nextRuns: runs }
    : { problems, nextRuns: runs };
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
    return cms.map(fromConfigMap).sort((a, b) => compareText(a.name, b.name));
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

  /** Whether a schedule of that name is kept (a form says a name is taken before it is sent). */
  async exists(name: string, signal?: AbortSignal): Promise<boolean> {
    const cm = await this.client.tryGet(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: configMapName(name) },
      signal,
    );
    return cm !== undefined;
  }

  /** Suspends (true) or resumes (false) a schedule; `changed` is false when it already was so. */
  async setSuspended(
    name: string,
    suspend: boolean,
    signal?: AbortSignal,
  ): Promise<{ schedule: BackupSchedule; changed: boolean }> {
    const s = await this.get(name, signal);
    if (s.suspend === suspend) return { schedule: s, changed: false };
    const saved = await this.save({ ...s, suspend }, { replace: true, ...(signal ? { signal } : {}) });
    return { schedule: saved, changed: true };
  }

  async delete(name: string, signal?: AbortSignal): Promise<void> {
    await this.get(name, signal);
    await this.client.delete(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: configMapName(name) },
      signal ? { signal } : {},
    );
  }
}
