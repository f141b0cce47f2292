// The volume data and database dump flags of `backup create`, `restore` and `backup drill`.
import { Option, type Command } from 'commander';
import { backup, model, QuaiError } from '@quai/core';
import type { DatabaseBackup } from '@quai/contracts';
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

/** Where --target points (the backups, and the restic repository beside them), and how to reach it. */
export function repositoryOf(
  opts: Record<string, unknown>,
  ctx: CommandContext,
): backup.volumes.RepositoryPlace {
  const where = (opts['target'] as string | undefined) ?? ctx.env['QUAI_BACKUP_TARGET'] ?? '';
  return backup.placeOfUrl(where, {
    endpoint: (opts['s3Endpoint'] as string | undefined) ?? ctx.env['QUAI_S3_ENDPOINT'],
    region: ctx.env['AWS_REGION'],
    accessKeyId: ctx.env['AWS_ACCESS_KEY_ID'],
    secretAccessKey: ctx.env['AWS_SECRET_ACCESS_KEY'],
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
  let shown = -1;
  return {
    repository: repositoryOf(opts, ctx),
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
  const place = repositoryOf(opts, ctx);
  if (key === undefined) {
    return [
      `note: the restic snapshots of ${withData.map((i) => i.name).join(', ')} remain; forget them with the key (docs/backup.md, "restic by hand")`,
    ];
  }
  const repository = backup.volumes.resticRepository(place, key);
  let n = 0;
  for (const i of withData) n += await backup.forgetBackup(repository, i.name);
  return [`${n} restic snapshot(s) forgotten; \`restic -r ${repository.url} prune\` reclaims their space`];
}
