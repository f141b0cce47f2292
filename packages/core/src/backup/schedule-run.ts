import { msg, t, textOf } from '@quai/contracts';
import { randomBytes } from 'node:crypto';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';
import { createBackup, type BackupOptions } from './collect.js';
import { keyFrom, type BackupKey } from './crypto.js';
import { drill, type DrillOptions, type DrillReport } from './drill.js';
import type { BackupIndex } from './format.js';
import { BackupLog, parseLog, type LogLine } from './log.js';
import { applyRetention, type RetentionDecision } from './retention.js';
import { placeOfUrl, resolveS3Credentials, targetOfPlace } from './place.js';
import {
  backupNameFor,
  isBackupOf,
  latestRun,
  selectorOf,
  SYSTEM_NAMESPACE,
  ttlMs,
  type BackupSchedule,
} from './schedule.js';
import { ScheduleLock } from './schedule-lock.js';
import type { StorageTarget } from './target.js';
import { databaseDeclaration, forgetBackup, type DataOptions } from './volumes/data.js';
import { resticRepository, resticRunner, type RepositoryPlace } from './volumes/restic.js';
import { compareText } from '../util/index.js';

/**
 * Makes a backup and keeps its log beside its index (log.jsonl: time, level, message, counts,
 * warnings, errors). A backup that fails before its index is written leaves its log under
 * `.failed/` so `quai backup logs` can still tell why.
 */
export async function createBackupWithLog(
  client: KubeClient,
  target: StorageTarget,
  options: BackupOptions & { readonly onLog?: (line: LogLine) => void },
): Promise<BackupIndex> {
  const log = new BackupLog(options.now, options.onLog);
  log.info(
    `backup ${options.name} of ${options.namespaces.join(', ')} to ${target.description}${options.labelSelector ? ` (selector ${options.labelSelector})` : ''}`,
  );
  let index: BackupIndex;
  try {
    index = await createBackup(client, target, {
      ...options,
      onProgress: (m) => {
        // The log is a record kept with the backup: in English, as the rest of it.
        log.info(t('en', m));
        options.onProgress?.(m);
      },
    });
  } catch (error) {
    log.add('error', `backup failed: ${error instanceof Error ? error.message : String(error)}`);
    await target.writeFailureLog(options.name, log.toBuffer()).catch(() => undefined);
    throw error;
  }
  for (const w of index.warnings) log.add('warning', textOf('en', w));
  for (const e of index.errors) log.add('error', e);
  const total = Object.values(index.counts).reduce((a, b) => a + b, 0);
  log.add(
    index.status === 'completed' ? 'info' : 'error',
    `backup ${index.status}: ${total} objects, ${index.warnings.length} warnings, ${index.errors.length} errors`,
    index.counts,
  );
  await target.writeExtra(index.name, 'log.jsonl', log.toBuffer());
  return index;
}

/** The log of a backup: beside its index, or under `.failed/` for one that never completed. */
export async function readBackupLog(target: StorageTarget, name: string): Promise<LogLine[]> {
  const data = (await target.readExtra(name, 'log.jsonl')) ?? (await target.readFailureLog(name));
  if (data === undefined) {
    throw new QuaiError('NOT_FOUND', msg('backup.log.none', { name, where: target.description }), {
      hint: msg('backup.log.noneHint'),
    });
  }
  return parseLog(data.toString('utf8'), `${target.description} ${name}/log.jsonl`);
}

/** A drill report as kept on the target: restore items reduced to the failed ones. */
export type StoredDrillReport = DrillReport;

/** Drills a backup and keeps the report beside it (`drills/<time>.json`, removed with the backup). */
export async function drillAndRecord(
  client: KubeClient,
  target: StorageTarget,
  name: string,
  options: DrillOptions = {},
): Promise<DrillReport> {
  const report = await drill(client, target, name, options);
  const stored: StoredDrillReport = {
    ...report,
    restore: { ...report.restore, items: report.restore.items.filter((i) => i.action === 'failed') },
  };
  // Sortable and unique: two drills in the same millisecond still get two reports.
  const file = `drills/${report.startedAt.replace(/[-:]/g, '')}-${randomBytes(2).toString('hex')}.json`;
  await target.writeExtra(name, file, Buffer.from(`${JSON.stringify(stored, null, 2)}\n`));
  return report;
}

/** Every drill report kept on a target, newest first (only those of a schedule's backups if given). */
export async function drillHistory(
  target: StorageTarget,
  options: { schedule?: string; backup?: string } = {},
): Promise<StoredDrillReport[]> {
  const backups = (await target.list()).filter(
    (b) =>
      (options.schedule === undefined || isBackupOf(options.schedule, b.name)) &&
      (options.backup === undefined || b.name === options.backup),
  );
  const out: StoredDrillReport[] = [];
  for (const b of backups) {
    for (const path of await target.listExtra(b.name, 'drills')) {
      const data = await target.readExtra(b.name, path);
      if (data === undefined) continue;
      try {
        out.push(JSON.parse(data.toString('utf8')) as StoredDrillReport);
      } catch {
        throw new QuaiError('INPUT_INVALID', msg('backup.drill.badReport', { path: `${b.name}/${path}` }), {
          hint: msg('backup.drill.badReportHint'),
        });
      }
    }
  }
  return out.sort((a, b) => compareText(b.startedAt, a.startedAt));
}

/** The newest completed backup a schedule made. */
export async function newestBackupOf(target: StorageTarget, schedule: string): Promise<BackupIndex> {
  const mine = (await target.list())
    .filter((b) => isBackupOf(schedule, b.name) && b.status === 'completed')
    .sort((a, b) => compareText(b.completedAt, a.completedAt));
  const newest = mine[0];
  if (newest === undefined) {
    throw new QuaiError('NOT_FOUND', msg('backup.schedule.noBackupYet', { schedule }), {
      hint: msg('backup.schedule.noBackupYetHint', { schedule }),
    });
  }
  return newest;
}

function secretData(secret: { data?: Record<string, string> } | undefined, key: string): string | undefined {
  const v = secret?.data?.[key];
  return v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');
}

async function readSecret(
  client: KubeClient,
  name: string,
  signal?: AbortSignal,
): Promise<{ data?: Record<string, string> }> {
  const secret = await client.tryGet<KubeObject & { data?: Record<string, string> }>(
    { apiVersion: 'v1', kind: 'Secret', namespace: SYSTEM_NAMESPACE, name },
    signal,
  );
  if (secret === undefined) {
    throw new QuaiError(
      'NOT_FOUND',
      msg('backup.schedule.secretMissing', { namespace: SYSTEM_NAMESPACE, name }),
      { hint: msg('backup.schedule.secretMissingHint', { namespace: SYSTEM_NAMESPACE, name }) },
    );
  }
  return secret;
}

/** The encryption key a schedule names: a Secret whose `key` holds a key file (base64, hex or raw). */
export async function scheduleKey(
  client: KubeClient,
  schedule: BackupSchedule,
  signal?: AbortSignal,
): Promise<BackupKey | undefined> {
  if (schedule.encryption === 'none') return undefined;
  const secret = await readSecret(client, schedule.encryption.keySecret, signal);
  const raw = secret.data?.['key'] === undefined ? undefined : Buffer.from(secret.data['key'], 'base64');
  const text = raw?.toString('utf8').trim() ?? '';
  const bytes =
    raw?.length === 32
      ? raw
      : /^[0-9a-f]{64}$/i.test(text)
        ? Buffer.from(text, 'hex')
        : Buffer.from(text, 'base64');
  if (bytes.length !== 32) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.schedule.badKeySecret', {
        namespace: SYSTEM_NAMESPACE,
        name: schedule.encryption.keySecret,
      }),
      { hint: msg('backup.schedule.badKeySecretHint') },
    );
  }
  return keyFrom(bytes);
}

/** Where a schedule writes: its folder, or its bucket with credentials from its Secret, else the environment. */
export async function schedulePlace(
  client: KubeClient,
  schedule: BackupSchedule,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<RepositoryPlace> {
  const runner = resticRunner(env);
  if (!schedule.target.startsWith('s3://')) return { ...placeOfUrl(schedule.target), runner };
  const creds = schedule.credentialsSecret
    ? await readSecret(client, schedule.credentialsSecret, signal)
    : undefined;
  const id = secretData(creds, 'AWS_ACCESS_KEY_ID');
  const secret = secretData(creds, 'AWS_SECRET_ACCESS_KEY');
  if (creds !== undefined && (!id || !secret)) {
    throw new QuaiError(
      'STORAGE_CREDENTIALS_MISSING',
      msg('backup.schedule.credentialsIncomplete', {
        namespace: SYSTEM_NAMESPACE,
        name: schedule.credentialsSecret ?? '',
        schedule: schedule.name,
      }),
      { hint: msg('backup.schedule.credentialsIncompleteHint', { namespace: SYSTEM_NAMESPACE }) },
    );
  }
  // Without a Secret: the runner's environment, else its AWS profile.
  const credentials =
    id && secret
      ? {
          accessKeyId: id,
          secretAccessKey: secret,
          sessionToken: secretData(creds, 'AWS_SESSION_TOKEN'),
        }
      : await resolveS3Credentials({ env });
  const place = placeOfUrl(schedule.target, {
    endpoint: schedule.s3Endpoint ?? env['QUAI_S3_ENDPOINT'],
    region:
      schedule.s3Region ?? secretData(creds, 'AWS_REGION') ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'],
    pathStyle: schedule.s3PathStyle,
    ...credentials,
  });
  return { ...place, runner };
}

/** The storage target of a schedule; S3 credentials from its Secret, else the environment. */
export async function scheduleTarget(
  client: KubeClient,
  schedule: BackupSchedule,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<StorageTarget> {
  return targetOfPlace(await schedulePlace(client, schedule, env, signal));
}

/** The volume data and dumps a schedule's runs carry (none without a key). */
function scheduleData(
  schedule: BackupSchedule,
  place: RepositoryPlace,
  key: BackupKey | undefined,
): DataOptions | undefined {
  const databases = schedule.databases ?? [];
  if (key === undefined || (schedule.volumes === undefined && databases.length === 0)) return undefined;
  const mover = schedule.volumes?.mover ?? 'job';
  return {
    repository: place,
    ...(schedule.volumes
      ? {
          volumes: {
            mover,
            ...(schedule.volumes.paths ? { paths: schedule.volumes.paths } : {}),
            ...(schedule.volumes.image ? { image: schedule.volumes.image } : {}),
          },
        }
      : {}),
    ...(databases.length > 0
      ? { databases: databases.map((d) => databaseDeclaration(d.namespace, d)), databaseMover: mover }
      : {}),
  };
}

/** Deletes a backup of a schedule, and forgets its restic snapshots when the schedule carries data. */
async function deleteBackup(
  target: StorageTarget,
  index: BackupIndex,
  data: DataOptions | undefined,
  key: BackupKey | undefined,
  log: (level: 'info' | 'warning', message: string) => void,
): Promise<void> {
  const name = index.name;
  await target.delete(name);
  if (data?.repository === undefined || key === undefined) return;
  try {
    await forgetBackup(resticRepository(data.repository, key), index);
  } catch (error) {
    log('warning', `restic snapshots of ${name} not forgotten: ${(error as Error).message}`);
  }
}

export interface RunScheduleOptions {
  /**
   * The run for the current scheduled time (the CronJob, the daemon): skipped when another
   * runner already handled that time. Without it (a person's run-now), the backup always runs.
   */
  readonly scheduled?: boolean;
  readonly now?: () => Date;
  readonly identity?: string;
  readonly leaseSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly onLog?: (line: LogLine) => void;
  readonly signal?: AbortSignal;
  /** Drill timeout when the schedule asks for a drill after the backup. */
  readonly drillTimeoutMs?: number;
}

export interface RunScheduleResult {
  readonly schedule: string;
  readonly status: 'completed' | 'partially-failed' | 'skipped';
  readonly reason?: string;
  readonly backup?: BackupIndex;
  readonly retention?: RetentionDecision;
  readonly expired: readonly string[];
  readonly drill?: DrillReport;
}

/**
 * Runs one backup of a schedule under its lock: backup (with its log), then retention and TTL
 * among this schedule's backups, then the drill if the schedule asks for one. Another runner
 * holding the lock, or having already handled the scheduled time, makes this run a no-op.
 */
export async function runSchedule(
  client: KubeClient,
  schedule: BackupSchedule,
  options: RunScheduleOptions = {},
): Promise<RunScheduleResult> {
  const now = options.now ?? (() => new Date());
  const log = (level: LogLine['level'], message: string): void =>
    options.onLog?.({ time: now().toISOString(), level, message });
  const locks = new ScheduleLock(client, options.identity, {
    ...(options.leaseSeconds ? { leaseSeconds: options.leaseSeconds } : {}),
  });
  const lockName = `quai-backup-${schedule.name}`;
  const lock = await locks.acquire(lockName);
  if (lock === undefined) {
    const holder = await locks.holder(lockName);
    log('info', `${schedule.name}: skipped, ${holder ?? 'another runner'} holds the lock`);
    return {
      schedule: schedule.name,
      status: 'skipped',
      reason: `locked by ${holder ?? 'another runner'}`,
      expired: [],
    };
  }
  try {
    const at = now();
    if (options.scheduled) {
      // The scheduled time this run stands for: the newest one not after now.
      const slot = latestRun(schedule, at) ?? at;
      if (lock.lastRun !== undefined && lock.lastRun.getTime() >= slot.getTime()) {
        log('info', `${schedule.name}: skipped, the run of ${slot.toISOString()} was already made`);
        return {
          schedule: schedule.name,
          status: 'skipped',
          reason: `run of ${slot.toISOString()} already made`,
          expired: [],
        };
      }
      await lock.markRun(slot);
    } else {
      await lock.markRun(at);
    }
    const place = await schedulePlace(client, schedule, options.env, options.signal);
    const target = targetOfPlace(place);
    const key = await scheduleKey(client, schedule, options.signal);
    const data = scheduleData(schedule, place, key);
    const name = backupNameFor(schedule.name, at);
    const selector = selectorOf(schedule);
    const index = await createBackupWithLog(client, target, {
      name,
      ...(data ? { data } : {}),
      namespaces: schedule.namespaces,
      ...(selector ? { labelSelector: selector } : {}),
      clusterResources: schedule.clusterResources,
      ...(key ? { key } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      now,
      onLog: (l) => options.onLog?.({ ...l, message: `${schedule.name}: ${l.message}` }),
    });
    const mine = (await target.list()).filter((b) => isBackupOf(schedule.name, b.name));
    let retention: RetentionDecision | undefined;
    if (schedule.retention && Object.values(schedule.retention).some((n) => n !== undefined)) {
      const r = schedule.retention;
      retention = applyRetention(mine, {
        ...(r.keepLast ? { keepLast: r.keepLast } : {}),
        ...(r.keepHourly ? { keepHourly: r.keepHourly } : {}),
        ...(r.keepDaily ? { keepDaily: r.keepDaily } : {}),
        ...(r.keepWeekly ? { keepWeekly: r.keepWeekly } : {}),
        ...(r.keepMonthly ? { keepMonthly: r.keepMonthly } : {}),
      });
      for (const r of retention.remove) {
        const removed = mine.find((b) => b.name === r);
        if (removed === undefined) continue;
        await deleteBackup(target, removed, data, key, (l, m) => log(l, `${schedule.name}: ${m}`));
        log('info', `${schedule.name}: retention deleted ${r}`);
      }
    }
    const expired: string[] = [];
    if (schedule.ttl) {
      const limit = at.getTime() - ttlMs(schedule.ttl);
      for (const b of mine) {
        if (b.name === name || retention?.remove.includes(b.name)) continue;
        if (Date.parse(b.completedAt) < limit) {
          await deleteBackup(target, b, data, key, (l, m) => log(l, `${schedule.name}: ${m}`));
          expired.push(b.name);
          log('info', `${schedule.name}: TTL ${schedule.ttl} expired ${b.name}`);
        }
      }
    }
    let drillReport: DrillReport | undefined;
    if (schedule.drill?.afterBackup && index.status === 'completed') {
      log('info', `${schedule.name}: drilling ${name}`);
      drillReport = await drillAndRecord(client, target, name, {
        ...(key ? { key } : {}),
        ...(options.drillTimeoutMs ? { timeoutMs: options.drillTimeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onStep: (m) => log('info', `${schedule.name}: drill: ${t('en', m)}`),
      });
      log(
        drillReport.status === 'pass' ? 'info' : 'error',
        `${schedule.name}: drill ${drillReport.status}, recovery ${drillReport.recoverySeconds}s`,
      );
    }
    return {
      schedule: schedule.name,
      status: index.status,
      backup: index,
      ...(retention ? { retention } : {}),
      expired,
      ...(drillReport ? { drill: drillReport } : {}),
    };
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/** Drills the newest backup of a schedule, under the schedule's drill lock, and keeps the report. */
export async function drillSchedule(
  client: KubeClient,
  schedule: BackupSchedule,
  options: Omit<DrillOptions, 'key'> & { env?: NodeJS.ProcessEnv; identity?: string } = {},
): Promise<DrillReport | undefined> {
  const locks = new ScheduleLock(client, options.identity);
  const lock = await locks.acquire(`quai-drill-${schedule.name}`);
  if (lock === undefined) return undefined;
  try {
    const target = await scheduleTarget(client, schedule, options.env, options.signal);
    const key = await scheduleKey(client, schedule, options.signal);
    const newest = await newestBackupOf(target, schedule.name);
    await lock.markRun(new Date());
    return await drillAndRecord(client, target, newest.name, { ...options, ...(key ? { key } : {}) });
  } finally {
    await lock.release().catch(() => undefined);
  }
}
