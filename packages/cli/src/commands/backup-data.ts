// The volume data and database dump flags of `backup create`, `restore` and `backup drill`.
import { Option, type Command } from 'commander';
import * as backup from '@quai/core/backup';
import * as model from '@quai/core/model';
import { tr, type DatabaseBackup, type Lang } from '@quai/contracts';
import type { CommandContext } from '../context.js';

type Kind = 'create' | 'restore' | 'drill';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function withDataOptions(cmd: Command, kind: Kind, l: Lang): Command {
  cmd
    .addOption(
      new Option(
        '--volumes <mode>',
        tr(
          l,
          kind === 'create' ? 'backup.cli.data.flag.volumesCreate' : 'backup.cli.data.flag.volumesRestore',
        ),
      ).choices(['restic', 'none']),
    )
    .option('--volume-path <claim=path>', tr(l, 'backup.cli.data.flag.volumePath'), collect, [] as string[])
    .addOption(
      new Option('--mover <where>', tr(l, 'backup.cli.data.flag.mover'))
        .choices(['local', 'job'])
        .default('local'),
    )
    .option(
      '--mover-image <image>',
      tr(l, 'backup.cli.data.flag.moverImage', { image: backup.volumes.DEFAULT_MOVER_IMAGE }),
    );
  if (kind === 'create') {
    cmd.option('--app-spec <file>', tr(l, 'backup.cli.data.flag.appSpec'), collect, [] as string[]);
  }
  if (kind === 'restore') {
    cmd.option('--databases', tr(l, 'backup.cli.data.flag.databases'));
  }
  cmd.option(
    '--no-databases',
    tr(l, kind === 'create' ? 'backup.cli.data.flag.noDatabasesCreate' : 'backup.cli.data.flag.noDatabases'),
  );
  return cmd;
}

/** The S3 flags of every command that takes --target. */
export function withS3Options(cmd: Command, l: Lang = 'en'): Command {
  return cmd
    .option('--s3-endpoint <url>', tr(l, 'backup.flag.s3Endpoint'))
    .option('--s3-region <region>', tr(l, 'backup.flag.s3Region'))
    .option('--s3-path-style', tr(l, 'backup.flag.s3PathStyle'))
    .option('--no-s3-path-style', tr(l, 'backup.flag.noS3PathStyle'))
    .option('--s3-profile <name>', tr(l, 'backup.flag.s3Profile'));
}

/** Where --target points (the backups, and the restic repository beside them), and how to reach it. */
export function repositoryOf(
  opts: Record<string, unknown>,
  ctx: CommandContext,
): Promise<backup.volumes.RepositoryPlace> {
  const where = (opts['target'] as string | undefined) ?? ctx.env['QUAI_BACKUP_TARGET'] ?? '';
  const str = (k: string): string | undefined =>
    typeof opts[k] === 'string' && opts[k] !== '' ? opts[k] : undefined;
  return backup.resolvePlace(
    where,
    {
      endpoint: str('s3Endpoint'),
      region: str('s3Region'),
      pathStyle: typeof opts['s3PathStyle'] === 'boolean' ? opts['s3PathStyle'] : undefined,
      profile: str('s3Profile'),
    },
    ctx.env,
  );
}

/** The databases app specs declare (spec.backup.databases), each with the namespace its app runs in. */
export async function appSpecDatabases(
  files: readonly string[],
): Promise<(DatabaseBackup & { readonly namespace: string })[]> {
  const out: (DatabaseBackup & { readonly namespace: string })[] = [];
  for (const file of files) {
    const spec = (await model.loadAppSpec(file)).value;
    const namespace = spec.spec.namespace ?? spec.metadata.name;
    for (const d of spec.spec.backup?.databases ?? []) out.push({ ...d, namespace });
  }
  return out;
}

/**
 * After `backup delete` or `prune`: forgets the restic snapshots of the deleted backups (with the
 * key), or says how to. Returns the lines to print.
 */
export async function forgetData(
  opts: Record<string, unknown>,
  ctx: CommandContext,
  key: backup.BackupKey | undefined,
  indexes: readonly backup.BackupIndex[],
): Promise<string[]> {
  const withData = indexes.filter((i) => (i.volumes ?? []).length + (i.databases ?? []).length > 0);
  if (withData.length === 0) return [];
  const place = await repositoryOf(opts, ctx);
  if (key === undefined) {
    return [
      tr(ctx.lang, 'backup.cli.data.snapshotsRemain', { backups: withData.map((i) => i.name).join(', ') }),
    ];
  }
  const repository = backup.volumes.resticRepository(place, key);
  let n = 0;
  for (const i of withData) n += await backup.forgetBackup(repository, i);
  return [tr(ctx.lang, 'backup.cli.data.forgotten', { count: n, url: repository.url })];
}
