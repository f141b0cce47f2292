import { Command, Option } from 'commander';
import { msg, t, textOf, tr, backupUseCases, type Lang } from '@quai/contracts';
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
import { examplesText } from './help.js';

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

function levelWord(lang: Lang, level: backup.LogLine['level']): string {
  return tr(lang, `backup.cli.level.${level}`);
}

function logLine(ctx: CommandContext, l: backup.LogLine): void {
  const word = levelWord(ctx.lang, l.level);
  const level =
    l.level === 'error'
      ? paint(ctx.io, 'red', word)
      : l.level === 'warning'
        ? paint(ctx.io, 'yellow', word)
        : word;
  ctx.io.err.write(`${l.time} ${level} ${textOf(ctx.lang, l.message)}\n`);
}

function createCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = new Command('create')
    .description(tr(l, 'backup.cli.schedule.create'))
    .argument('<name>', tr(l, 'backup.cli.schedule.arg.name'))
    .requiredOption('--cron <expr>', tr(l, 'backup.cli.schedule.flag.cron'))
    .option('--time-zone <tz>', tr(l, 'backup.cli.schedule.flag.timeZone'), 'UTC')
    .option('--namespaces <ns,...>', tr(l, 'backup.cli.schedule.flag.namespaces'), splitList, [] as string[])
    .option('--app <app>', tr(l, 'backup.cli.schedule.flag.app'))
    .option('-l, --selector <selector>', tr(l, 'backup.cli.flag.selector'))
    .addOption(
      new Option('--include-cluster-resources <mode>', tr(l, 'backup.cli.flag.clusterResources'))
        .choices(['auto', 'yes', 'no'])
        .default('auto'),
    )
    .requiredOption('--target <where>', tr(l, 'backup.cli.schedule.flag.target'))
    .option('--s3-endpoint <url>', tr(l, 'backup.cli.schedule.flag.s3Endpoint'))
    .option('--s3-region <region>', tr(l, 'backup.cli.schedule.flag.s3Region'))
    .option('--s3-path-style', tr(l, 'backup.cli.schedule.flag.s3PathStyle'))
    .option('--no-s3-path-style', tr(l, 'backup.cli.schedule.flag.noS3PathStyle'))
    .option('--credentials-secret <name>', tr(l, 'backup.cli.schedule.flag.credentialsSecret'))
    .option('--target-volume-claim <pvc>', tr(l, 'backup.cli.schedule.flag.targetVolumeClaim'))
    .option('--key-secret <name>', tr(l, 'backup.cli.schedule.flag.keySecret'))
    .option('--no-encryption', tr(l, 'backup.cli.flag.noEncryption'))
    .option('--keep-last <n>', tr(l, 'backup.cli.prune.flag.keepLast'), count)
    .option('--keep-hourly <n>', tr(l, 'backup.cli.schedule.flag.keepHourly'), count)
    .option('--keep-daily <n>', tr(l, 'backup.cli.prune.flag.keepDaily'), count)
    .option('--keep-weekly <n>', tr(l, 'backup.cli.prune.flag.keepWeekly'), count)
    .option('--keep-monthly <n>', tr(l, 'backup.cli.prune.flag.keepMonthly'), count)
    .option('--ttl <duration>', tr(l, 'backup.cli.schedule.flag.ttl'))
    .addOption(
      new Option('--volumes <how>', tr(l, 'backup.cli.schedule.flag.volumes'))
        .choices(['restic', 'none'])
        .default('none'),
    )
    .addOption(
      new Option('--mover <where>', tr(l, 'backup.cli.schedule.flag.mover'))
        .choices(['job', 'local'])
        .default('job'),
    )
    .option('--mover-image <image>', tr(l, 'backup.cli.schedule.flag.moverImage'))
    .option(
      '--volume-path <ns/claim=dir>',
      tr(l, 'backup.cli.schedule.flag.volumePath'),
      collect,
      [] as string[],
    )
    .option('--app-spec <file>', tr(l, 'backup.cli.schedule.flag.appSpec'), collect, [] as string[])
    .option('--drill-after-backup', tr(l, 'backup.cli.schedule.flag.drillAfterBackup'))
    .option('--drill-cron <expr>', tr(l, 'backup.cli.schedule.flag.drillCron'))
    .option('--suspend', tr(l, 'backup.cli.schedule.flag.suspend'))
    .option('--replace', tr(l, 'backup.cli.schedule.flag.replace'))
    .option('--install', tr(l, 'backup.cli.schedule.flag.install'))
    .option('--image <image>', tr(l, 'backup.cli.schedule.flag.image', { image: backup.DEFAULT_IMAGE }));
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} backup schedule create nightly -n grist --cron "30 2 * * *" --time-zone Europe/Paris \\`,
        '    --target s3://backups/quai --s3-endpoint https://s3.cd49.local --credentials-secret backup-s3 \\',
        '    --key-secret backup-key --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --drill-after-backup',
        `${p} backup schedule create hourly --namespaces grist,annuaire --cron @hourly \\`,
        '    --target /mnt/nfs/quai --target-volume-claim quai-backups --key-secret backup-key --keep-hourly 24 --ttl 3d --install',
        `${p} backup schedule create grist-data -n grist --cron @daily --target s3://backups/quai \\`,
        '    --s3-endpoint https://s3.cd49.local --credentials-secret backup-s3 --key-secret backup-key \\',
        '    --volumes restic --app-spec grist/quai.yaml --keep-daily 14',
      ],
      tr(l, 'backup.cli.help.scheduleCreate'),
    ),
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
        tr(l, opts['install'] === true ? 'backup.cli.schedule.savedInstalled' : 'backup.cli.schedule.saved', {
          name: saved.name,
          cron: saved.cron,
          timeZone: saved.timeZone,
        }),
        tr(l, 'backup.cli.schedule.nextRuns', { runs: next.map((d) => d.toISOString()).join(', ') }),
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
  const l = ctx.lang;
  const cmd = new Command('list').description(tr(l, 'backup.cli.schedule.list'));
  cmd.addHelpText('after', examplesText(l, [`${ctx.programName} backup schedule list`]));
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
        (['name', 'cron', 'timeZone', 'namespaces', 'target', 'lastRun', 'nextRun'] as const).map((c) =>
          tr(l, `backup.cli.col.${c}`),
        ),
        rows.map((s) => [
          s.name,
          s.cron,
          s.timeZone,
          s.namespaces.join(','),
          s.target,
          s.lastRun ?? '-',
          s.suspend ? tr(l, 'backup.cli.schedule.suspended') : (s.nextRun ?? '-'),
        ]),
      ),
    );
  });
  return cmd;
}

function describeCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('describe')
    .description(tr(l, 'backup.cli.schedule.describe'))
    .argument('<name>', tr(l, 'backup.cli.schedule.arg.nameShort'));
  cmd.addHelpText('after', examplesText(l, [`${ctx.programName} backup schedule describe nightly`]));
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
        tr(l, s.suspend ? 'backup.cli.schedule.headSuspended' : 'backup.cli.schedule.head', {
          name: s.name,
          cron: s.cron,
          timeZone: s.timeZone,
        }),
        tr(l, 'backup.cli.schedule.scope', {
          namespaces: s.namespaces.join(', '),
          app: s.app ? tr(l, 'backup.cli.schedule.scopeApp', { app: s.app }) : '',
          selector: s.labelSelector
            ? tr(l, 'backup.cli.schedule.scopeSelector', { selector: s.labelSelector })
            : '',
          clusterResources: s.clusterResources,
        }),
        tr(l, 'backup.cli.schedule.target', {
          target: s.target,
          endpoint: s.s3Endpoint ? tr(l, 'backup.cli.schedule.endpoint', { endpoint: s.s3Endpoint }) : '',
          encryption:
            s.encryption === 'none'
              ? tr(l, 'backup.cli.none')
              : tr(l, 'backup.cli.schedule.keyFrom', { secret: s.encryption.keySecret }),
        }),
        tr(l, 'backup.cli.schedule.retention', {
          retention: s.retention
            ? Object.entries(s.retention)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')
            : tr(l, 'backup.cli.none'),
          ttl: s.ttl ?? tr(l, 'backup.cli.none'),
        }),
        tr(l, 'backup.cli.schedule.drill', {
          drill: s.drill
            ? [
                ...(s.drill.afterBackup ? [tr(l, 'backup.cli.schedule.drillAfter')] : []),
                ...(s.drill.cron ? [tr(l, 'backup.cli.schedule.drillOn', { cron: s.drill.cron })] : []),
              ].join(' ')
            : tr(l, 'backup.cli.none'),
        }),
        tr(l, 'backup.cli.schedule.runs', {
          last: info.lastRun ?? tr(l, 'backup.cli.schedule.never'),
          running: info.runningOn ?? tr(l, 'backup.cli.schedule.nothing'),
        }),
        tr(l, 'backup.cli.schedule.cronJob', {
          cronJob: info.cronJob ?? tr(l, 'backup.cli.schedule.notInstalled'),
        }),
        tr(l, 'backup.cli.schedule.nextRuns', { runs: info.nextRuns.join(', ') }),
      ].join('\n'),
    );
  });
  return cmd;
}

function deleteCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('delete')
    .description(tr(l, 'backup.cli.schedule.delete'))
    .argument('<name>', tr(l, 'backup.cli.schedule.arg.nameShort'))
    .option('--reason <text>', tr(l, 'backup.cli.schedule.flag.reason'));
  cmd.addHelpText(
    'after',
    examplesText(l, [
      `${ctx.programName} backup schedule delete nightly`,
      `${ctx.programName} backup schedule delete nightly --reason "app retired"`,
    ]),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'backup.scheduleDelete',
      { name, ...(typeof opts['reason'] === 'string' ? { reason: opts['reason'] } : {}) },
      () => tr(l, 'backup.cli.schedule.deleted', { name }),
    );
  });
  return cmd;
}

/** `schedule suspend|resume NAME`: the use case backup.scheduleSuspend, as the console calls it. */
function suspendCommand(ctx: CommandContext, suspend: boolean): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const verb = suspend ? 'suspend' : 'resume';
  const cmd = new Command(verb)
    .description(tr(l, suspend ? 'backup.cli.schedule.suspendVerb' : 'backup.cli.schedule.resumeVerb'))
    .argument('<name>', tr(l, 'backup.cli.schedule.arg.nameShort'))
    .option('--reason <text>', tr(l, 'backup.cli.schedule.flag.reason'));
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      suspend
        ? [
            `${p} backup schedule suspend nightly --reason "storage migration this weekend"`,
            `${p} backup schedule suspend nightly -o json`,
          ]
        : [`${p} backup schedule resume nightly --reason "storage migration done"`],
      tr(l, 'backup.cli.help.suspend'),
    ),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'backup.scheduleSuspend',
      { name, suspend, ...(typeof opts['reason'] === 'string' ? { reason: opts['reason'] } : {}) },
      (r) => {
        if (!r.changed)
          return tr(
            l,
            r.suspend ? 'backup.cli.schedule.alreadySuspended' : 'backup.cli.schedule.alreadyActive',
            {
              name,
            },
          );
        const cronJobs =
          r.cronJobs.length === 0
            ? ''
            : tr(l, 'backup.cli.schedule.withCronJobs', { cronJobs: r.cronJobs.join(', ') });
        return r.suspend
          ? tr(l, 'backup.cli.schedule.suspendedNow', { name, cronJobs })
          : tr(l, 'backup.cli.schedule.resumedNow', { name, cronJobs, next: r.nextRun ?? '-' });
      },
    );
  });
  return cmd;
}

function runNowCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('run-now')
    .description(backupUseCases['backup.scheduleRun'].summary[l])
    .argument('<name>', tr(l, 'backup.cli.schedule.arg.nameShort'))
    .option('--scheduled', tr(l, 'backup.cli.schedule.flag.scheduled'))
    .option(
      '--drill-timeout <duration>',
      tr(l, 'backup.cli.schedule.flag.drillTimeout'),
      duration(),
      300_000,
    );
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${ctx.programName} backup schedule run-now nightly`,
        `${ctx.programName} backup schedule run-now nightly --scheduled`,
      ],
      tr(l, 'backup.cli.help.runNow'),
    ),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
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
  const l = ctx.lang;
  const cmd = new Command('install')
    .description(tr(l, 'backup.cli.schedule.install'))
    .argument('[names...]', tr(l, 'backup.cli.schedule.arg.names'))
    .option(
      '--image <image>',
      tr(l, 'backup.cli.schedule.flag.installImage', { image: backup.DEFAULT_IMAGE }),
    )
    .option('--dry-run', tr(l, 'backup.cli.schedule.flag.dryRun'));
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${ctx.programName} backup schedule install --image registry.cd49.local/quai/quai:0.1.0`,
        `${ctx.programName} backup schedule install nightly --dry-run -o yaml`,
      ],
      tr(l, 'backup.cli.help.install'),
    ),
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
            `${tr(l, opts['dryRun'] === true ? 'backup.cli.schedule.valid' : 'backup.cli.schedule.applied')} ${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`,
        )
        .join('\n'),
    );
  });
  return cmd;
}

function daemonCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('daemon')
    .description(tr(l, 'backup.cli.schedule.daemon'))
    .option('--poll <duration>', tr(l, 'backup.cli.schedule.flag.poll'), duration(), 20_000)
    .option('--identity <id>', tr(l, 'backup.cli.schedule.flag.identity'));
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${ctx.programName} backup schedule daemon`,
        `${ctx.programName} backup schedule daemon --poll 1m --identity backup-vm-1`,
      ],
      tr(l, 'backup.cli.help.daemon'),
    ),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await withClient(ctx, g, (client) =>
      backup.runDaemon(client, {
        pollMs: opts['poll'] as number,
        ...(typeof opts['identity'] === 'string' ? { identity: opts['identity'] } : {}),
        env: ctx.env,
        signal: ctx.signal,
        onLog: (line) => logLine(ctx, line),
      }),
    );
  });
  return cmd;
}

export function scheduleCommand(ctx: CommandContext): Command {
  const s = new Command('schedule')
    .description(tr(ctx.lang, 'backup.cli.schedule.group'))
    .helpCommand('help [command]', tr(ctx.lang, 'cli.flag.helpCommand'));
  for (const c of [
    createCommand(ctx),
    listCommand(ctx),
    describeCommand(ctx),
    deleteCommand(ctx),
    suspendCommand(ctx, true),
    suspendCommand(ctx, false),
    runNowCommand(ctx),
    installCommand(ctx),
    daemonCommand(ctx),
  ])
    s.addCommand(c);
  return s;
}

export function logsCommand(ctx: CommandContext, { targetOf, withTarget }: TargetHelpers): Command {
  const lang = ctx.lang;
  const cmd = withTarget(
    new Command('logs')
      .description(tr(lang, 'backup.cli.logs'))
      .argument('<name>', tr(lang, 'backup.cli.arg.backup')),
    lang,
  );
  cmd.addHelpText(
    'after',
    examplesText(lang, [
      `${ctx.programName} backup logs nightly-20261126023000 --target /mnt/nfs/quai`,
      `${ctx.programName} backup logs nightly-20261126023000 --target s3://backups/quai -o json`,
    ]),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const lines = await backup.readBackupLog(await targetOf(opts, ctx), name);
    print(ctx.io, g.output, lines, () =>
      lines
        .map(
          (l) =>
            `${l.time} ${levelWord(lang, l.level)} ${textOf(lang, l.message)}${
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
  const l = ctx.lang;
  const cmd = withTarget(
    new Command('list')
      .description(tr(l, 'backup.cli.drillList'))
      .option('--schedule <name>', tr(l, 'backup.cli.drillList.flag.schedule'))
      .option('--backup <name>', tr(l, 'backup.cli.drillList.flag.backup')),
    l,
  );
  cmd.addHelpText(
    'after',
    examplesText(l, [
      `${ctx.programName} backup drill list --target /mnt/nfs/quai`,
      `${ctx.programName} backup drill list --target s3://backups/quai --schedule nightly -o json`,
    ]),
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
        (['started', 'backup', 'result', 'recovery', 'objects', 'failedChecks'] as const).map((c) =>
          tr(l, `backup.cli.col.${c}`),
        ),
        history.map((r) => [
          r.startedAt,
          r.backup,
          r.status === 'pass'
            ? paint(ctx.io, 'green', tr(l, 'backup.cli.drillList.pass'))
            : paint(ctx.io, 'red', tr(l, 'backup.cli.drillList.fail')),
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
  const l = ctx.lang;
  const progress = new Progress(ctx.io, l);
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
        ? tr(l, 'backup.cli.job.started', { job: out.job, namespace: backup.SYSTEM_NAMESPACE })
        : tr(l, 'backup.cli.job.status', {
            job: out.job,
            status: tr(l, `backup.cli.job.state.${out.status}`),
          }),
      ...('log' in out && out.log
        ? out.log.map((line) => `  ${line.time} ${levelWord(l, line.level)} ${textOf(l, line.message)}`)
        : []),
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
  const progress = new Progress(ctx.io, ctx.lang);
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
  print(ctx.io, g.output, out, () =>
    tr(ctx.lang, 'backup.cli.velero.backup', {
      name: out.name,
      phase: out.phase,
      reason: out.reason ? ` (${out.reason})` : '',
      errors: out.errors ?? 0,
      warnings: out.warnings ?? 0,
    }),
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
  const progress = new Progress(ctx.io, ctx.lang);
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
  print(ctx.io, g.output, out, () =>
    tr(ctx.lang, 'backup.cli.velero.restore', {
      restore: out.restore,
      name,
      phase: out.phase,
      reason: out.reason ? ` (${out.reason})` : '',
      errors: out.errors ?? 0,
      warnings: out.warnings ?? 0,
    }),
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
      tr(ctx.lang, 'backup.cli.velero.describeHead', {
        name: `${b.namespace}/${b.name}`,
        phase: b.phase,
        schedule: b.schedule ? tr(ctx.lang, 'backup.cli.velero.schedule', { schedule: b.schedule }) : '',
      }),
      tr(ctx.lang, 'backup.cli.velero.namespaces', {
        namespaces: b.includedNamespaces.join(', '),
        location: b.storageLocation,
      }),
      tr(ctx.lang, 'backup.cli.velero.times', {
        started: b.startedAt ?? '-',
        completed: b.completedAt ?? '-',
        expires: b.expiration ?? '-',
      }),
      tr(ctx.lang, 'backup.cli.velero.items', {
        items: b.items ?? '-',
        errors: b.errors,
        warnings: b.warnings,
      }),
    ].join('\n'),
  );
}
