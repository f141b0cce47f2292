import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { QuaiError } from '../errors/index.js';
import { BACKUP_NAME, BackupFile, type BackupIndex } from './format.js';
import { checkExtraPath, EXTRA_PATH } from './log.js';
import { checkName, parseIndex, type BackupWriter, type StorageTarget } from './target.js';

export interface S3TargetOptions {
  readonly bucket: string;
  /** Key prefix inside the bucket ("quai/" for example); may be empty. */
  readonly prefix?: string;
  /** An S3-compatible endpoint (MinIO, Versity Gateway, SeaweedFS, Ceph RGW...); AWS when absent. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Credentials; by default the SDK's chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ...). */
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
}

/** `s3://bucket/some/prefix` into bucket and prefix. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/.exec(url);
  if (m?.[1] === undefined) {
    throw new QuaiError('USAGE', `Invalid S3 target "${url}".`, {
      hint: 'Write it s3://BUCKET or s3://BUCKET/PREFIX.',
    });
  }
  const prefix = (m[2] ?? '').replace(/^\/+/, '');
  return { bucket: m[1], prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

function storageError(error: unknown, what: string, where: string): QuaiError {
  if (error instanceof QuaiError) return error;
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (
    name === 'InvalidAccessKeyId' ||
    name === 'SignatureDoesNotMatch' ||
    name === 'AccessDenied' ||
    name === 'Forbidden'
  ) {
    return new QuaiError('FORBIDDEN', `The S3 store refused to ${what} (${name}): ${message}`, {
      hint: 'Check the access key and secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and the bucket policy.',
      cause: error,
    });
  }
  if (name === 'NoSuchBucket') {
    return new QuaiError('NOT_FOUND', `The bucket of ${where} does not exist.`, {
      hint: 'Create it, or fix the target URL.',
      cause: error,
    });
  }
  return new QuaiError('CLUSTER_UNREACHABLE', `Cannot ${what} on ${where}: ${message}`, {
    hint: 'Check that the S3 endpoint is reachable (--s3-endpoint or QUAI_S3_ENDPOINT) and the network allows it.',
    cause: error,
  });
}

/**
 * Backups in an S3-compatible bucket: `<prefix><name>/resources/...` written first and
 * `<prefix><name>/index.json` last, so a backup is listed only once complete; an aborted backup
 * deletes what it wrote.
 */
export class S3Target implements StorageTarget {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3TargetOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
      maxAttempts: 4,
    });
  }

  get description(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  close(): void {
    this.client.destroy();
  }

  private key(name: string, path: string): string {
    return `${this.prefix}${name}/${path}`;
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (error instanceof NoSuchKey || status === 404) return false;
      throw storageError(error, 'read', this.description);
    }
  }

  private async keysUnder(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys;
  }

  private async deleteKeys(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) },
        }),
      );
    }
  }

  async begin(name: string): Promise<BackupWriter> {
    checkName(name);
    try {
      if (await this.exists(this.key(name, 'index.json'))) {
        throw new QuaiError(
          'ALREADY_EXISTS',
          `A backup named "${name}" exists already in ${this.description}.`,
          { hint: 'Pick another name; backups are never overwritten.' },
        );
      }
      // Leftovers of an earlier attempt that never completed.
      await this.deleteKeys(await this.keysUnder(`${this.prefix}${name}/`));
    } catch (error) {
      throw storageError(error, 'prepare the backup', this.description);
    }
    const put = async (path: string, body: Buffer | string): Promise<void> => {
      try {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: this.key(name, path), Body: body }),
        );
      } catch (error) {
        throw storageError(error, `write ${path}`, this.description);
      }
    };
    return {
      write: (path, data) => {
        if (!BackupFile.shape.path.safeParse(path).success)
          throw new QuaiError('INTERNAL', `Unexpected backup path ${path}.`);
        return put(path, data);
      },
      commit: (index: BackupIndex) => put('index.json', `${JSON.stringify(index, null, 2)}\n`),
      abort: async () => {
        await this.deleteKeys(await this.keysUnder(`${this.prefix}${name}/`)).catch(() => undefined);
      },
    };
  }

  async list(): Promise<BackupIndex[]> {
    let prefixes: string[] = [];
    try {
      let token: string | undefined;
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix,
            Delimiter: '/',
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        prefixes = [...prefixes, ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? '')];
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    } catch (error) {
      throw storageError(error, 'list backups', this.description);
    }
    const names = prefixes
      .map((p) => p.slice(this.prefix.length).replace(/\/$/, ''))
      .filter((n) => BACKUP_NAME.test(n))
      .sort();
    const out: BackupIndex[] = [];
    for (const n of names) {
      // Without an index the backup never completed: it is not listed.
      if (await this.exists(this.key(n, 'index.json'))) out.push(await this.readIndex(n));
    }
    return out;
  }

  async readIndex(name: string): Promise<BackupIndex> {
    checkName(name);
    let text: string;
    try {
      text = (await this.readFile(name, 'index.json')).toString('utf8');
    } catch (error) {
      if (error instanceof QuaiError && error.code === 'NOT_FOUND') {
        throw new QuaiError('NOT_FOUND', `No backup named "${name}" in ${this.description}.`, {
          hint: 'List them with `quai backup list`.',
        });
      }
      throw error;
    }
    return parseIndex(text, name, `${this.description}${name}/index.json`);
  }

  async readFile(name: string, path: string): Promise<Buffer> {
    checkName(name);
    if (path !== 'index.json' && !BackupFile.shape.path.safeParse(path).success) {
      throw new QuaiError(
        'INPUT_INVALID',
        `Backup entry "${path}" points outside the backup (path traversal): refused.`,
        { hint: 'The archive was altered or crafted; do not restore it.' },
      );
    }
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(name, path) }),
      );
      return Buffer.from(
        await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (error instanceof NoSuchKey || status === 404)
        throw new QuaiError('NOT_FOUND', `${path} of backup "${name}" is missing in ${this.description}.`);
      throw storageError(error, `read ${path}`, this.description);
    }
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    try {
      const keys = await this.keysUnder(`${this.prefix}${name}/`);
      // The index goes first, so a half-deleted backup is never listed.
      const index = keys.filter((k) => k.endsWith('/index.json'));
      await this.deleteKeys(index);
      await this.deleteKeys(keys.filter((k) => !k.endsWith('/index.json')));
    } catch (error) {
      throw storageError(error, `delete ${name}`, this.description);
    }
    await this.deleteKeys([`${this.prefix}.failed/${name}.log.jsonl`]).catch(() => undefined);
  }

  private async putKey(key: string, data: Buffer): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data }));
    } catch (error) {
      throw storageError(error, `write ${key}`, this.description);
    }
  }

  private async getKey(key: string): Promise<Buffer | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Buffer.from(
        await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (error instanceof NoSuchKey || status === 404) return undefined;
      throw storageError(error, `read ${key}`, this.description);
    }
  }

  /** One PUT: S3 objects appear whole, so the file is never half-written. */
  async writeExtra(name: string, path: string, data: Buffer): Promise<void> {
    checkExtraPath(path);
    await this.readIndex(name);
    await this.putKey(this.key(name, path), data);
  }

  async readExtra(name: string, path: string): Promise<Buffer | undefined> {
    checkName(name);
    checkExtraPath(path);
    return this.getKey(this.key(name, path));
  }

  async listExtra(name: string, folder: string): Promise<string[]> {
    checkName(name);
    const base = this.key(name, '');
    try {
      return (await this.keysUnder(`${base}${folder.replace(/\/?$/, '/')}`))
        .map((k) => k.slice(base.length))
        .filter((p) => EXTRA_PATH.test(p))
        .sort();
    } catch (error) {
      throw storageError(error, `list ${name}/${folder}`, this.description);
    }
  }

  async writeFailureLog(name: string, data: Buffer): Promise<void> {
    checkName(name);
    await this.putKey(`${this.prefix}.failed/${name}.log.jsonl`, data);
  }

  async readFailureLog(name: string): Promise<Buffer | undefined> {
    checkName(name);
    return this.getKey(`${this.prefix}.failed/${name}.log.jsonl`);
  }
}
