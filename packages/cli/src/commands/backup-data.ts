// The volume data and database dump flags of `backup create`, `restore` and `backup drill`.
import { Option, type Command } from 'commander';
import { backup, model, QuaiError } from '@quai/core';
import { tr, type DatabaseBackup, type Lang } from '@quai/contracts';
import type { CommandContext } from '../context.js';
import type { Progress } from '../progress.js';

type Kind = 'create' | 'restore' | 'drill';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function withDataOptions(cmd: Command, kind: Kind): Command {
  cmd
    .addOption(
      new Option(
        '--volumes <mode>',
        kind === 'create'
          ? 'volume data: restic (default with a key) or none'
          : 'restore volume data with restic (default when the backup has some), or none',
      ).choices(['restic', 'none']),
    )
    .option(
      '--volume-path <claim=path>',
      "where a claim's data is on this machine: CLAIM=/path or NAMESPACE/CLAIM=/path (repeatable)",
      collect,
      [] as string[],
    )
    .addOption(
      new Option('--mover <where>', 'run restic here (local) or in a Job next to the volume (job)')
        .choices(['local', 'job'])
        .default('local'),
    )
    .option(
      '--mover-image <image>',
      `image of the mover Job (default ${backup.volumes.DEFAULT_MOVER_IMAGE})`,
    );
  if (kind === 'create') {
    cmd.option(
      '--app-spec <file>',
      'app spec whose backup.databases are dumped (repeatable)',
      collect,
      [] as string[],
    );
  }
  if (kind === 'restore') {
    cmd.option(
      '--databases',
      'restore the dumps (and volume data) into namespaces that exist already, overwriting live data',
    );
  }
  cmd.option(
    '--no-databases',
    kind === 'create' ? 'do not dump the declared databases' : 'leave the databases alone',
  );
  return cmd;
}

/** `true`/`false` (and 1/0, yes/no) from an environment variable; undefined when unset or empty. */
function envFlag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new QuaiError('USAGE', `${name} must be true or false, got "${value}".`);
}

/**
 * The AWS SDK warns on Node 20 that its future releases will need Node 22: nothing a user of
 * Quai can act on (Quai supports Node 20), so it is silenced, unless the user set the variable.
 */
export function quietAwsSdk(): void {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
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

/**
 * Where --target points (the backups, and the restic repository beside them), and how to reach
 * it: for S3, the endpoint, region, addressing style and credentials (the environment's
 * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else an AWS profile), resolved once here.
 */
export async function repositoryOf(
  opts: Record<string, unknown>,
  ctx: CommandContext,
): Promise<backup.volumes.RepositoryPlace> {
  const where = (opts['target'] as string | undefined) ?? ctx.env['QUAI_BACKUP_TARGET'] ?? '';
  if (!where.startsWith('s3://')) return backup.placeOfUrl(where);
  const str = (k: string): string | undefined =>
    typeof opts[k] === 'string' && opts[k] !== '' ? opts[k] : undefined;
  const credentials = await backup.resolveS3Credentials({ env: ctx.env, profile: str('s3Profile') });
  return backup.placeOfUrl(where, {
    endpoint: str('s3Endpoint') ?? ctx.env['QUAI_S3_ENDPOINT'],
    region: str('s3Region') ?? ctx.env['AWS_REGION'] ?? ctx.env['AWS_DEFAULT_REGION'],
    pathStyle:
      typeof opts['s3PathStyle'] === 'boolean'
        ? opts['s3PathStyle']
        : envFlag(ctx.env['QUAI_S3_PATH_STYLE'], 'QUAI_S3_PATH_STYLE'),
    ...credentials,
  });
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

function megabytes(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

/**
 * The data options of a command, or undefined when there is nothing to do. `create` without a
 * key backs up no volume data (restic's password comes from the key) and says so.
 */
export async function dataOptionsOf(
  opts: Record<string, unknown>,
  ctx: CommandContext,
  kind: Kind,
  hasKey: boolean,
  progress: Progress,
): Promise<Omit<backup.DataRestoreOptions, 'key'> | undefined> {
  const asked = opts['volumes'] as 'restic' | 'none' | undefined;
  const volumes = asked ?? (hasKey && kind !== 'drill' ? 'restic' : 'none');
  if (asked === 'restic' && !hasKey) {
    throw new QuaiError(
      'USAGE',
      'Volume data needs the backup key (the restic repository password comes from it).',
      {
        hint: 'Pass --key-file FILE, or --volumes none.',
      },
    );
  }
  const mover = opts['mover'] as backup.volumes.MoverKind;
  const image = opts['moverImage'] as string | undefined;
  const paths = backup.volumes.parseVolumePaths(opts['volumePath'] as string[]);
  const databases =
    kind === 'create' && opts['databases'] !== false
      ? (await appSpecDatabases((opts['appSpec'] as string[] | undefined) ?? [])).map((d) =>
          backup.databaseDeclaration(d.namespace, d),
        )
      : [];
  if (databases.length > 0 && !hasKey) {
    throw new QuaiError(
      'USAGE',
      'Database dumps need the backup key (they go to the encrypted restic repository).',
      {
        hint: 'Pass --key-file FILE, or --no-databases.',
      },
    );
  }
  if (volumes === 'none' && databases.length === 0 && (kind === 'create' || opts['databases'] === false))
    return undefined;
  if (!hasKey) return undefined;
  const repository = await repositoryOf(opts, ctx);
  if (mover === 'job' && repository.kind === 'directory') {
    throw new QuaiError(
      'USAGE',
      'The in-cluster mover (--mover job) needs an S3 target: a Job cannot write to a folder of this machine.',
      {
        hint: 'Use --mover local (the default), with --volume-path CLAIM=/path where the volume is not found; or an s3:// target.',
      },
    );
  }
  let shown = -1;
  return {
    repository,
    ...(volumes === 'restic'
      ? {
          volumes: {
            mover,
            paths,
            ...(image ? { image } : {}),
            onProgress: (p: backup.volumes.VolumeProgress) => {
              const pct = Math.floor(p.percent * 100);
              if (pct === shown) return;
              shown = pct;
              progress.status(
                `${p.claim}: ${pct}% (${megabytes(p.bytesDone)} of ${megabytes(p.totalBytes)})`,
              );
            },
          },
        }
      : {}),
    ...(databases.length > 0 ? { databases, databaseMover: mover } : {}),
    ...(kind !== 'create' && opts['databases'] === false ? { restoreDatabases: false } : {}),
    ...(kind === 'restore' && opts['databases'] === true ? { overwriteLive: true } : {}),
  };
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
      `note: the restic snapshots of ${withData.map((i) => i.name).join(', ')} remain; forget them with the key (docs/backup.md, "restic by hand")`,
    ];
  }
  const repository = backup.volumes.resticRepository(place, key);
  let n = 0;
  for (const i of withData) n += await backup.forgetBackup(repository, i);
  return [`${n} restic snapshot(s) forgotten; \`restic -r ${repository.url} prune\` reclaims their space`];
}
