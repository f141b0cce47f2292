import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { backup, QuaiError } from '@quai/core';
import { duration, globalOptions, withClient, type CommandContext } from '../context.js';
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
import {
  dataOptionsOf,
  forgetData,
  quietAwsSdk,
  repositoryOf,
  withDataOptions,
  withS3Options,
} from './backup-data.js';
import type { CommandModule } from './types.js';

async function targetOf(opts: Record<string, unknown>, ctx: CommandContext): Promise<backup.StorageTarget> {
  const where = (opts['target'] as string | undefined) ?? ctx.env['QUAI_BACKUP_TARGET'];
  if (where === undefined || where === '') {
    throw new QuaiError('USAGE', 'No backup target given.', {
      hint: 'Pass --target DIR (local disk or NFS mount) or --target s3://BUCKET/PREFIX, or set QUAI_BACKUP_TARGET.',
    });
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
    onWarning: (m) => ctx.io.err.write(`warning: ${m}\n`),
  });
}

function withTarget(cmd: Command): Command {
  return withS3Options(
    cmd.option(
      '--target <where>',
      'backup location: a folder (local disk or NFS mount) or s3://BUCKET/PREFIX (or $QUAI_BACKUP_TARGET)',
    ),
  )
    .option('--key-file <file>', 'encryption key (or $QUAI_BACKUP_KEY_FILE); see `quai backup key create`')
    .option(
      '--strict-key-permissions',
      'refuse a key file its group or others may read (default: a warning; or $QUAI_STRICT_KEY_PERMISSIONS=1)',
    );
}

/** Writes a file the user named (a drill report): a bad path is an input error naming it. */
async function writeUserFile(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw backup.fileError(error, 'write', file);
  }
}

function splitList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter((v) => v !== '')];
}

function createCommand(ctx: CommandContext): Command {
  const cmd = withTarget(
    new Command('create')
      .description('Back up namespaces (objects and the cluster-scoped objects they depend on)')
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
      throw new QuaiError('USAGE', 'No backup name given.', {
        hint: 'Pass a NAME, or --from-schedule SCHEDULE.',
      });
    const app = typeof opts['app'] === 'string' ? opts['app'] : undefined;
    let namespaces =
      (opts['namespaces'] as string[]).length > 0
        ? (opts['namespaces'] as string[])
        : g.namespace
          ? [g.namespace]
          : [];
    const selectors = typeof opts['selector'] === 'string' ? [opts['selector']] : [];
    if (app !== undefined) {
      if (namespaces.length === 0) {
        const scope = await withClient(ctx, g, (client) => backup.appScope(client, app, ctx.signal));
        namespaces = [...scope.namespaces];
        if (scope.labelSelector !== undefined) selectors.push(scope.labelSelector);
      } else {
        selectors.push(`${backup.APP_LABEL}=${app}`);
      }
    }
    if (namespaces.length === 0)
      throw new QuaiError('USAGE', 'No namespace to back up.', {
        hint: 'Pass -n NAMESPACE, --namespaces a,b or --app APP.',
      });
    if (opts['velero'] === true) {
      await createVelero(ctx, g, name, namespaces, opts);
      return;
    }
    const key = await keyOf(opts, ctx);
    if (key === undefined && opts['encryption'] !== false) {
      throw new QuaiError('USAGE', 'Backups are encrypted: no key given.', {
        hint: 'Pass --key-file FILE (create one with `quai backup key create FILE`), or --no-encryption to store in clear without Secrets.',
      });
    }
    const progress = new Progress(ctx.io);
    const target = await targetOf(opts, ctx);
    const data = await dataOptionsOf(opts, ctx, 'create', key !== undefined, progress);
    if (data === undefined && opts['volumes'] === undefined && key === undefined)
      progress.step('No key: volume data and database dumps are left out (--volumes none)');
    const index = await withClient(ctx, g, (client) =>
      backup.createBackupWithLog(client, target, {
        name,
        ...(data ? { data } : {}),
        namespaces,
        ...(selectors.length > 0 ? { labelSelector: selectors.join(',') } : {}),
        clusterResources: opts['includeClusterResources'] as 'auto' | 'yes' | 'no',
        ...(key ? { key } : {}),
        signal: ctx.signal,
        onProgress: (m) => progress.step(m),
      }),
    );
    const total = Object.values(index.counts).reduce((a, b) => a + b, 0);
    print(ctx.io, g.output, index, () =>
      [
        `Backup ${index.name}: ${index.status}, ${total} objects from ${index.namespaces.join(', ')}, ${index.encryption === 'none' ? 'not encrypted' : `encrypted (key ${index.encryption.keyId})`}`,
        ...(index.volumes ?? []).map(
          (v) =>
            `  volume ${v.namespace}/${v.pvc}: ${v.status}${v.snapshot ? ` (snapshot ${v.snapshot}, ${((v.bytes ?? 0) / 1e6).toFixed(1)} MB, ${((v.bytesAdded ?? 0) / 1e6).toFixed(1)} MB new)` : ''}`,
        ),
        ...(index.databases ?? []).map(
          (d) =>
            `  database ${d.namespace}/${d.name}: ${d.status}${d.snapshot ? ` (${d.engine} dump, ${((d.bytes ?? 0) / 1e6).toFixed(1)} MB, snapshot ${d.snapshot})` : ''}`,
        ),
        ...index.warnings.map((w) => `  warning: ${w}`),
        ...index.errors.map((e) => `  error: ${e}`),
      ].join('\n'),
    );
    if (index.status !== 'completed') ctx.setExitCode(1);
  });
  return cmd;
}

function listCommand(ctx: CommandContext): Command {
  const cmd = withTarget(
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
  const cmd = withTarget(
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
  const cmd = withTarget(
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
  const cmd = withTarget(
    new Command('drill')
      .description('Prove a backup: restore it into scratch namespaces, check it, time it, clean up')
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
    const key = await keyOf(opts, ctx);
    const progress = new Progress(ctx.io);
    const schedule = opts['schedule'] as string | undefined;
    if ((schedule === undefined) === (arg === undefined))
      throw new QuaiError('USAGE', 'Name one backup, or --schedule SCHEDULE (not both).');
    const report = await withClient(ctx, g, async (client) => {
      const common = {
        keep: opts['keep'] === true,
        timeoutMs: opts['timeout'] as number,
        signal: ctx.signal,
        onStep: (m: string) => progress.step(m),
      };
      if (schedule === undefined) {
        const data = await dataOptionsOf(opts, ctx, 'drill', key !== undefined, progress);
        return backup.drillAndRecord(client, await targetOf(opts, ctx), arg ?? '', {
          ...(key ? { key } : {}),
          ...(opts['allowUnauthenticated'] === true ? { allowUnauthenticated: true } : {}),
          ...(data ? { data } : {}),
          ...common,
        });
      }
      const s = await new backup.ScheduleStore(client).get(schedule, ctx.signal);
      const r = await backup.drillSchedule(client, s, { ...common, env: ctx.env });
      if (r === undefined)
        throw new QuaiError('CONFLICT', `A drill of schedule "${schedule}" is running elsewhere.`, {
          hint: 'Wait for it, then see `quai backup drill list`.',
        });
      return r;
    });
    const name = report.backup;
    if (typeof opts['report'] === 'string')
      await writeUserFile(opts['report'], `${JSON.stringify(report, null, 2)}\n`);
    print(ctx.io, g.output, report, () =>
      [
        `Drill of ${name}: ${report.status === 'pass' ? paint(ctx.io, 'green', 'PASS') : paint(ctx.io, 'red', 'FAIL')}, recovery time ${report.recoverySeconds}s`,
        ...report.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
        report.cleanedUp
          ? '  scratch namespaces deleted'
          : `  kept: ${Object.values(report.scratchNamespaces).join(', ')}`,
      ].join('\n'),
    );
    if (report.status !== 'pass') ctx.setExitCode(1);
  });
  return cmd;
}

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new QuaiError('USAGE', `Expected a whole number, got "${v}".`);
  return n;
}

function pruneCommand(ctx: CommandContext): Command {
  const cmd = withTarget(
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
        throw new QuaiError('ALREADY_EXISTS', `${file} exists already: a key is never overwritten.`, {
          hint: 'Choose another file name.',
        });
      }
      throw backup.fileError(error, 'write the key file', file);
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
  const cmd = withTarget(
    new Command('restore')
      .description('Restore a backup: in dependency order, existing objects skipped (or updated)')
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
      if (!from || !to) throw new QuaiError('USAGE', `--namespace-mapping takes old=new, got "${m}".`);
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
    const key = await keyOf(opts, ctx);
    const progress = new Progress(ctx.io);
    const target = await targetOf(opts, ctx);
    const namespaces = opts['namespaces'] as string[];
    const data = await dataOptionsOf(opts, ctx, 'restore', key !== undefined, progress);
    const result = await withClient(ctx, g, (client) =>
      backup.restoreBackup(client, target, name, {
        ...(key ? { key } : {}),
        ...(opts['allowUnauthenticated'] === true ? { allowUnauthenticated: true } : {}),
        ...(data ? { data, onStep: (m: string) => progress.step(m) } : {}),
        ...(namespaces.length > 0 ? { namespaces } : {}),
        ...(typeof opts['app'] === 'string' ? { app: opts['app'] } : {}),
        namespaceMapping: mapping,
        existing: opts['existing'] as 'skip' | 'update',
        dryRun: opts['dryRun'] === true,
        keepNodePorts: opts['keepNodePorts'] === true,
        signal: ctx.signal,
        onProgress: (done, total) => progress.status(`${done}/${total} objects`),
      }),
    );
    const c = result.counts;
    print(ctx.io, g.output, result, () =>
      [
        opts['dryRun'] === true
          ? `Restore of ${name} (dry run): ${c['would-create']} to create, ${c['would-update']} to update, ${c['would-skip']} to skip (they exist)`
          : `Restore of ${name} (id ${result.restoreId}): ${result.status}, ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed in ${result.seconds.toFixed(1)}s${result.status === 'completed' ? '' : '; run it again to retry (it resumes)'}`,
        ...result.items
          .filter((i) => i.action === 'failed')
          .map((i) => paint(ctx.io, 'red', `  failed: ${i.object}: ${i.reason ?? ''}`)),
        ...(opts['dryRun'] === true
          ? result.items
              .filter((i) => i.action !== 'would-skip')
              .map((i) => `  ${i.action.replace('would-', '')}: ${i.object}`)
          : []),
        ...[...(result.data?.volumes ?? []), ...(result.data?.databases ?? [])].map(
          (d) =>
            `  ${'claim' in d ? `volume ${d.claim}` : `database ${d.database}`}: ${d.action}${d.reason ? `: ${d.reason}` : ''}`,
        ),
        ...result.warnings.map((w) => `  note: ${w}`),
      ].join('\n'),
    );
    if (result.status !== 'completed') ctx.setExitCode(1);
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
