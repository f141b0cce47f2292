import { isAbortError } from '../errors/index.js';
import type { KubeClient } from '../kube/index.js';
import type { LogLine } from './log.js';
import { dueRun, nextRuns, ScheduleStore, type BackupSchedule } from './schedule.js';
import { defaultIdentity, ScheduleLock } from './schedule-lock.js';
import { drillSchedule, runSchedule, type RunScheduleResult } from './schedule-run.js';

export interface DaemonOptions {
  /** How often schedules are read again and due runs looked for (default 20 s). */
  readonly pollMs?: number;
  readonly identity?: string;
  readonly leaseSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  readonly onLog?: (line: LogLine) => void;
  /** Called after each run (tests, the console). */
  readonly onRun?: (result: RunScheduleResult) => void;
  /** Stops the loop: a backup in progress is aborted cleanly (nothing half-visible, lock released). */
  readonly signal?: AbortSignal;
  /** Run the loop this many times, then return (tests); default: until `signal`. */
  readonly iterations?: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs backup schedules from any machine, in the foreground: reads the schedules from the
 * cluster, runs each one that is due (one run for any number of missed times, like a CronJob),
 * under the schedule's Lease so that other daemons and the in-cluster CronJob never run the same
 * scheduled time twice. Schedules created before the daemon started are not run for times before
 * it unless another runner recorded a last run.
 */
export async function runDaemon(client: KubeClient, options: DaemonOptions = {}): Promise<void> {
  const now = options.now ?? (() => new Date());
  const identity = options.identity ?? defaultIdentity();
  const store = new ScheduleStore(client);
  const locks = new ScheduleLock(client, identity);
  const started = now();
  const log = (level: LogLine['level'], message: string): void =>
    options.onLog?.({ time: now().toISOString(), level, message });
  const announced = new Map<string, string>();
  log('info', `daemon ${identity} started`);
  for (let i = 0; options.iterations === undefined || i < options.iterations; i++) {
    if (options.signal?.aborted) break;
    let schedules: BackupSchedule[] = [];
    try {
      schedules = await store.list(options.signal);
    } catch (error) {
      if (isAbortError(error) || options.signal?.aborted) break;
      log('error', `cannot read schedules: ${(error as Error).message}`);
    }
    for (const s of schedules) {
      if (options.signal?.aborted) break;
      if (s.suspend) continue;
      try {
        const at = now();
        const last = (await locks.lastRun(`quai-backup-${s.name}`)) ?? started;
        const due = dueRun(s, last, at);
        if (due !== undefined) {
          log('info', `${s.name}: due (${due.toISOString()}), running`);
          const result = await runSchedule(client, s, {
            scheduled: true,
            identity,
            now,
            ...(options.leaseSeconds ? { leaseSeconds: options.leaseSeconds } : {}),
            ...(options.env ? { env: options.env } : {}),
            ...(options.onLog ? { onLog: options.onLog } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          });
          log(
            result.status === 'partially-failed' ? 'error' : 'info',
            `${s.name}: ${result.status}${result.backup ? ` ${result.backup.name}` : ''}${result.reason ? ` (${result.reason})` : ''}`,
          );
          options.onRun?.(result);
        }
        if (s.drill?.cron !== undefined) {
          const lastDrill = (await locks.lastRun(`quai-drill-${s.name}`)) ?? started;
          if (dueRun({ cron: s.drill.cron, timeZone: s.timeZone }, lastDrill, now()) !== undefined) {
            log('info', `${s.name}: drill due, drilling the newest backup`);
            const report = await drillSchedule(client, s, {
              identity,
              ...(options.env ? { env: options.env } : {}),
              ...(options.signal ? { signal: options.signal } : {}),
            });
            if (report)
              log(
                report.status === 'pass' ? 'info' : 'error',
                `${s.name}: drill of ${report.backup} ${report.status}`,
              );
          }
        }
        const next = nextRuns(s, 1, now())[0];
        const line = next ? next.toISOString() : 'never';
        if (announced.get(s.name) !== line) {
          announced.set(s.name, line);
          log('info', `${s.name}: next run ${line} (${s.cron}, ${s.timeZone})`);
        }
      } catch (error) {
        if (isAbortError(error) || options.signal?.aborted) break;
        log('error', `${s.name}: ${(error as Error).message}`);
      }
    }
    if (options.iterations !== undefined && i + 1 >= options.iterations) break;
    await sleep(options.pollMs ?? 20_000, options.signal);
  }
  log('info', `daemon ${identity} stopped`);
}
