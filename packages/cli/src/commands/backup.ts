import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { formatBytes, msg, t, textOf, tr, backupUseCases, type Lang } from '@quai/contracts';
import * as backup from '@quai/core/backup';
import { QuaiError } from '@quai/core/errors';
import { duration, globalOptions, runUseCase, withClient, type CommandContext } from '../context.js';
import { paint, print, table } from '../output.js';
import { Progress } from '../progress.js';
import {
  createFromSchedule,
  createVelero,
  describeVelero,
  drillListCommand,
  logsCommand,
  restoreVelero,
  scheduleCommand,
  veleroRows,
} from './backup-schedule.js';
import { quietAwsSdk } from '../quiet-aws-sdk.js';
import { forgetData, repositoryOf, withDataOptions, withS3Options } from './backup-data.js';
import { examplesText } from './help.js';
import type { CommandModule } from './types.js';

async function targetOf(opts: Record<string, unknown>, ctx: CommandContext): Promise<backup.StorageTarget> {
  const where = (opts['target'] as string | undefined) ?? ctx.env['QUAI_BACKUP_TARGET'];
  if (where === undefined || where === '') {
    throw new QuaiError('USAGE', msg('backup.noTarget'), { hint: msg('backup.noTargetHint') });
  }
  return backup.targetOfPlace(await repositoryOf(opts, ctx));
}

/** The key file's key; a file others may read is warned about, or refused with --strict-key-permissions. */
async function keyOf(
  opts: Record<string, unknown>,
  ctx: CommandContext,
): Promise<backup.BackupKey | undefined> {
  const file = (opts['keyFile'] as string | undefined) ?? ctx.env['QUAI_BACKUP_KEY_FILE'];
  if (!file) return undefined;
  return backup.readKeyFile(file, {
    strictPermissions:
      opts['strictKeyPermissions'] === true ||
      /^(1|true|yes)$/i.test(ctx.env['QUAI_STRICT_KEY_PERMISSIONS'] ?? ''),
    onWarning: (w) =>
      ctx.io.err.write(
        `${tr(ctx.lang, 'backup.cli.warning', { warning: `${t(ctx.lang, w.message)} ${t(ctx.lang, w.hint)}` })}\n`,
      ),
  });
}

function withTargetIn(l: Lang, cmd: Command): Command {
  return withTarget(cmd, l);
}

function withTarget(cmd: Command, l: Lang = 'en'): Command {
  return withS3Options(cmd.option('--target <where>', tr(l, 'backup.flag.target')), l)
    .option('--key-file <file>', tr(l, 'backup.flag.keyFile'))
    .option('--strict-key-permissions', tr(l, 'backup.flag.strictKeyPermissions'));
}

/** The target, S3 settings and key of a request, from the flags (and QUAI_BACKUP_*). */
function targetRequest(opts: Record<string, unknown>, ctx: CommandContext) {
  const target = (opts['target'] as string | undefined) ?? ctx.env['QUAI_BACKUP_TARGET'];
  if (target === undefined || target === '') {
    throw new QuaiError('USAGE', msg('backup.noTarget'), { hint: msg('backup.noTargetHint') });
  }
  const str = (k: string): string | undefined =>
    typeof opts[k] === 'string' && opts[k] !== '' ? opts[k] : undefined;
  const s3 = {
    ...(str('s3Endpoint') ? { endpoint: str('s3Endpoint') } : {}),
    ...(str('s3Region') ? { region: str('s3Region') } : {}),
    ...(typeof opts['s3PathStyle'] === 'boolean' ? { pathStyle: opts['s3PathStyle'] } : {}),
    ...(str('s3Profile') ? { profile: str('s3Profile') } : {}),
  };
  const keyFile = str('keyFile') ?? ctx.env['QUAI_BACKUP_KEY_FILE'];
  const strictPermissions =
    opts['strictKeyPermissions'] === true ||
    /^(1|true|yes)$/i.test(ctx.env['QUAI_STRICT_KEY_PERMISSIONS'] ?? '');
  return {
    target,
    ...(Object.keys(s3).length > 0 ? { s3 } : {}),
    ...(keyFile ? { key: { file: keyFile, strictPermissions } } : {}),
  };
}

/** The volume data flags of a request. */
function dataRequest(opts: Record<string, unknown>) {
  return {
    ...(typeof opts['volumes'] === 'string' ? { volumes: opts['volumes'] as 'restic' | 'none' } : {}),
    volumePaths: opts['volumePath'] as string[],
    mover: opts['mover'] as 'local' | 'job',
    ...(typeof opts['moverImage'] === 'string' ? { moverImage: opts['moverImage'] } : {}),
  };
}

function size(l: Lang, n: number | undefined): string {
  return formatBytes(l, n ?? 0);
}

/** A state word of a volume, a database or a restore step, in the reader's language. */
function state(
  l: Lang,
  s: 'completed' | 'failed' | 'unreachable' | 'excluded' | 'restored' | 'skipped' | 'would-restore',
): string {
  return tr(l, `backup.cli.state.${s}`);
}

/** Writes a file the user named (a drill report): a bad path is an input error naming it. */
async function writeUserFile(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw backup.fileError(error, msg('backup.fs.write'), file);
  }
}

function splitList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter((v) => v !== '')];
}

function createCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = withTargetIn(
    l,
    new Command('create')
      .description(backupUseCases['backup.create'].summary[l])
      .argument('[name]', tr(l, 'backup.cli.arg.name'))
      .option('--namespaces <ns,...>', tr(l, 'backup.cli.flag.namespaces'), splitList, [] as string[])
      .option('--app <app>', tr(l, 'backup.cli.flag.app'))
      .option('-l, --selector <selector>', tr(l, 'backup.cli.flag.selector'))
      .addOption(
        new Option('--include-cluster-resources <mode>', tr(l, 'backup.cli.flag.clusterResources'))
          .choices(['auto', 'yes', 'no'])
          .default('auto'),
      )
      .option('--no-encryption', tr(l, 'backup.cli.flag.noEncryption'))
      .option('--from-schedule <schedule>', tr(l, 'backup.cli.flag.fromSchedule'))
      .option('--wait', tr(l, 'backup.cli.flag.wait'))
      .option('--velero', tr(l, 'backup.cli.flag.velero')),
  );
  withDataOptions(cmd, 'create', l);
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} backup key create /etc/quai/backup.key`,
        `${p} backup create --from-schedule nightly --wait`,
        `${p} backup create grist-before-upgrade -n grist --velero --wait`,
        `${p} backup create grist-2026-11-26 -n grist --target /mnt/nfs/backups --key-file /etc/quai/backup.key`,
        `${p} backup create grist-before-upgrade --app grist --target /mnt/nfs/backups`,
        `${p} backup create nightly --namespaces grist,joplin,annuaire --target /mnt/nfs/backups`,
        `${p} backup create nightly -n grist --target s3://backups/quai --s3-endpoint https://s3.cd49.local`,
        `${p} backup create nightly -n grist --target /mnt/nfs/backups --volume-path grist/data=/srv/grist --app-spec grist/quai.yaml`,
        `${p} backup create nightly -n grist --target s3://backups/quai --mover job --mover-image registry.cd49.local/restic:0.17.3`,
      ],
      tr(l, 'backup.cli.help.create'),
    ),
  );
  cmd.action(async (name: string | undefined, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    if (typeof opts['fromSchedule'] === 'string') {
      await createFromSchedule(ctx, g, opts['fromSchedule'], opts['wait'] === true);
      return;
    }
    if (name === undefined)
      throw new QuaiError('USAGE', msg('backup.noName'), { hint: msg('backup.noNameHint') });
    const app = typeof opts['app'] === 'string' ? opts['app'] : undefined;
    const namespaces = opts['namespaces'] as string[];
    if (opts['velero'] === true) {
      const picked = namespaces.length > 0 ? namespaces : g.namespace ? [g.namespace] : [];
      if (picked.length === 0)
        throw new QuaiError('USAGE', msg('backup.noNamespace'), { hint: msg('backup.noNamespaceHint') });
      await createVelero(ctx, g, name, picked, opts);
      return;
    }
    await runUseCase(
      ctx,
      g,
      'backup.create',
      {
        name,
        ...targetRequest(opts, ctx),
        ...dataRequest(opts),
        namespaces,
        ...(app !== undefined ? { app } : {}),
        ...(typeof opts['selector'] === 'string' ? { labelSelector: opts['selector'] } : {}),
        clusterResources: opts['includeClusterResources'] as 'auto' | 'yes' | 'no',
        encryption: opts['encryption'] !== false,
        appSpecs: ((opts['appSpec'] as string[] | undefined) ?? []).map((file) => ({ file })),
        databases: opts['databases'] !== false,
      },
      (index) =>
        [
          tr(l, 'backup.createdHead', {
            name: index.name,
            status: tr(l, `backup.status.${index.status}`),
            count: Object.values(index.counts).reduce((a, b) => a + b, 0),
            namespaces: index.namespaces.join(', '),
            encryption:
              index.encryption === 'none'
                ? tr(l, 'backup.notEncrypted')
                : tr(l, 'backup.encryptedWith', { keyId: index.encryption.keyId }),
          }),
          ...(index.volumes ?? []).map((v) => {
            const volume = `${v.namespace}/${v.pvc}`;
            return v.snapshot
              ? tr(l, 'backup.cli.volumeLineData', {
                  volume,
                  status: state(l, v.status),
                  snapshot: v.snapshot,
                  size: size(l, v.bytes),
                  added: size(l, v.bytesAdded),
                })
              : tr(l, 'backup.cli.volumeLine', { volume, status: state(l, v.status) });
          }),
          ...(index.databases ?? []).map((d) => {
            const database = `${d.namespace}/${d.name}`;
            return d.snapshot
              ? tr(l, 'backup.cli.databaseLineData', {
                  database,
                  status: state(l, d.status),
                  engine: d.engine,
                  size: size(l, d.bytes),
                  snapshot: d.snapshot,
                })
              : tr(l, 'backup.cli.databaseLine', { database, status: state(l, d.status) });
          }),
          ...index.warnings.map((w) => `  ${tr(l, 'backup.cli.warning', { warning: textOf(l, w) })}`),
          ...index.errors.map((e) => `  ${tr(l, 'backup.cli.error', { error: textOf(l, e) })}`),
        ].join('\n'),
    );
  });
  return cmd;
}

function listCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = withTargetIn(
    l,
    new Command('list')
      .description(tr(l, 'backup.cli.list.summary'))
      .option('--velero', tr(l, 'backup.cli.flag.listVelero')),
  );
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} backup list --target /mnt/nfs/backups`,
        `${p} backup list --target s3://backups/quai --s3-endpoint https://s3.cd49.local --s3-profile cd49`,
        `${p} backup list --target /mnt/nfs/backups --velero`,
      ],
      tr(l, 'backup.cli.help.list'),
    ),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const veleroOnly =
      opts['velero'] === true && opts['target'] === undefined && !ctx.env['QUAI_BACKUP_TARGET'];
    const all = veleroOnly ? [] : await (await targetOf(opts, ctx)).list();
    const velero =
      opts['velero'] === true ? await withClient(ctx, g, (client) => backup.listVeleroBackups(client)) : [];
    print(ctx.io, g.output, opts['velero'] === true ? { quai: all, velero } : all, () =>
      table(
        (['name', 'status', 'completed', 'namespaces', 'objects', 'encryption'] as const).map((c) =>
          tr(l, `backup.cli.col.${c}`),
        ),
        [
          ...all.map((b) => [
            b.name,
            tr(l, `backup.status.${b.status}`),
            b.completedAt,
            b.namespaces.join(','),
            String(Object.values(b.counts).reduce((a, c) => a + c, 0)),
            b.encryption === 'none' ? tr(l, 'backup.cli.none') : b.encryption.keyId,
          ]),
          ...veleroRows(velero),
        ],
      ),
    );
  });
  return cmd;
}

function describeCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = withTargetIn(
    l,
    new Command('describe')
      .description(tr(l, 'backup.cli.describe.summary'))
      .argument('<name>', tr(l, 'backup.cli.arg.backup'))
      .option('--velero', tr(l, 'backup.cli.flag.describeVelero'))
      .option('--allow-unauthenticated', tr(l, 'backup.cli.flag.describeUnauthenticated')),
  );
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} backup describe nightly --target /mnt/nfs/backups`,
        `${p} backup describe nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key`,
        `${p} backup describe velero-nightly-20261126 --velero`,
      ],
      tr(l, 'backup.cli.help.describe'),
    ),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    if (opts['velero'] === true) {
      await describeVelero(ctx, g, name);
      return;
    }
    const index = await (await targetOf(opts, ctx)).readIndex(name);
    // With the key, the index is authenticated before anything is shown (refused if edited).
    const key = await keyOf(opts, ctx);
    const trust =
      key === undefined
        ? undefined
        : backup.checkIndex(index, key, { allowUnauthenticated: opts['allowUnauthenticated'] === true });
    const integrity =
      index.encryption === 'none'
        ? tr(l, 'backup.cli.integrity.clear')
        : index.format < 3
          ? tr(l, 'backup.cli.integrity.oldFormat', { format: index.format })
          : trust?.authenticated === true
            ? tr(l, 'backup.cli.integrity.authenticated')
            : tr(l, 'backup.cli.integrity.unchecked');
    const reason = (r: string | undefined): string => (r ? (l === 'fr' ? ` : ${r}` : `: ${r}`) : '');
    print(ctx.io, g.output, { ...index, integrity }, () =>
      [
        tr(l, 'backup.cli.describe.head', {
          name: index.name,
          status: tr(l, `backup.status.${index.status}`),
          format: index.format,
          id: index.id ? tr(l, 'backup.cli.describe.id', { id: index.id }) : '',
          by: index.createdBy,
          cluster: index.cluster,
        }),
        tr(l, 'backup.cli.describe.integrity', { integrity }),
        tr(l, 'backup.cli.describe.times', { started: index.startedAt, completed: index.completedAt }),
        tr(l, 'backup.cli.describe.scope', {
          namespaces: index.namespaces.join(', '),
          cluster: tr(l, index.clusterResources ? 'backup.cli.yes' : 'backup.cli.no'),
          encryption:
            index.encryption === 'none'
              ? tr(l, 'backup.cli.none')
              : tr(l, 'backup.cli.describe.aes', { keyId: index.encryption.keyId }),
        }),
        '',
        table(
          [tr(l, 'backup.cli.col.kind'), tr(l, 'backup.cli.col.objects')],
          Object.entries(index.counts).map(([k, n]) => [k, String(n)]),
        ),
        ...(index.volumes ?? []).map(
          (v) =>
            tr(l, 'backup.cli.describe.volume', {
              volume: `${v.namespace}/${v.pvc}`,
              status: state(l, v.status),
            }) +
            (v.snapshot
              ? tr(l, 'backup.cli.describe.volumeData', {
                  snapshot: v.snapshot,
                  path: v.path ?? '',
                  mover: v.mover ?? 'local',
                })
              : '') +
            reason(v.reason),
        ),
        ...(index.databases ?? []).map(
          (d) =>
            tr(l, 'backup.cli.describe.database', {
              database: `${d.namespace}/${d.name}`,
              status: state(l, d.status),
              engine: d.engine,
              address: `${d.user}@${d.host}:${d.port}/${d.database}`,
            }) +
            (d.snapshot
              ? tr(l, 'backup.cli.describe.databaseData', {
                  snapshot: d.snapshot,
                  file: d.file ?? '',
                  sha256: d.sha256 ?? 'n/a',
                })
              : '') +
            reason(d.reason),
        ),
        ...index.warnings.map((w) => tr(l, 'backup.cli.warning', { warning: textOf(l, w) })),
        ...index.errors.map((e) => tr(l, 'backup.cli.error', { error: textOf(l, e) })),
      ].join('\n'),
    );
  });
  return cmd;
}

function deleteCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = withTargetIn(
    l,
    new Command('delete')
      .description(tr(l, 'backup.cli.delete.summary'))
      .argument('<name>', tr(l, 'backup.cli.arg.backup')),
  );
  cmd.addHelpText(
    'after',
    examplesText(l, [`${ctx.programName} backup delete nightly-2026-01-01 --target /mnt/nfs/backups`]),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const target = await targetOf(opts, ctx);
    const index = await target.readIndex(name);
    await target.delete(name);
    const notes = await forgetData(opts, ctx, await keyOf(opts, ctx), [index]);
    print(ctx.io, g.output, { deleted: name }, () =>
      [tr(l, 'backup.cli.deleted', { name }), ...notes].join('\n'),
    );
  });
  return cmd;
}

function drillCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = withTargetIn(
    l,
    new Command('drill')
      .description(backupUseCases['backup.drill'].summary[l])
      .argument('[name]', tr(l, 'backup.cli.arg.drillName'))
      .option('--schedule <schedule>', tr(l, 'backup.cli.drill.flag.schedule'))
      .option('--keep', tr(l, 'backup.cli.drill.flag.keep'))
      .option('--timeout <duration>', tr(l, 'backup.cli.drill.flag.timeout'), duration(), 300_000)
      .option('--report <file>', tr(l, 'backup.cli.drill.flag.report'))
      .option('--allow-unauthenticated', tr(l, 'backup.cli.drill.flag.allowUnauthenticated')),
  );
  withDataOptions(cmd, 'drill', l);
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} backup drill nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key`,
        `${p} backup drill --schedule nightly`,
        `${p} backup drill list --target /mnt/nfs/backups`,
        `${p} backup drill nightly --target /mnt/nfs/backups --keep --report drill.json`,
      ],
      tr(l, 'backup.cli.help.drill'),
    ),
  );
  cmd.action(async (arg: string | undefined, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const schedule = opts['schedule'] as string | undefined;
    if ((schedule === undefined) === (arg === undefined))
      throw new QuaiError('USAGE', msg('backup.drill.nameOrSchedule'));
    const textOfReport = (report: backup.DrillReport): string =>
      [
        tr(l, 'backup.drillHead', {
          backup: report.backup,
          status:
            report.status === 'pass'
              ? paint(ctx.io, 'green', tr(l, 'backup.drillPass'))
              : paint(ctx.io, 'red', tr(l, 'backup.drillFail')),
          seconds: report.recoverySeconds,
        }),
        ...report.checks.map(
          (c) =>
            `  ${tr(l, c.ok ? 'backup.cli.check.ok' : 'backup.cli.check.fail')} ${c.name}${l === 'fr' ? ' :' : ':'} ${textOf(l, c.detail)}`,
        ),
        `  ${
          report.cleanedUp
            ? tr(l, 'backup.drillCleaned')
            : tr(l, 'backup.drillKept', { namespaces: Object.values(report.scratchNamespaces).join(', ') })
        }`,
      ].join('\n');
    if (schedule === undefined) {
      const report = await runUseCase(
        ctx,
        g,
        'backup.drill',
        {
          backup: arg ?? '',
          ...targetRequest(opts, ctx),
          ...dataRequest(opts),
          keep: opts['keep'] === true,
          timeoutMs: opts['timeout'] as number,
          allowUnauthenticated: opts['allowUnauthenticated'] === true,
        },
        (r) => textOfReport(r as backup.DrillReport),
      );
      if (typeof opts['report'] === 'string')
        await writeUserFile(opts['report'], `${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const progress = new Progress(ctx.io, l);
    const report = await withClient(ctx, g, async (client) => {
      const s = await new backup.ScheduleStore(client).get(schedule, ctx.signal);
      const r = await backup.drillSchedule(client, s, {
        keep: opts['keep'] === true,
        timeoutMs: opts['timeout'] as number,
        signal: ctx.signal,
        onStep: (m) => progress.step(t(ctx.lang, m)),
        env: ctx.env,
      });
      if (r === undefined)
        throw new QuaiError('CONFLICT', msg('backup.drill.running', { schedule }), {
          hint: msg('backup.drill.runningHint'),
        });
      return r;
    });
    if (typeof opts['report'] === 'string')
      await writeUserFile(opts['report'], `${JSON.stringify(report, null, 2)}\n`);
    print(ctx.io, g.output, report, () => textOfReport(report));
    if (report.status !== 'pass') ctx.setExitCode(1);
  });
  return cmd;
}

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new QuaiError('USAGE', msg('backup.wholeNumber', { value: v }));
  return n;
}

function pruneCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = withTargetIn(
    l,
    new Command('prune')
      .description(tr(l, 'backup.cli.prune.summary'))
      .option('--keep-last <n>', tr(l, 'backup.cli.prune.flag.keepLast'), count)
      .option('--keep-daily <n>', tr(l, 'backup.cli.prune.flag.keepDaily'), count)
      .option('--keep-weekly <n>', tr(l, 'backup.cli.prune.flag.keepWeekly'), count)
      .option('--keep-monthly <n>', tr(l, 'backup.cli.prune.flag.keepMonthly'), count)
      .option('--dry-run', tr(l, 'backup.cli.prune.flag.dryRun')),
  );
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} backup prune --target /mnt/nfs/quai --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --dry-run`,
        `${p} backup prune --target /mnt/nfs/quai --keep-last 10`,
      ],
      tr(l, 'backup.cli.help.prune'),
    ),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const target = await targetOf(opts, ctx);
    const all = await target.list();
    const decision = backup.applyRetention(all, {
      ...(typeof opts['keepLast'] === 'number' ? { keepLast: opts['keepLast'] } : {}),
      ...(typeof opts['keepDaily'] === 'number' ? { keepDaily: opts['keepDaily'] } : {}),
      ...(typeof opts['keepWeekly'] === 'number' ? { keepWeekly: opts['keepWeekly'] } : {}),
      ...(typeof opts['keepMonthly'] === 'number' ? { keepMonthly: opts['keepMonthly'] } : {}),
    });
    const removed = all.filter((b) => decision.remove.includes(b.name));
    const dryRun = opts['dryRun'] === true;
    if (!dryRun) for (const name of decision.remove) await target.delete(name);
    const key = await keyOf(opts, ctx);
    const notes = dryRun ? [] : await forgetData(opts, ctx, key, removed);
    // What killed backups left: partial folders or objects, stale locks, and (with the key) the
    // restic snapshots no backup holds. Backups being written now are left alone.
    const leftovers = dryRun ? { removed: [], writing: [] } : await target.cleanLeftovers();
    let orphans = 0;
    if (!dryRun && key !== undefined) {
      const kept = all.filter((b) => !decision.remove.includes(b.name));
      orphans = await backup.forgetOrphanSnapshots(
        backup.volumes.resticRepository(await repositoryOf(opts, ctx), key),
        { complete: await target.names(), kept },
        leftovers.writing,
      );
    }
    const cleaned = leftovers.removed.map((r) => textOf(l, r));
    print(ctx.io, g.output, { ...decision, leftovers: cleaned, orphanSnapshots: orphans }, () =>
      [
        ...decision.keep.map((k) =>
          tr(l, 'backup.cli.prune.keep', { name: k.name, reasons: k.reasons.join(', ') }),
        ),
        ...decision.remove.map((r) =>
          tr(l, dryRun ? 'backup.cli.prune.wouldDelete' : 'backup.cli.prune.deleted', { name: r }),
        ),
        ...notes,
        ...cleaned.map((r) => tr(l, 'backup.cli.prune.cleaned', { name: r })),
        ...leftovers.writing.map((w) => tr(l, 'backup.cli.prune.leftAlone', { name: w.name })),
        ...(orphans > 0 ? [tr(l, 'backup.cli.prune.orphans', { count: orphans })] : []),
      ].join('\n'),
    );
  });
  return cmd;
}

function keyCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const key = new Command('key')
    .description(tr(l, 'backup.cli.key.group'))
    .helpCommand('help [command]', tr(l, 'cli.flag.helpCommand'));
  const create = new Command('create')
    .description(tr(l, 'backup.cli.key.create'))
    .argument('<file>', tr(l, 'backup.cli.key.arg.file'));
  create.addHelpText(
    'after',
    examplesText(
      l,
      [`${ctx.programName} backup key create /etc/quai/backup.key`],
      tr(l, 'backup.cli.help.keyCreate'),
    ),
  );
  create.action(async (file: string, _opts: unknown, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const bytes = backup.newKey();
    try {
      await writeFile(file, `${bytes.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new QuaiError('ALREADY_EXISTS', msg('backup.key.exists', { file }), {
          hint: msg('backup.key.existsHint'),
        });
      }
      throw backup.fileError(error, msg('backup.fs.writeKeyFile'), file);
    }
    const id = backup.keyFrom(bytes).id;
    print(ctx.io, g.output, { file, keyId: id }, () => tr(l, 'backup.cli.key.written', { id, file }));
  });
  key.addCommand(create);
  return key;
}

function restoreCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = withTargetIn(
    l,
    new Command('restore')
      .description(backupUseCases['backup.restore'].summary[l])
      .argument('<backup>', tr(l, 'backup.cli.arg.backup'))
      .option('--namespaces <ns,...>', tr(l, 'backup.cli.restore.flag.namespaces'), splitList, [] as string[])
      .option('--app <app>', tr(l, 'backup.cli.restore.flag.app'))
      .option(
        '--namespace-mapping <old=new>',
        tr(l, 'backup.cli.restore.flag.mapping'),
        splitList,
        [] as string[],
      )
      .addOption(
        new Option('--existing <policy>', tr(l, 'backup.cli.restore.flag.existing'))
          .choices(['skip', 'update'])
          .default('skip'),
      )
      .option('--keep-node-ports', tr(l, 'backup.cli.restore.flag.keepNodePorts'))
      .option('--dry-run', tr(l, 'backup.cli.restore.flag.dryRun'))
      .option('--velero', tr(l, 'backup.cli.restore.flag.velero'))
      .option('--allow-unauthenticated', tr(l, 'backup.cli.restore.flag.allowUnauthenticated')),
  );
  withDataOptions(cmd, 'restore', l);
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} restore nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key --dry-run`,
        `${p} restore nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key --namespaces grist`,
        `${p} restore nightly --target /mnt/nfs/backups --namespace-mapping grist=grist-restored`,
        `${p} restore nightly --target /mnt/nfs/backups --app grist --dry-run`,
        `${p} restore velero-nightly-20261126 --velero --namespace-mapping grist=grist-restored`,
        `${p} restore nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key --volume-path grist/data=/srv/grist`,
      ],
      tr(l, 'backup.cli.help.restore'),
    ),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const mapping: Record<string, string> = {};
    for (const m of opts['namespaceMapping'] as string[]) {
      const [from, to] = m.split('=');
      if (!from || !to) throw new QuaiError('USAGE', msg('backup.badNamespaceMapping', { value: m }));
      mapping[from] = to;
    }
    if (opts['velero'] === true) {
      await restoreVelero(
        ctx,
        g,
        name,
        opts['namespaces'] as string[],
        mapping,
        opts['existing'] as 'skip' | 'update',
      );
      return;
    }
    const dryRun = opts['dryRun'] === true;
    await runUseCase(
      ctx,
      g,
      'backup.restore',
      {
        backup: name,
        ...targetRequest(opts, ctx),
        ...dataRequest(opts),
        namespaces: opts['namespaces'] as string[],
        ...(typeof opts['app'] === 'string' ? { app: opts['app'] } : {}),
        namespaceMapping: mapping,
        existing: opts['existing'] as 'skip' | 'update',
        dryRun,
        keepNodePorts: opts['keepNodePorts'] === true,
        allowUnauthenticated: opts['allowUnauthenticated'] === true,
        ...(typeof opts['databases'] === 'boolean' ? { databases: opts['databases'] } : {}),
      },
      (result) => {
        const c = result.counts;
        return [
          dryRun
            ? tr(l, 'backup.restoreDryHead', {
                backup: name,
                create: c['would-create'] ?? 0,
                update: c['would-update'] ?? 0,
                skip: c['would-skip'] ?? 0,
              })
            : tr(l, 'backup.restoreHead', {
                backup: name,
                id: result.restoreId,
                status: tr(l, `backup.status.${result.status}`),
                created: c.created ?? 0,
                updated: c.updated ?? 0,
                skipped: c.skipped ?? 0,
                failed: c.failed ?? 0,
                seconds: result.seconds.toFixed(1),
              }) + (result.status === 'completed' ? '' : tr(l, 'backup.restoreRetry')),
          ...result.items
            .filter((i) => i.action === 'failed')
            .map((i) =>
              paint(
                ctx.io,
                'red',
                tr(l, 'backup.cli.restore.failed', { object: i.object, reason: textOf(l, i.reason ?? '') }),
              ),
            ),
          ...(dryRun
            ? result.items
                .filter((i) => i.action === 'would-create' || i.action === 'would-update')
                .map((i) =>
                  tr(l, 'backup.cli.restore.wouldLine', {
                    action: tr(
                      l,
                      i.action === 'would-create'
                        ? 'backup.cli.restore.action.create'
                        : 'backup.cli.restore.action.update',
                    ),
                    object: i.object,
                  }),
                )
            : []),
          ...[...(result.data?.volumes ?? []), ...(result.data?.databases ?? [])].map((d) => {
            const what =
              'claim' in d
                ? tr(l, 'backup.cli.restore.volume', { claim: d.claim })
                : tr(l, 'backup.cli.restore.database', { database: d.database });
            return d.reason
              ? tr(l, 'backup.cli.restore.dataLineReason', {
                  what,
                  action: state(l, d.action),
                  reason: textOf(l, d.reason),
                })
              : tr(l, 'backup.cli.restore.dataLine', { what, action: state(l, d.action) });
          }),
          ...result.warnings.map((w) => `  ${tr(l, 'backup.cli.note', { note: textOf(l, w) })}`),
        ].join('\n');
      },
    );
  });
  return cmd;
}

export const backupCommands: readonly CommandModule[] = [
  {
    name: 'backup',
    register(parent, ctx) {
      const b = parent
        .command('backup')
        .description(tr(ctx.lang, 'backup.cli.group'))
        .hook('preAction', quietAwsSdk);
      for (const c of [
        createCommand(ctx),
        listCommand(ctx),
        describeCommand(ctx),
        deleteCommand(ctx),
        pruneCommand(ctx),
        drillCommand(ctx).addCommand(drillListCommand(ctx, { targetOf, withTarget })),
        keyCommand(ctx),
        logsCommand(ctx, { targetOf, withTarget }),
        scheduleCommand(ctx),
      ])
        b.addCommand(c);
    },
  },
  {
    name: 'restore',
    register: (parent, ctx) => parent.addCommand(restoreCommand(ctx).hook('preAction', quietAwsSdk)),
  },
];
