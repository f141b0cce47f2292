import { Command, Option } from 'commander';
import { msg, t, tr, USE_CASES, type Lang } from '@quai/contracts';
import * as backup from '@quai/core/backup';
import { QuaiError } from '@quai/core/errors';
import type { KubeClient } from '@quai/core/kube';
import {
  duration,
  globalOptions,
  runUseCase,
  withClient,
  type CommandContext,
  type GlobalOptions,
} from '../context.js';
import { Progress } from '../progress.js';
import { appSpecDatabases, collect } from './backup-data.js';
import { paint, print, table } from '../output.js';

/** How `backup` commands find their target; given by backup.ts (no import back: no cycle). */
export interface TargetHelpers {
  readonly targetOf: (opts: Record<string, unknown>, ctx: CommandContext) => Promise<backup.StorageTarget>;
  readonly withTarget: (cmd: Command, lang: Lang) => Command;
}

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new QuaiError('USAGE', msg('backup.wholeNumberMin1', { value: v }));
  return n;
}

function splitList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter((v) => v !== '')];
}

function logLine(ctx: CommandContext, l: backup.LogLine): void {
  const level =
    l.level === 'error'
      ? paint(ctx.io, 'red', 'error')
      : l.level === 'warning'
        ? paint(ctx.io, 'yellow', 'warn ')
        : 'info ';
  ctx.io.err.write(`${l.time} ${level} ${l.message}\n`);
}

function createCommand(ctx: CommandContext): Command {
  const cmd = new Command('create')
    .description('Create (or replace) a backup schedule, stored in the cluster (quai-system)')
    .argument('<name>', 'schedule name (letters, digits, -; at most 40)')
    .requiredOption('--cron <expr>', 'five cron fields or @hourly/@daily/@weekly/@monthly')
    .option('--time-zone <tz>', 'IANA time zone the cron is read in', 'UTC')
    .option('--namespaces <ns,...>', 'namespaces to back up (default: -n)', splitList, [] as string[])
    .option('--app <app>', 'only objects of this app (label app.kubernetes.io/part-of)')
    .option('-l, --selector <selector>', 'only objects with these labels')
    .addOption(
      new Option('--include-cluster-resources <mode>', 'cluster-scoped dependencies')
        .choices(['auto', 'yes', 'no'])
        .default('auto'),
    )
    .requiredOption('--target <where>', 'absolute directory (NFS mount) or s3://BUCKET/PREFIX')
    .option('--s3-endpoint <url>', 'S3-compatible endpoint (MinIO, Ceph, ...); AWS when absent')
    .option('--s3-region <region>', "S3 region (default: the Secret's AWS_REGION, else us-east-1)")
    .option('--s3-path-style', 'path-style S3 addresses (ENDPOINT/BUCKET); default with --s3-endpoint')
    .option('--no-s3-path-style', 'virtual-hosted S3 addresses (BUCKET.ENDPOINT)')
    .option(
      '--credentials-secret <name>',
      'Secret in quai-system with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    )
    .option('--target-volume-claim <pvc>', 'PVC in quai-system the CronJob mounts at a directory target')
    .option('--key-secret <name>', 'Secret in quai-system whose "key" holds the encryption key file')
    .option('--no-encryption', 'store in clear (Secrets are then left out)')
    .option('--keep-last <n>', 'keep the newest n backups', count)
    .option('--keep-hourly <n>', 'keep the newest backup of each of the last n hours', count)
    .option('--keep-daily <n>', 'keep the newest backup of each of the last n days', count)
    .option('--keep-weekly <n>', 'keep the newest backup of each of the last n ISO weeks', count)
    .option('--keep-monthly <n>', 'keep the newest backup of each of the last n months', count)
    .option('--ttl <duration>', "delete this schedule's backups older than this (90m, 36h, 30d, 8w)")
    .addOption(
      new Option('--volumes <how>', 'volume data in each run: restic, or none')
        .choices(['restic', 'none'])
        .default('none'),
    )
    .addOption(
      new Option('--mover <where>', 'restic in a Job next to each volume (job; S3 targets), or here (local)')
        .choices(['job', 'local'])
        .default('job'),
    )
    .option('--mover-image <image>', 'image of the mover and dump Jobs')
    .option(
      '--volume-path <ns/claim=dir>',
      'with --mover local: the folder holding a claim on the machine running the schedule (repeatable)',
      collect,
      [] as string[],
    )
    .option(
      '--app-spec <file>',
      'dump the databases this app spec declares (spec.backup.databases) in each run (repeatable)',
      collect,
      [] as string[],
    )
    .option('--drill-after-backup', 'drill each backup right after it is made')
    .option('--drill-cron <expr>', 'drill the newest backup on this cron too')
    .option('--suspend', 'keep the schedule but do not run it')
    .option('--replace', 'replace a schedule of that name')
    .option('--install', 'also install its CronJob in the cluster (see `schedule install`)')
    .option('--image <image>', `image of the CronJob (default ${backup.DEFAULT_IMAGE})`);
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} backup schedule create nightly -n grist --cron "30 2 * * *" --time-zone Europe/Paris \\
      --target s3://backups/quai --s3-endpoint https://s3.cd49.local --credentials-secret backup-s3 \\
      --key-secret backup-key --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --drill-after-backup
  ${ctx.programName} backup schedule create hourly --namespaces grist,annuaire --cron @hourly \\
      --target /mnt/nfs/quai --target-volume-claim quai-backups --key-secret backup-key --keep-hourly 24 --ttl 3d --install
  ${ctx.programName} backup schedule create grist-data -n grist --cron @daily --target s3://backups/quai \
      --s3-endpoint https://s3.cd49.local --credentials-secret backup-s3 --key-secret backup-key \
      --volumes restic --app-spec grist/quai.yaml --keep-daily 14

Schedules live in ConfigMaps of the quai-system namespace: every machine, the daemon and the
in-cluster CronJob see the same ones. They name Secrets (keys, S3 credentials); they hold none.`,
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const namespaces =
      (opts['namespaces'] as string[]).length > 0
        ? (opts['namespaces'] as string[])
        : g.namespace
          ? [g.namespace]
          : [];
    if (namespaces.length === 0)
      throw new QuaiError('USAGE', msg('backup.noNamespace'), {
        hint: msg('backup.schedule.noNamespaceHint'),
      });
    if (opts['encryption'] !== false && typeof opts['keySecret'] !== 'string') {
      throw new QuaiError('USAGE', msg('backup.schedule.noKeySecret'), {
        hint: msg('backup.schedule.noKeySecretHint'),
      });
    }
    const str = (k: string): string | undefined => (typeof opts[k] === 'string' ? opts[k] : undefined);
    const num = (k: string): number | undefined => (typeof opts[k] === 'number' ? opts[k] : undefined);
    const retention = Object.fromEntries(
      (['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly'] as const)
        .filter((k) => num(k) !== undefined)
        .map((k) => [k, num(k)]),
    );
    const drillCron = str('drillCron');
    const paths = backup.volumes.parseVolumePaths(opts['volumePath'] as string[]);
    const databases = await appSpecDatabases(opts['appSpec'] as string[]);
    const input: backup.BackupScheduleInput = {
      name,
      cron: opts['cron'] as string,
      timeZone: opts['timeZone'] as string,
      namespaces,
      ...(str('app') ? { app: str('app') } : {}),
      ...(str('selector') ? { labelSelector: str('selector') } : {}),
      clusterResources: opts['includeClusterResources'] as 'auto' | 'yes' | 'no',
      target: opts['target'] as string,
      ...(str('s3Endpoint') ? { s3Endpoint: str('s3Endpoint') } : {}),
      ...(str('s3Region') ? { s3Region: str('s3Region') } : {}),
      ...(typeof opts['s3PathStyle'] === 'boolean' ? { s3PathStyle: opts['s3PathStyle'] } : {}),
      ...(str('credentialsSecret') ? { credentialsSecret: str('credentialsSecret') } : {}),
      ...(str('targetVolumeClaim') ? { targetVolumeClaim: str('targetVolumeClaim') } : {}),
      encryption: opts['encryption'] === false ? 'none' : { keySecret: opts['keySecret'] as string },
      ...(Object.keys(retention).length > 0 ? { retention } : {}),
      ...(str('ttl') ? { ttl: str('ttl') } : {}),
      ...(opts['volumes'] === 'restic'
        ? {
            volumes: {
              mover: opts['mover'] as 'job' | 'local',
              ...(str('moverImage') ? { image: str('moverImage') } : {}),
              ...(Object.keys(paths).length > 0 ? { paths } : {}),
            },
          }
        : {}),
      ...(databases.length > 0 ? { databases } : {}),
      ...(opts['drillAfterBackup'] === true || drillCron
        ? {
            drill: {
              afterBackup: opts['drillAfterBackup'] === true,
              ...(drillCron ? { cron: drillCron } : {}),
            },
          }
        : {}),
      suspend: opts['suspend'] === true,
    };
    // Validated before connecting: a bad cron or time zone never needs a cluster to be reported.
    backup.validateSchedule(input);
    const saved = await withClient(ctx, g, async (client) => {
      const store = new backup.ScheduleStore(client);
      const s = await store.save(input, { replace: opts['replace'] === true, signal: ctx.signal });
      const image = str('image');
      if (opts['install'] === true)
        await backup.installCronJobs(client, [s], await store.list(ctx.signal), {
          ...(image ? { image } : {}),
          signal: ctx.signal,
        });
      return s;
    });
    const next = backup.nextRuns(saved, 3, new Date());
    print(ctx.io, g.output, { schedule: saved, nextRuns: next }, () =>
      [
        `Schedule ${saved.name} saved (${saved.cron}, ${saved.timeZone})${opts['install'] === true ? ', CronJob installed' : ''}.`,
        `Next runs: ${next.map((d) => d.toISOString()).join(', ')}`,
      ].join('\n'),
    );
  });
  return cmd;
}

async function lastRuns(
  client: KubeClient,
  names: readonly string[],
): Promise<Map<string, Date | undefined>> {
  const locks = new backup.ScheduleLock(client);
  const out = new Map<string, Date | undefined>();
  for (const n of names) out.set(n, await locks.lastRun(`quai-backup-${n}`));
  return out;
}

function listCommand(ctx: CommandContext): Command {
  const cmd = new Command('list').description('List the backup schedules of the cluster');
  cmd.addHelpText('after', `\nExample:\n  ${ctx.programName} backup schedule list`);
  cmd.action(async (_opts: unknown, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const { schedules, last } = await withClient(ctx, g, async (client) => {
      const schedules = await new backup.ScheduleStore(client).list(ctx.signal);
      return {
        schedules,
        last: await lastRuns(
          client,
          schedules.map((s) => s.name),
        ),
      };
    });
    const now = new Date();
    const rows = schedules.map((s) => ({
      ...s,
      nextRun: s.suspend ? undefined : backup.nextRuns(s, 1, now)[0]?.toISOString(),
      lastRun: last.get(s.name)?.toISOString(),
    }));
    print(ctx.io, g.output, rows, () =>
      table(
        ['NAME', 'CRON', 'TIME ZONE', 'NAMESPACES', 'TARGET', 'LAST RUN', 'NEXT RUN'],
        rows.map((s) => [
          s.name,
          s.cron,
          s.timeZone,
          s.namespaces.join(','),
          s.target,
          s.lastRun ?? '-',
          s.suspend ? 'suspended' : (s.nextRun ?? '-'),
        ]),
      ),
    );
  });
  return cmd;
}

function describeCommand(ctx: CommandContext): Command {
  const cmd = new Command('describe')
    .description('Show a schedule, its next runs, its lock and its CronJob')
    .argument('<name>', 'schedule name');
  cmd.addHelpText('after', `\nExample:\n  ${ctx.programName} backup schedule describe nightly`);
  cmd.action(async (name: string, _opts: unknown, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const info = await withClient(ctx, g, async (client) => {
      const s = await new backup.ScheduleStore(client).get(name, ctx.signal);
      const locks = new backup.ScheduleLock(client);
      const cronJob = await client.tryGet(
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          namespace: backup.SYSTEM_NAMESPACE,
          name: `quai-backup-${name}`,
        },
        ctx.signal,
      );
      return {
        schedule: s,
        nextRuns: backup.nextRuns(s, 5, new Date()).map((d) => d.toISOString()),
        lastRun: (await locks.lastRun(`quai-backup-${name}`))?.toISOString(),
        runningOn: await locks.holder(`quai-backup-${name}`),
        cronJob:
          cronJob === undefined ? undefined : `${backup.SYSTEM_NAMESPACE}/${cronJob.metadata.name ?? ''}`,
      };
    });
    const s = info.schedule;
    print(ctx.io, g.output, info, () =>
      [
        `Schedule ${s.name}${s.suspend ? ' (suspended)' : ''}: ${s.cron} in ${s.timeZone}`,
        `Backs up: ${s.namespaces.join(', ')}${s.app ? `, app ${s.app}` : ''}${s.labelSelector ? `, selector ${s.labelSelector}` : ''}; cluster resources ${s.clusterResources}`,
        `Target: ${s.target}${s.s3Endpoint ? ` (endpoint ${s.s3Endpoint})` : ''}; encryption: ${s.encryption === 'none' ? 'none' : `key from Secret ${s.encryption.keySecret}`}`,
        `Retention: ${
          s.retention
            ? Object.entries(s.retention)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')
            : 'none'
        }; TTL: ${s.ttl ?? 'none'}`,
        `Drill: ${s.drill ? `${s.drill.afterBackup ? 'after each backup' : ''}${s.drill.cron ? ` on ${s.drill.cron}` : ''}` : 'none'}`,
        `Last run: ${info.lastRun ?? 'never'}; running now on: ${info.runningOn ?? 'nothing'}`,
        `In-cluster CronJob: ${info.cronJob ?? 'not installed'}`,
        `Next runs: ${info.nextRuns.join(', ')}`,
      ].join('\n'),
    );
  });
  return cmd;
}

function deleteCommand(ctx: CommandContext): Command {
  const cmd = new Command('delete')
    .description('Delete a schedule and its CronJobs (its backups stay on the target)')
    .argument('<name>', 'schedule name');
  cmd.addHelpText('after', `\nExample:\n  ${ctx.programName} backup schedule delete nightly`);
  cmd.action(async (name: string, _opts: unknown, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await withClient(ctx, g, async (client) => {
      await new backup.ScheduleStore(client).delete(name, ctx.signal);
      await backup.uninstallCronJobs(client, name);
    });
    print(ctx.io, g.output, { deleted: name }, () => `Deleted schedule ${name} (its backups are kept).`);
  });
  return cmd;
}

function runNowCommand(ctx: CommandContext): Command {
  const cmd = new Command('run-now')
    .description(USE_CASES['backup.scheduleRun'].summary[ctx.lang])
    .argument('<name>', 'schedule name')
    .option(
      '--scheduled',
      'stand for the current scheduled time: skip if another runner made it (the CronJob uses this)',
    )
    .option(
      '--drill-timeout <duration>',
      'how long drilled workloads may take to become ready',
      duration(),
      300_000,
    );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup schedule run-now nightly\n  ${ctx.programName} backup schedule run-now nightly --scheduled   # what the CronJob runs\n\nExit codes: 0 completed or skipped, 7 partially failed, 1 drill failed.`,
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const l = ctx.lang;
    await runUseCase(
      ctx,
      g,
      'backup.scheduleRun',
      {
        schedule: name,
        scheduled: opts['scheduled'] === true,
        drillTimeoutMs: opts['drillTimeout'] as number,
      },
      (result) =>
        result.status === 'skipped'
          ? tr(l, 'backup.scheduleSkipped', { name, reason: result.reason ?? '' })
          : [
              tr(l, 'backup.scheduleHead', {
                name,
                backup: result.backup?.name ?? '',
                status: tr(l, `backup.status.${result.status}`),
              }),
              ...(result.retention?.remove ?? []).map(
                (r) => `  ${tr(l, 'backup.retentionDeleted', { name: r })}`,
              ),
              ...result.expired.map((r) => `  ${tr(l, 'backup.ttlDeleted', { name: r })}`),
              ...(result.drill
                ? [
                    `  ${tr(l, 'backup.scheduleDrill', {
                      status: tr(l, result.drill.status === 'pass' ? 'backup.drillPass' : 'backup.drillFail'),
                      seconds: result.drill.recoverySeconds,
                    })}`,
                  ]
                : []),
            ].join('\n'),
    );
  });
  return cmd;
}

function installCommand(ctx: CommandContext): Command {
  const cmd = new Command('install')
    .description('Install the in-cluster runner: CronJobs, ServiceAccount and least-privilege RBAC')
    .argument('[names...]', 'schedules (default: all)')
    .option('--image <image>', `Quai image the CronJobs run (default ${backup.DEFAULT_IMAGE})`)
    .option('--dry-run', 'send the objects for validation only (server-side dry run)');
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup schedule install --image registry.cd49.local/quai/quai:0.1.0\n  ${ctx.programName} backup schedule install nightly --dry-run -o yaml\n\nBuild the image from packaging/Dockerfile (docs/backup.md shows a GitLab CI job with kaniko).`,
  );
  cmd.action(async (names: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const applied = await withClient(ctx, g, async (client) => {
      const store = new backup.ScheduleStore(client);
      const all = await store.list(ctx.signal);
      const wanted = names.length === 0 ? all : await Promise.all(names.map((n) => store.get(n, ctx.signal)));
      return backup.installCronJobs(client, wanted, all, {
        ...(typeof opts['image'] === 'string' ? { image: opts['image'] } : {}),
        dryRun: opts['dryRun'] === true,
        signal: ctx.signal,
      });
    });
    print(ctx.io, g.output, applied, () =>
      applied
        .map(
          (o) =>
            `${opts['dryRun'] === true ? 'valid  ' : 'applied'} ${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`,
        )
        .join('\n'),
    );
  });
  return cmd;
}

function daemonCommand(ctx: CommandContext): Command {
  const cmd = new Command('daemon')
    .description("Run the cluster's backup schedules from this machine, in the foreground")
    .option('--poll <duration>', 'how often schedules are read and due runs looked for', duration(), 20_000)
    .option('--identity <id>', 'name of this runner in the schedule Leases (default host-pid)');
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup schedule daemon\n  ${ctx.programName} backup schedule daemon --poll 1m --identity backup-vm-1\n\nRuns beside the in-cluster CronJob or other daemons safely: a Lease per schedule makes each\nscheduled time run once. Missed times after downtime run once, not once each. Ctrl-C aborts a\nbackup in progress cleanly (nothing half-visible) and stops.`,
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await withClient(ctx, g, (client) =>
      backup.runDaemon(client, {
        pollMs: opts['poll'] as number,
        ...(typeof opts['identity'] === 'string' ? { identity: opts['identity'] } : {}),
        env: ctx.env,
        signal: ctx.signal,
        onLog: (l) => logLine(ctx, l),
      }),
    );
  });
  return cmd;
}

export function scheduleCommand(ctx: CommandContext): Command {
  const s = new Command('schedule').description(
    'Cron schedules of backups: in the cluster (CronJob) or from any machine (daemon)',
  );
  for (const c of [
    createCommand(ctx),
    listCommand(ctx),
    describeCommand(ctx),
    deleteCommand(ctx),
    runNowCommand(ctx),
    installCommand(ctx),
    daemonCommand(ctx),
  ])
    s.addCommand(c);
  return s;
}

export function logsCommand(ctx: CommandContext, { targetOf, withTarget }: TargetHelpers): Command {
  const cmd = withTarget(
    new Command('logs')
      .description('Print the log of a backup (kept beside it on the target)')
      .argument('<name>', 'backup name'),
    ctx.lang,
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup logs nightly-20261126023000 --target /mnt/nfs/quai\n  ${ctx.programName} backup logs nightly-20261126023000 --target s3://backups/quai -o json`,
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const lines = await backup.readBackupLog(await targetOf(opts, ctx), name);
    print(ctx.io, g.output, lines, () =>
      lines
        .map(
          (l) =>
            `${l.time} ${l.level === 'info' ? 'info ' : l.level === 'warning' ? 'warn ' : 'error'} ${l.message}${
              l.counts
                ? `\n${Object.entries(l.counts)
                    .map(([k, n]) => `    ${k}: ${n}`)
                    .join('\n')}`
                : ''
            }`,
        )
        .join('\n'),
    );
  });
  return cmd;
}

export function drillListCommand(ctx: CommandContext, { targetOf, withTarget }: TargetHelpers): Command {
  const cmd = withTarget(
    new Command('list')
      .description('Drill history: the reports kept beside the backups, newest first')
      .option('--schedule <name>', "only the drills of this schedule's backups")
      .option('--backup <name>', 'only the drills of this backup'),
    ctx.lang,
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup drill list --target /mnt/nfs/quai\n  ${ctx.programName} backup drill list --target s3://backups/quai --schedule nightly -o json`,
  );
  cmd.action(async (own: Record<string, unknown>, self: Command) => {
    // `drill` has the same options: Commander gives them to it wherever they stand on the line.
    const opts = { ...self.optsWithGlobals(), ...own };
    const g = globalOptions(opts);
    const history = await backup.drillHistory(await targetOf(opts, ctx), {
      ...(typeof opts['schedule'] === 'string' ? { schedule: opts['schedule'] } : {}),
      ...(typeof opts['backup'] === 'string' ? { backup: opts['backup'] } : {}),
    });
    print(ctx.io, g.output, history, () =>
      table(
        ['STARTED', 'BACKUP', 'RESULT', 'RECOVERY', 'OBJECTS', 'FAILED CHECKS'],
        history.map((r) => [
          r.startedAt,
          r.backup,
          r.status === 'pass' ? paint(ctx.io, 'green', 'pass') : paint(ctx.io, 'red', 'FAIL'),
          `${r.recoverySeconds}s`,
          String(r.restore.counts.created),
          r.checks
            .filter((c) => !c.ok)
            .map((c) => c.name)
            .join('; ') || '-',
        ]),
      ),
    );
  });
  return cmd;
}

/** `backup create --from-schedule S [--wait]`: a Job from the schedule's CronJob, followed to its end. */
export async function createFromSchedule(
  ctx: CommandContext,
  g: GlobalOptions,
  schedule: string,
  wait: boolean,
): Promise<void> {
  const progress = new Progress(ctx.io);
  const out = await withClient(ctx, g, async (client) => {
    const s = await new backup.ScheduleStore(client).get(schedule, ctx.signal);
    const job = await backup.startJobFromCronJob(client, schedule, undefined, ctx.signal);
    progress.step(
      tr(ctx.lang, 'backup.step.jobCreated', { namespace: backup.SYSTEM_NAMESPACE, job, schedule }),
    );
    if (!wait) return { job, schedule: s.name, status: 'started' as const };
    const status = await backup.waitForJob(client, job, {
      signal: ctx.signal,
      onState: (m) => progress.step(t(ctx.lang, m)),
    });
    let log: backup.LogLine[] | undefined;
    try {
      const target = await backup.scheduleTarget(client, s, ctx.env, ctx.signal);
      const newest = await backup.newestBackupOf(target, s.name);
      log = await backup.readBackupLog(target, newest.name);
    } catch {
      log = undefined; // The target may be reachable from the cluster only.
    }
    return { job, schedule: s.name, status, ...(log ? { log } : {}) };
  });
  print(ctx.io, g.output, out, () =>
    [
      out.status === 'started'
        ? `Job ${out.job} started; follow it with \`kubectl -n ${backup.SYSTEM_NAMESPACE} logs -f job/${out.job}\`.`
        : `Job ${out.job}: ${out.status}`,
      ...('log' in out && out.log ? out.log.map((l) => `  ${l.time} ${l.level} ${l.message}`) : []),
    ].join('\n'),
  );
  if (out.status === 'failed') ctx.setExitCode(1);
}

/** A Velero phase as a progress line, with its item count when Velero gives one. */
function veleroPhaseText(lang: Lang, ph: backup.VeleroPhase): string {
  return ph.items === undefined
    ? ph.phase
    : tr(lang, 'backup.step.veleroItems', { phase: ph.phase, done: ph.items, total: ph.total ?? '?' });
}

/** `backup create --velero`: a velero.io/v1 Backup, followed with --wait. */
export async function createVelero(
  ctx: CommandContext,
  g: GlobalOptions,
  name: string,
  namespaces: readonly string[],
  opts: Record<string, unknown>,
): Promise<void> {
  const progress = new Progress(ctx.io);
  const out = await withClient(ctx, g, async (client) => {
    const created = await backup.createVeleroBackup(client, {
      name,
      namespaces,
      ...(typeof opts['selector'] === 'string' ? { labelSelector: opts['selector'] } : {}),
      ...(opts['includeClusterResources'] === 'yes'
        ? { includeClusterResources: true }
        : opts['includeClusterResources'] === 'no'
          ? { includeClusterResources: false }
          : {}),
      signal: ctx.signal,
    });
    progress.step(
      tr(ctx.lang, 'backup.step.veleroCreated', {
        kind: 'Backup',
        namespace: backup.VELERO_NAMESPACE,
        name: created,
      }),
    );
    if (opts['wait'] !== true)
      return { name: created, phase: 'New' } as backup.VeleroPhase & { name: string };
    const p = await backup.followVelero(client, 'Backup', created, {
      signal: ctx.signal,
      onPhase: (ph) => progress.step(veleroPhaseText(ctx.lang, ph)),
    });
    return { name: created, ...p };
  });
  print(
    ctx.io,
    g.output,
    out,
    () =>
      `Velero backup ${out.name}: ${out.phase}${out.reason ? ` (${out.reason})` : ''}, ${out.errors} errors, ${out.warnings} warnings`,
  );
  if (opts['wait'] === true && out.phase !== 'Completed') ctx.setExitCode(1);
}

/** `restore --velero`: a velero.io/v1 Restore, followed until its phase is final. */
export async function restoreVelero(
  ctx: CommandContext,
  g: GlobalOptions,
  name: string,
  namespaces: readonly string[],
  mapping: Readonly<Record<string, string>>,
  existing: 'skip' | 'update',
): Promise<void> {
  const progress = new Progress(ctx.io);
  const out = await withClient(ctx, g, async (client) => {
    const restore = await backup.createVeleroRestore(client, {
      backup: name,
      namespaces,
      namespaceMapping: mapping,
      existing,
      signal: ctx.signal,
    });
    progress.step(
      tr(ctx.lang, 'backup.step.veleroCreated', {
        kind: 'Restore',
        namespace: backup.VELERO_NAMESPACE,
        name: restore,
      }),
    );
    const p = await backup.followVelero(client, 'Restore', restore, {
      signal: ctx.signal,
      onPhase: (ph) => progress.step(veleroPhaseText(ctx.lang, ph)),
    });
    return { restore, ...p };
  });
  print(
    ctx.io,
    g.output,
    out,
    () =>
      `Velero restore ${out.restore} of ${name}: ${out.phase}${out.reason ? ` (${out.reason})` : ''}, ${out.errors} errors, ${out.warnings} warnings`,
  );
  if (out.phase !== 'Completed') ctx.setExitCode(1);
}

/** Velero backups as rows of `backup list`, marked VELERO. */
export function veleroRows(list: readonly backup.VeleroBackup[]): string[][] {
  return list.map((b) => [
    `${b.name} (VELERO)`,
    b.phase,
    b.completedAt ?? '-',
    b.includedNamespaces.join(','),
    b.items === undefined ? '-' : String(b.items),
    `velero:${b.storageLocation}`,
  ]);
}

/** `backup describe NAME --velero`: a Velero backup's summary, spec and status. */
export async function describeVelero(ctx: CommandContext, g: GlobalOptions, name: string): Promise<void> {
  const d = await withClient(ctx, g, (client) =>
    backup.describeVeleroBackup(client, name, undefined, ctx.signal),
  );
  const b = d.backup;
  print(ctx.io, g.output, d, () =>
    [
      `Velero backup ${b.namespace}/${b.name}: ${b.phase}${b.schedule ? ` (schedule ${b.schedule})` : ''}`,
      `Namespaces: ${b.includedNamespaces.join(', ')}; storage location: ${b.storageLocation}`,
      `Started ${b.startedAt ?? '-'}, completed ${b.completedAt ?? '-'}, expires ${b.expiration ?? '-'}`,
      `Items: ${b.items ?? '-'}; errors: ${b.errors}; warnings: ${b.warnings}`,
    ].join('\n'),
  );
}
