import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { parseS3Url, S3Target } from './s3.js';
import { DirectoryTarget, type StorageTarget } from './target.js';
import { resticRunner, type RepositoryPlace } from './volumes/restic.js';

/** How to reach an S3 target: endpoint, region, addressing and credentials. */
export interface S3Settings {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  /** Path-style addressing; default: with a custom endpoint (MinIO, Ceph...), not on AWS. */
  readonly pathStyle?: boolean | undefined;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  readonly sessionToken?: string | undefined;
}

/** Where a target URL points: a folder, or a bucket and prefix with how to reach them. */
export function placeOfUrl(where: string, s3: S3Settings = {}): RepositoryPlace {
  if (!where.startsWith('s3://')) return { kind: 'directory', root: new DirectoryTarget(where).root };
  const { bucket, prefix } = parseS3Url(where);
  const { endpoint, region, pathStyle, accessKeyId, secretAccessKey, sessionToken } = s3;
  return {
    kind: 's3',
    bucket,
    prefix,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(pathStyle !== undefined ? { pathStyle } : {}),
    ...(accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : {}),
    ...(accessKeyId && secretAccessKey && sessionToken ? { sessionToken } : {}),
  };
}

/** The storage target of a place: backups and the restic repository share it. */
export function targetOfPlace(place: RepositoryPlace): StorageTarget {
  if (place.kind === 'directory') return new DirectoryTarget(place.root);
  const { kind: _kind, ...s3 } = place;
  return new S3Target(s3);
}

export interface S3CredentialSources {
  /** The environment to read (the front end's): AWS_ACCESS_KEY_ID, AWS_PROFILE, HOME... */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A profile of the shared AWS files; default AWS_PROFILE, else "default". */
  readonly profile?: string | undefined;
}

/**
 * S3 credentials as the AWS tools find them, without asking any metadata service: the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), else a profile of
 * the shared files (~/.aws/credentials and ~/.aws/config, or AWS_SHARED_CREDENTIALS_FILE and
 * AWS_CONFIG_FILE; AWS_PROFILE or "default"), which may assume a role or run a process. None
 * found is STORAGE_CREDENTIALS_MISSING, naming what was looked at.
 */
export async function resolveS3Credentials(
  sources: S3CredentialSources,
): Promise<Required<Pick<S3Settings, 'accessKeyId' | 'secretAccessKey'>> & Pick<S3Settings, 'sessionToken'>> {
  const env = sources.env;
  const id = env['AWS_ACCESS_KEY_ID'];
  const secret = env['AWS_SECRET_ACCESS_KEY'];
  if (id && secret) {
    return {
      accessKeyId: id,
      secretAccessKey: secret,
      ...(env['AWS_SESSION_TOKEN'] ? { sessionToken: env['AWS_SESSION_TOKEN'] } : {}),
    };
  }
  const profile = sources.profile ?? env['AWS_PROFILE'] ?? 'default';
  const home = env['HOME'] ?? '';
  const filepath = env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(home, '.aws', 'credentials');
  const configFilepath = env['AWS_CONFIG_FILE'] ?? join(home, '.aws', 'config');
  try {
    const c = await fromIni({ profile, filepath, configFilepath, ignoreCache: true })();
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    };
  } catch (error) {
    const explicit = sources.profile !== undefined || env['AWS_PROFILE'] !== undefined;
    throw new QuaiError(
      'STORAGE_CREDENTIALS_MISSING',
      explicit
        ? msg('backup.s3NoProfile', {
            profile,
            file: filepath,
            config: configFilepath,
            reason: error instanceof Error ? error.message : String(error),
          })
        : msg('backup.s3NoCredentials', { file: filepath, profile }),
      { hint: msg('backup.s3NoCredentialsHint'), cause: error },
    );
  }
}

/** How a front end names an S3 target's settings (flags or a request body). */
export interface S3Flags {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly pathStyle?: boolean | undefined;
  readonly profile?: string | undefined;
}

/** `true`/`false` (and 1/0, yes/no) from an environment variable; undefined when unset or empty. */
function envFlag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new QuaiError('USAGE', msg('backup.badEnvFlag', { name, value }));
}

/**
 * Where a target is and how to reach it: for S3, the endpoint, region and address style (the
 * flags, else QUAI_S3_ENDPOINT, AWS_REGION or AWS_DEFAULT_REGION, QUAI_S3_PATH_STYLE) and the
 * credentials (AWS_ACCESS_KEY_ID..., else a profile), all from the environment the front end
 * hands over; and how restic runs on this machine (QUAI_RESTIC, PATH, HOME, its cache), from the
 * same environment.
 */
export async function resolvePlace(
  target: string,
  flags: S3Flags | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<RepositoryPlace> {
  const runner = resticRunner(env);
  if (!target.startsWith('s3://')) return { ...placeOfUrl(target), runner };
  const credentials = await resolveS3Credentials({ env, profile: flags?.profile });
  const place = placeOfUrl(target, {
    endpoint: flags?.endpoint ?? env['QUAI_S3_ENDPOINT'],
    region: flags?.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'],
    pathStyle: flags?.pathStyle ?? envFlag(env['QUAI_S3_PATH_STYLE'], 'QUAI_S3_PATH_STYLE'),
    ...credentials,
  });
  return { ...place, runner };
}
