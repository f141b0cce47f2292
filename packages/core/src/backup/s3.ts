import { msg, type Message } from '@quai/contracts';
import {
  DeleteObjectCommand,
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
import {
  LOCK_REFRESH_MS,
  lockedError,
  lockIsStale,
  lockRecord,
  parseLockRecord,
  sweepLocks,
  type LockRecord,
} from './lock.js';
import { checkExtraPath, EXTRA_PATH } from './log.js';
import { checkName, parseIndex, type BackupWriter, type Leftovers, type StorageTarget } from './target.js';

export interface S3TargetOptions {
  readonly bucket: string;
  /** Key prefix inside the bucket ("quai/" for example); may be empty. */
  readonly prefix?: string;
  /** An S3-compatible endpoint (MinIO, Versity Gateway, SeaweedFS, Ceph RGW...); AWS when absent. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Path-style addressing (`endpoint/bucket/key`); default: with a custom endpoint, not on AWS. */
  readonly pathStyle?: boolean;
  /** Credentials, resolved by the caller (`resolveS3Credentials`). */
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
}

/** `s3://bucket/some/prefix` into bucket and prefix. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/.exec(url);
  if (m?.[1] === undefined) {
    throw new QuaiError('USAGE', msg('backup.s3.badTarget', { url }), {
      hint: msg('backup.s3.badTargetHint'),
    });
  }
  const prefix = (m[2] ?? '').replace(/^\/+/, '');
  return { bucket: m[1], prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function storageError(error: unknown, what: Message, where: string): QuaiError {
  if (error instanceof QuaiError) return error;
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'CredentialsProviderError') {
    return new QuaiError('STORAGE_CREDENTIALS_MISSING', msg('backup.s3.noCredentialsFor', { what, where }), {
      hint: msg('backup.s3.credentialsHint'),
      cause: error,
    });
  }
  if (
    name === 'InvalidAccessKeyId' ||
    name === 'SignatureDoesNotMatch' ||
    name === 'AccessDenied' ||
    name === 'Forbidden' ||
    statusOf(error) === 403
  ) {
    return new QuaiError('FORBIDDEN', msg('backup.s3.refused', { what, name, message }), {
      hint: msg('backup.s3.refusedHint'),
      cause: error,
    });
  }
  if (name === 'NoSuchBucket') {
    return new QuaiError('NOT_FOUND', msg('backup.s3.noBucket', { where }), {
      hint: msg('backup.s3.noBucketHint'),
      cause: error,
    });
  }
  return new QuaiError('STORAGE_UNREACHABLE', msg('backup.s3.unreachable', { what, where, message }), {
    hint: msg('backup.s3.unreachableHint'),
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
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.pathStyle ?? options.endpoint !== undefined,
      // Never the SDK's own chain: it would ask the EC2 metadata service. The caller resolves
      // credentials (flags, environment, profile) and an absence is said plainly.
      credentials: () =>
        options.accessKeyId && options.secretAccessKey
          ? Promise.resolve({
              accessKeyId: options.accessKeyId,
              secretAccessKey: options.secretAccessKey,
              ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
            })
          : Promise.reject(
              new QuaiError(
                'STORAGE_CREDENTIALS_MISSING',
                msg('backup.s3.noCredentialsForTarget', { where: this.description }),
                { hint: msg('backup.s3.credentialsHint') },
              ),
            ),
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
      if (error instanceof NoSuchKey || statusOf(error) === 404) return false;
      throw storageError(error, msg('backup.s3.op.read'), this.description);
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

  private lockKey(name: string): string {
    return `${this.prefix}.locks/${name}.json`;
  }

  private async readLock(
    name: string,
  ): Promise<{ record?: LockRecord; refreshedAt: Date; etag?: string } | undefined> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.lockKey(name) }),
      );
      const text = await (res.Body as { transformToString(): Promise<string> }).transformToString();
      const record = parseLockRecord(text);
      const refreshed = Date.parse((JSON.parse(text) as { refreshedAt?: string }).refreshedAt ?? '');
      return {
        ...(record ? { record } : {}),
        refreshedAt: Number.isNaN(refreshed) ? (res.LastModified ?? new Date(0)) : new Date(refreshed),
        ...(res.ETag ? { etag: res.ETag } : {}),
      };
    } catch (error) {
      if (error instanceof NoSuchKey || statusOf(error) === 404) return undefined;
      if (error instanceof SyntaxError) return { refreshedAt: new Date(0) };
      throw storageError(error, msg('backup.s3.op.readLock'), this.description);
    }
  }

  private lockBody(id: string): string {
    return `${JSON.stringify({ ...lockRecord(id), refreshedAt: new Date().toISOString() })}\n`;
  }

  /**
   * Takes the lock of a name: a conditional PUT (If-None-Match: *) of `<prefix>.locks/<name>.json`,
   * so one writer wins; a stale lock is deleted (If-Match on its ETag) and taken over. The lock is
   * read back, for servers that ignore the condition.
   */
  private async lock(name: string, id: string): Promise<() => Promise<void>> {
    const key = this.lockKey(name);
    for (let attempt = 0; ; attempt++) {
      try {
        const put = await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: this.lockBody(id), IfNoneMatch: '*' }),
        );
        const held = await this.readLock(name);
        if (held?.record?.id !== id) throw lockedError(name, this.description, held?.record);
        let etag = put.ETag ?? held.etag;
        const timer = setInterval(() => {
          this.client
            .send(
              new PutObjectCommand({
                Bucket: this.bucket,
                Key: key,
                Body: this.lockBody(id),
                ...(etag ? { IfMatch: etag } : {}),
              }),
            )
            .then((r) => (etag = r.ETag ?? etag))
            .catch(() => undefined);
        }, LOCK_REFRESH_MS);
        timer.unref();
        return async () => {
          clearInterval(timer);
          const now = await this.readLock(name).catch(() => undefined);
          if (now?.record?.id === id) await this.deleteKeys([key]).catch(() => undefined);
        };
      } catch (error) {
        const status = statusOf(error);
        if (status !== 412 && status !== 409)
          throw storageError(error, msg('backup.s3.op.lock'), this.description);
        const held = await this.readLock(name);
        if (held === undefined && attempt < 5) continue;
        if (held === undefined || !lockIsStale(held.record, held.refreshedAt) || attempt >= 3)
          throw lockedError(name, this.description, held?.record);
        await this.client
          .send(
            new DeleteObjectCommand({
              Bucket: this.bucket,
              Key: key,
              ...(held.etag ? { IfMatch: held.etag } : {}),
            }),
          )
          .catch(() => undefined);
      }
    }
  }

  async begin(name: string, id: string): Promise<BackupWriter> {
    checkName(name);
    const existsError = (): QuaiError =>
      new QuaiError('ALREADY_EXISTS', msg('backup.exists', { name, where: this.description }), {
        hint: msg('backup.existsHint'),
      });
    if (await this.exists(this.key(name, 'index.json'))) throw existsError();
    const unlock = await this.lock(name, id);
    try {
      if (await this.exists(this.key(name, 'index.json'))) throw existsError();
      // Leftovers of an earlier attempt that never completed: ours to remove, we hold the lock.
      await this.deleteKeys(await this.keysUnder(`${this.prefix}${name}/`));
    } catch (error) {
      await unlock();
      throw storageError(error, msg('backup.s3.op.prepare'), this.description);
    }
    const put = async (path: string, body: Buffer | string): Promise<void> => {
      try {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: this.key(name, path), Body: body }),
        );
      } catch (error) {
        throw storageError(error, msg('backup.s3.op.writeFile', { path }), this.description);
      }
    };
    return {
      write: (path, data) => {
        if (!BackupFile.shape.path.safeParse(path).success)
          throw new QuaiError('INTERNAL', msg('backup.unexpectedPath', { path }));
        return put(path, data);
      },
      commit: async (index: BackupIndex) => {
        try {
          await put('index.json', `${JSON.stringify(index, null, 2)}\n`);
        } finally {
          await unlock();
        }
      },
      abort: async () => {
        await this.deleteKeys(await this.keysUnder(`${this.prefix}${name}/`)).catch(() => undefined);
        await unlock();
      },
    };
  }

  async cleanLeftovers(): Promise<Leftovers> {
    try {
      const keys = await this.keysUnder(`${this.prefix}.locks/`);
      const locks = keys.flatMap((k) => {
        const name = /([a-z0-9][-a-z0-9]*)\.json$/.exec(k)?.[1];
        return name === undefined ? [] : [name];
      });
      const { live, writing, removed } = await sweepLocks(
        locks,
        (name) => this.readLock(name),
        (name) => this.deleteKeys([this.lockKey(name)]),
      );
      for (const name of await this.prefixes()) {
        if (live.has(name) || (await this.exists(this.key(name, 'index.json')))) continue;
        const objects = await this.keysUnder(`${this.prefix}${name}/`);
        await this.deleteKeys(objects);
        removed.push(msg('backup.leftover.unfinishedObjects', { count: objects.length, name }));
      }
      return { removed, writing };
    } catch (error) {
      throw storageError(error, msg('backup.s3.op.cleanUp'), this.description);
    }
  }

  async names(): Promise<string[]> {
    try {
      const out: string[] = [];
      for (const n of await this.prefixes()) if (await this.exists(this.key(n, 'index.json'))) out.push(n);
      return out;
    } catch (error) {
      throw storageError(error, msg('backup.s3.op.list'), this.description);
    }
  }

  /** The backup names under the prefix, complete or not. */
  private async prefixes(): Promise<string[]> {
    let prefixes: string[] = [];
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
    return prefixes
      .map((p) => p.slice(this.prefix.length).replace(/\/$/, ''))
      .filter((n) => BACKUP_NAME.test(n))
      .sort();
  }

  async list(): Promise<BackupIndex[]> {
    let names: string[];
    try {
      names = await this.prefixes();
    } catch (error) {
      throw storageError(error, msg('backup.s3.op.list'), this.description);
    }
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
        throw new QuaiError('NOT_FOUND', msg('backup.notFound', { name, where: this.description }), {
          hint: msg('backup.notFoundHint'),
        });
      }
      throw error;
    }
    return parseIndex(text, name, `${this.description}${name}/index.json`);
  }

  async readFile(name: string, path: string): Promise<Buffer> {
    checkName(name);
    if (path !== 'index.json' && !BackupFile.shape.path.safeParse(path).success) {
      throw new QuaiError('INPUT_INVALID', msg('backup.pathTraversal', { path }), {
        hint: msg('backup.pathTraversalHint'),
      });
    }
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(name, path) }),
      );
      return Buffer.from(
        await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    } catch (error) {
      if (error instanceof NoSuchKey || statusOf(error) === 404)
        throw new QuaiError('NOT_FOUND', msg('backup.fileMissing', { path, name, where: this.description }));
      throw storageError(error, msg('backup.s3.op.readFile', { path }), this.description);
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
      throw storageError(error, msg('backup.s3.op.delete', { name }), this.description);
    }
    await this.deleteKeys([`${this.prefix}.failed/${name}.log.jsonl`]).catch(() => undefined);
  }

  private async putKey(key: string, data: Buffer): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data }));
    } catch (error) {
      throw storageError(error, msg('backup.s3.op.writeFile', { path: key }), this.description);
    }
  }

  private async getKey(key: string): Promise<Buffer | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Buffer.from(
        await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    } catch (error) {
      if (error instanceof NoSuchKey || statusOf(error) === 404) return undefined;
      throw storageError(error, msg('backup.s3.op.readFile', { path: key }), this.description);
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
      throw storageError(
        error,
        msg('backup.s3.op.listFolder', { path: `${name}/${folder}` }),
        this.description,
      );
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
