import { parseS3Url, S3Target } from './s3.js';
import { DirectoryTarget, type StorageTarget } from './target.js';
import type { RepositoryPlace } from './volumes/restic.js';

/** How to reach an S3 target: endpoint, region and a credential pair (else the SDK's own chain). */
export interface S3Settings {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
}

/** Where a target URL points: a folder, or a bucket and prefix with how to reach them. */
export function placeOfUrl(where: string, s3: S3Settings = {}): RepositoryPlace {
  if (!where.startsWith('s3://')) return { kind: 'directory', root: new DirectoryTarget(where).root };
  const { bucket, prefix } = parseS3Url(where);
  const { endpoint, region, accessKeyId, secretAccessKey } = s3;
  return {
    kind: 's3',
    bucket,
    prefix,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : {}),
  };
}

/** The storage target of a place: backups and the restic repository share it. */
export function targetOfPlace(place: RepositoryPlace): StorageTarget {
  if (place.kind === 'directory') return new DirectoryTarget(place.root);
  const { kind: _kind, ...s3 } = place;
  return new S3Target(s3);
}
