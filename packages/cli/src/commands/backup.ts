import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { msg, t, tr, USE_CASES, type Lang } from '@quai/contracts';
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
import { forgetData, quietAwsSdk, repositoryOf, withDataOptions, withS3Options } from './backup-data.js';
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
    onWarning: (w) => ctx.io.err.write(`warning: ${t(ctx.lang, w.message)} ${t(ctx.lang, w.hint)}\n`),
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

function megabytes(n: number | undefined): string {
  return ((n ?? 0) / 1e6).toFixed(1);
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
  const cmd = withTargetIn(
    ctx.lang,
    new Command('create')
      .description(USE_CASES['backup.create'].summary[ctx.lang])
      .argument('[name]', 'backup name (letters, digits, -); not with --from-schedule')
      .option(
        '--namespaces <ns,...>',
        'namespaces to back up (repeatable; default: -n)',
        splitList,
        [] as string[],
      )
      .option(
        '--app <app>',
        'back up an app deployed by `quai apply`: the namespaces holding it (narrowed by its label where shared)',
      )
      .option('-l, --selector <selector>', 'only objects with these labels')
      .addOption(
        new Option('--include-cluster-resources <mode>', 'cluster-scoped dependencies')
          .choices(['auto', 'yes', 'no'])
          .default('auto'),
      )
      .option('--no-encryption', 'store in clear (Secrets are then left out)')
      .option(
        '--from-schedule <schedule>',
        "run the schedule's backup in the cluster now (a Job from its CronJob)",
      )
      .option('--wait', 'with --from-schedule or --velero: follow the backup until it ends, with progress')
      .option('--velero', 'create a Velero Backup object instead (Velero does the work)'),
  );
  withDataOptions(cmd, 'create');
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} backup key create /etc/quai/backup.key
  ${ctx.programName} backup create --from-schedule nightly --wait
  ${ctx.programName} backup create grist-before-upgrade -n grist --velero --wait
  ${ctx.programName} backup create grist-2026-11-26 -n grist --target /mnt/nfs/backups --key-file /etc/quai/backup.key
  ${ctx.programName} backup create grist-before-upgrade --app grist --target /mnt/nfs/backups
  ${ctx.programName} backup create nightly --namespaces grist,joplin,annuaire --target /mnt/nfs/backups
  ${ctx.programName} backup create nightly -n grist --target s3://backups/quai --s3-endpoint https://s3.cd49.local
  ${ctx.programName} backup create nightly -n grist --target /mnt/nfs/backups --volume-path grist/data=/srv/grist --app-spec grist/quai.yaml
  ${ctx.programName} backup create nightly -n grist --target s3://backups/quai --mover job --mover-image registry.cd49.local/restic:0.17.3

Encrypted with AES-256-GCM by default (a key is required); the backup becomes visible only once
complete. Volume data goes to a restic repository on the same target (password derived from the
key); a claim no mover can reach is listed as unreachable and fails the backup, never skipped in
silence. Databases declared in an app spec (spec.backup.databases) are dumped first.
--from-schedule runs in the cluster with the schedule's settings; --wait then follows the Job
and prints the backup's log.`,
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
    const l = ctx.lang;
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
          ...(index.volumes ?? []).map(
            (v) =>
              `  volume ${v.namespace}/${v.pvc}: ${v.status}${v.snapshot ? ` (snapshot ${v.snapshot}, ${megabytes(v.bytes)} MB, ${megabytes(v.bytesAdded)} MB new)` : ''}`,
          ),
          ...(index.databases ?? []).map(
            (d) =>
              `  database ${d.namespace}/${d.name}: ${d.status}${d.snapshot ? ` (${d.engine} dump, ${megabytes(d.bytes)} MB, snapshot ${d.snapshot})` : ''}`,
          ),
          ...index.warnings.map((w) => `  warning: ${w}`),
          ...index.errors.map((e) => `  error: ${e}`),
        ].join('\n'),
    );
  });
  return cmd;
}

function listCommand(ctx: CommandContext): Command {
  const cmd = withTargetIn(
    ctx.lang,
    new Command('list')
      .description('List the backups of a target')
      .option('--velero', "also list Velero's backups (velero.io/v1), marked VELERO"),
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup list --target /mnt/nfs/backups\n  ${ctx.programName} backup list --target s3://backups/quai --s3-endpoint https://s3.cd49.local --s3-profile cd49\n  ${ctx.programName} backup list --target /mnt/nfs/backups --velero\n\nS3 credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else the profile of --s3-profile (or\nAWS_PROFILE) in ~/.aws/credentials. Endpoint: --s3-endpoint or QUAI_S3_ENDPOINT.`,
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
        ['NAME', 'STATUS', 'COMPLETED', 'NAMESPACES', 'OBJECTS', 'ENCRYPTION'],
        [
          ...all.map((b) => [
            b.name,
            b.status,
            b.completedAt,
            b.namespaces.join(','),
            String(Object.values(b.counts).reduce((a, c) => a + c, 0)),
            b.encryption === 'none' ? 'none' : b.encryption.keyId,
          ]),
          ...veleroRows(velero),
        ],
      ),
    );
  });
  return cmd;
}

function describeCommand(ctx: CommandContext): Command {
  const cmd = withTargetIn(
    ctx.lang,
    new Command('describe')
      .description('Show what a backup holds')
      .argument('<name>', 'backup name')
      .option('--velero', 'describe a Velero backup (velero.io/v1) instead')
      .option(
        '--allow-unauthenticated',
        'with --key-file: show a backup whose index cannot be authenticated',
      ),
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup describe nightly --target /mnt/nfs/backups\n  ${ctx.programName} backup describe nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key\n  ${ctx.programName} backup describe velero-nightly-20261126 --velero\n\nWith --key-file the index is authenticated first: an edited index is refused (BACKUP_ALTERED).`,
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
        ? 'not authenticated (stored without a key)'
        : index.format < 3
          ? `not authenticated (format ${index.format})`
          : trust?.authenticated === true
            ? 'authenticated with the key'
            : 'not checked (pass --key-file to authenticate the index)';
    print(ctx.io, g.output, { ...index, integrity }, () =>
      [
        `Backup ${index.name} (${index.status}), format ${index.format}${index.id ? `, id ${index.id}` : ''}, by ${index.createdBy} from ${index.cluster}`,
        `Integrity: ${integrity}`,
        `Started ${index.startedAt}, completed ${index.completedAt}`,
        `Namespaces: ${index.namespaces.join(', ')}; cluster resources: ${index.clusterResources ? 'yes' : 'no'}; encryption: ${index.encryption === 'none' ? 'none' : `aes-256-gcm, key ${index.encryption.keyId}`}`,
        '',
        table(
          ['KIND', 'OBJECTS'],
          Object.entries(index.counts).map(([k, n]) => [k, String(n)]),
        ),
        ...(index.volumes ?? []).map(
          (v) =>
            `volume ${v.namespace}/${v.pvc}: ${v.status}${v.snapshot ? `, restic snapshot ${v.snapshot} of ${v.path ?? ''} (${v.mover ?? 'local'} mover)` : ''}${v.reason ? `: ${v.reason}` : ''}`,
        ),
        ...(index.databases ?? []).map(
          (d) =>
            `database ${d.namespace}/${d.name}: ${d.status}, ${d.engine} ${d.user}@${d.host}:${d.port}/${d.database}${d.snapshot ? `, snapshot ${d.snapshot} file ${d.file ?? ''} sha256 ${d.sha256 ?? 'n/a'}` : ''}${d.reason ? `: ${d.reason}` : ''}`,
        ),
        ...index.warnings.map((w) => `warning: ${w}`),
        ...index.errors.map((e) => `error: ${e}`),
      ].join('\n'),
    );
  });
  return cmd;
}

function deleteCommand(ctx: CommandContext): Command {
  const cmd = withTargetIn(
    ctx.lang,
    new Command('delete').description('Delete a backup').argument('<name>', 'backup name'),
  );
  cmd.addHelpText(
    'after',
    `\nExample:\n  ${ctx.programName} backup delete nightly-2026-01-01 --target /mnt/nfs/backups`,
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const target = await targetOf(opts, ctx);
    const index = await target.readIndex(name);
    await target.delete(name);
    const notes = await forgetData(opts, ctx, await keyOf(opts, ctx), [index]);
    print(ctx.io, g.output, { deleted: name }, () => [`Deleted backup ${name}.`, ...notes].join('\n'));
  });
  return cmd;
}

function drillCommand(ctx: CommandContext): Command {
  const cmd = withTargetIn(
    ctx.lang,
    new Command('drill')
      .description(USE_CASES['backup.drill'].summary[ctx.lang])
      .argument('[name]', 'backup name (or --schedule)')
      .option('--schedule <schedule>', 'drill the newest backup of a schedule (its target and key)')
      .option('--keep', 'keep the scratch namespaces for inspection')
      .option('--timeout <duration>', 'how long workloads may take to become ready', duration(), 300_000)
      .option('--report <file>', 'also write the JSON report to this file')
      .option(
        '--allow-unauthenticated',
        'drill a backup whose index cannot be authenticated (format 1 or 2, or stored without a key)',
      ),
  );
  withDataOptions(cmd, 'drill');
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup drill nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key\n  ${ctx.programName} backup drill --schedule nightly\n  ${ctx.programName} backup drill list --target /mnt/nfs/backups\n  ${ctx.programName} backup drill nightly --target /mnt/nfs/backups --keep --report drill.json\n\nThe report is also kept beside the backup (drills/*.json); \`backup drill list\` shows them.
Exit codes: 0 pass, 1 fail.`,
  );
  cmd.action(async (arg: string | undefined, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const schedule = opts['schedule'] as string | undefined;
    if ((schedule === undefined) === (arg === undefined))
      throw new QuaiError('USAGE', msg('backup.drill.nameOrSchedule'));
    const l = ctx.lang;
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
        ...report.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
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
    const progress = new Progress(ctx.io);
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
  const cmd = withTargetIn(
    ctx.lang,
    new Command('prune')
      .description('Delete the backups a retention policy does not keep')
      .option('--keep-last <n>', 'keep the newest n backups', count)
      .option('--keep-daily <n>', 'keep the newest backup of each of the last n days', count)
      .option('--keep-weekly <n>', 'keep the newest backup of each of the last n ISO weeks', count)
      .option('--keep-monthly <n>', 'keep the newest backup of each of the last n months', count)
      .option('--dry-run', 'show what would be deleted'),
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} backup prune --target /mnt/nfs/quai --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --dry-run\n  ${ctx.programName} backup prune --target /mnt/nfs/quai --keep-last 10\n\nDays, weeks and months are counted in UTC. Partial backups go once a newer complete one exists.
Prune also removes what killed backups left (partial folders, stale locks) and, with --key-file,
the restic snapshots no backup holds; a backup being written is left alone.`,
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
    print(ctx.io, g.output, { ...decision, leftovers: leftovers.removed, orphanSnapshots: orphans }, () =>
      [
        ...decision.keep.map((k) => `keep    ${k.name} (${k.reasons.join(', ')})`),
        ...decision.remove.map((r) => `${dryRun ? 'would delete' : 'deleted'} ${r}`),
        ...notes,
        ...leftovers.removed.map((r) => `cleaned ${r}`),
        ...leftovers.writing.map((w) => `left alone ${w.name}: being written now`),
        ...(orphans > 0 ? [`${orphans} restic snapshot(s) of no backup forgotten`] : []),
      ].join('\n'),
    );
  });
  return cmd;
}

function keyCommand(ctx: CommandContext): Command {
  const key = new Command('key').description('Manage backup encryption keys');
  const create = new Command('create')
    .description('Write a new random 256-bit key to a file (mode 0600)')
    .argument('<file>', 'where to write it');
  create.addHelpText(
    'after',
    `\nExample:\n  ${ctx.programName} backup key create /etc/quai/backup.key\n\nKeep a copy outside the cluster (a vault, a safe): without it, backups cannot be restored.`,
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
    print(
      ctx.io,
      g.output,
      { file, keyId: id },
      () => `Key ${id} written to ${file} (mode 0600). Keep a copy outside the cluster.`,
    );
  });
  key.addCommand(create);
  return key;
}

function restoreCommand(ctx: CommandContext): Command {
  const cmd = withTargetIn(
    ctx.lang,
    new Command('restore')
      .description(USE_CASES['backup.restore'].summary[ctx.lang])
      .argument('<backup>', 'backup name')
      .option(
        '--namespaces <ns,...>',
        'restore only these namespaces of the backup',
        splitList,
        [] as string[],
      )
      .option('--app <app>', "restore only this app's namespaces (narrowed by its label where shared)")
      .option(
        '--namespace-mapping <old=new>',
        'restore a namespace under another name (repeatable)',
        splitList,
        [] as string[],
      )
      .addOption(
        new Option('--existing <policy>', 'objects that exist already')
          .choices(['skip', 'update'])
          .default('skip'),
      )
      .option('--keep-node-ports', 'keep Service node ports instead of letting the cluster pick new ones')
      .option('--dry-run', 'show what would be created, updated or skipped, and change nothing')
      .option('--velero', 'restore a Velero backup instead: create a Velero Restore and follow it')
      .option(
        '--allow-unauthenticated',
        'restore a backup whose index cannot be authenticated with the key (format 1 or 2, or stored without a key)',
      ),
  );
  withDataOptions(cmd, 'restore');
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} restore nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key --dry-run
  ${ctx.programName} restore nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key --namespaces grist
  ${ctx.programName} restore nightly --target /mnt/nfs/backups --namespace-mapping grist=grist-restored
  ${ctx.programName} restore nightly --target /mnt/nfs/backups --app grist --dry-run
  ${ctx.programName} restore velero-nightly-20261126 --velero --namespace-mapping grist=grist-restored
  ${ctx.programName} restore nightly --target /mnt/nfs/backups --key-file /etc/quai/backup.key --volume-path grist/data=/srv/grist

Volume data and database dumps go back after claims and Secrets, before any workload is created,
into namespaces this restore creates (or with --volume-path, --databases). Safe to run again after
an interruption: the namespaces an earlier run created are labelled with the restore's id, so the
rerun resumes there (their data restored, what was already restored not redone); what exists is
skipped, nothing is duplicated. --allow-unauthenticated restores a backup of format 1 or 2.`,
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
    const l = ctx.lang;
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
            .map((i) => paint(ctx.io, 'red', `  failed: ${i.object}: ${i.reason ?? ''}`)),
          ...(dryRun
            ? result.items
                .filter((i) => i.action !== 'would-skip')
                .map((i) => `  ${i.action.replace('would-', '')}: ${i.object}`)
            : []),
          ...[...(result.data?.volumes ?? []), ...(result.data?.databases ?? [])].map(
            (d) =>
              `  ${'claim' in d ? `volume ${d.claim}` : `database ${d.database}`}: ${d.action}${d.reason ? `: ${d.reason}` : ''}`,
          ),
          ...result.warnings.map((w) => `  note: ${w}`),
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
        .description('Back up namespaces to on-prem storage, and prove backups with drills')
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
