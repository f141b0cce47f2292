// Application-consistent dumps: the dump client's output is streamed, never whole in memory,
// through a SHA-256 into `restic backup --stdin` (encrypted, deduplicated, in the target's
// repository); a restore streams `restic dump` through the same checksum into the restore client.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { msg, textOf } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import type { KubeClient, KubeObject } from '../../kube/index.js';
import type { DatabaseRecord } from '../format.js';
import {
  backupTags,
  hostOf,
  parseResticLine,
  runRestic,
  type BackupRef,
  type ResticRepository,
  type ResticSummary,
} from '../volumes/restic.js';
import {
  DEFAULT_MOVER_IMAGE,
  jobManifest,
  jobName,
  RESTRICTED_CONTAINER,
  restrictedPodSecurity,
  runJob,
  secretManifest,
} from '../volumes/job.js';
import {
  clientError,
  defaultPort,
  dumpCommand,
  dumpFile,
  missingTool,
  queryCommand,
  quoteIdent,
  restoreCommand,
  type Command,
  type DatabaseTarget,
} from './engines.js';

export interface Exit {
  readonly code: number | null;
  readonly error?: NodeJS.ErrnoException;
  readonly stderr: string;
}

function start(cmd: Command, stdin: 'pipe' | 'ignore', stdout: 'pipe' | 'ignore'): ChildProcess {
  return spawn(cmd.binary, [...cmd.args], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...cmd.env },
    stdio: [stdin, stdout, 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<Exit> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-16_000)));
  return new Promise((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, error, stderr }));
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

function resticCommand(repository: ResticRepository, args: readonly string[]): Command {
  return {
    binary: repository.runner?.binary ?? 'restic',
    args: [...repository.options, ...args],
    env: {
      RESTIC_REPOSITORY: repository.url,
      ...repository.env,
      ...(repository.runner?.env['RESTIC_CACHE_DIR']
        ? { RESTIC_CACHE_DIR: repository.runner.env['RESTIC_CACHE_DIR'] }
        : {}),
      ...(repository.runner?.env['XDG_CACHE_HOME']
        ? { XDG_CACHE_HOME: repository.runner.env['XDG_CACHE_HOME'] }
        : {}),
    },
  };
}

/** Limits of a streamed dump or restore (a stuck one fails with a clear error, never hangs). */
export interface StreamLimits {
  /** The whole stream, both processes done (default 6 hours, as the in-cluster Jobs). */
  readonly timeoutMs?: number;
  /** While the producer runs: the longest time without a byte passing (default 10 minutes). */
  readonly idleMs?: number;
}

const STREAM_TIMEOUT_MS = 6 * 3600_000;
const STREAM_IDLE_MS = 10 * 60_000;

/**
 * producer | sha256 | consumer, with back-pressure; both processes are stopped on Ctrl-C, and on
 * a timeout (the whole stream, or no byte passing while the producer runs) with a clear error.
 * A consumer that exits before the end of its input no longer blocks the producer: what is left
 * is read (and checksummed) to the end, so the producer finishes and both exits are reported.
 * Returns both exits, the consumer's standard output (bounded) and the checksum of what passed.
 */
export async function streamCommands(
  producer: Command,
  consumer: Command,
  signal?: AbortSignal,
  limits: StreamLimits = {},
): Promise<{ producer: Exit; consumer: Exit; stdout: string; sha256: string; bytes: number }> {
  signal?.throwIfAborted();
  const p = start(producer, 'ignore', 'pipe');
  const c = start(consumer, 'pipe', 'pipe');
  const hash = createHash('sha256');
  let bytes = 0;
  let lastByteAt = Date.now();
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      lastByteAt = Date.now();
      done(null, chunk);
    },
  });
  let stdout = '';
  c.stdout?.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-256_000)));
  // A consumer that closes its input early (it failed, or needed no more): the rest of the
  // producer's output is drained here, else the producer would wait forever on a full pipe.
  const drain = (): void => {
    tap.unpipe();
    tap.resume();
  };
  c.stdin?.on('error', drain);
  c.stdin?.on('close', drain);
  tap.on('error', () => undefined);
  p.stdout?.pipe(tap).pipe(c.stdin as NodeJS.WritableStream);
  let stopped: 'signal' | 'timeout' | 'idle' | undefined;
  const stop = (why: 'signal' | 'timeout' | 'idle'): void => {
    stopped ??= why;
    p.kill(why === 'signal' ? 'SIGTERM' : 'SIGKILL');
    c.kill(why === 'signal' ? 'SIGINT' : 'SIGKILL');
  };
  const onAbort = (): void => stop('signal');
  signal?.addEventListener('abort', onAbort, { once: true });
  const timeoutMs = limits.timeoutMs ?? STREAM_TIMEOUT_MS;
  const idleMs = limits.idleMs ?? STREAM_IDLE_MS;
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  let producerDone = false;
  const idle = setInterval(
    () => {
      if (!producerDone && Date.now() - lastByteAt > idleMs) stop('idle');
    },
    Math.min(idleMs, 5000),
  );
  const [pe, ce] = await Promise.all([
    exited(p).then((e) => {
      producerDone = true;
      return e;
    }),
    exited(c),
  ]);
  clearTimeout(timer);
  clearInterval(idle);
  signal?.removeEventListener('abort', onAbort);
  if (pe.error?.code === 'ENOENT') throw missingTool(producer.binary);
  if (ce.error?.code === 'ENOENT') throw missingTool(consumer.binary);
  if (stopped === 'signal' || signal?.aborted) {
    throw new QuaiError(
      'INTERRUPTED',
      msg('backup.db.streamInterrupted', { producer: producer.binary, consumer: consumer.binary }),
    );
  }
  if (stopped !== undefined) {
    const tail = (e: Exit): string => e.stderr.trim().split('\n').slice(-2).join(' ') || '-';
    throw new QuaiError(
      'TIMEOUT',
      msg(stopped === 'idle' ? 'backup.streamIdle' : 'backup.streamTimeout', {
        producer: producer.binary.replace(/^.*\//, ''),
        consumer: consumer.binary.replace(/^.*\//, ''),
        seconds: Math.round((stopped === 'idle' ? idleMs : timeoutMs) / 1000),
        bytes,
        producerDone: msg(producerDone ? 'common.yes' : 'common.no'),
        producerErr: tail(pe),
        consumerErr: tail(ce),
      }),
      { hint: msg('backup.streamStuckHint') },
    );
  }
  return { producer: pe, consumer: ce, stdout, sha256: hash.digest('hex'), bytes };
}

export function databaseTags(backup: BackupRef, db: Pick<DatabaseTarget, 'namespace' | 'name'>): string[] {
  return [...backupTags(backup), `database=${db.namespace}/${db.name}`];
}

function dumpArgs(backup: BackupRef, db: DatabaseTarget): string[] {
  return [
    'backup',
    '--json',
    '--host',
    hostOf({ namespace: db.namespace, pvc: `db-${db.name}` }),
    ...databaseTags(backup, db).flatMap((t) => ['--tag', t]),
  ];
}

function baseRecord(db: DatabaseTarget): DatabaseRecord {
  return {
    namespace: db.namespace,
    name: db.name,
    engine: db.engine,
    database: db.database,
    host: db.host,
    port: db.port,
    user: db.user,
    ...(db.passwordSecret ? { passwordSecret: { ...db.passwordSecret } } : {}),
    status: 'failed',
  };
}

/** Runs a query and returns its output (trimmed); for data checks. */
export async function runQuery(
  db: DatabaseTarget,
  database: string,
  sql: string,
  signal?: AbortSignal,
): Promise<string> {
  const cmd = queryCommand(db, database, sql);
  const child = start(cmd, 'ignore', 'pipe');
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(0, 1_000_000)));
  const onAbort = (): void => void child.kill('SIGTERM');
  signal?.addEventListener('abort', onAbort, { once: true });
  const exit = await exited(child);
  signal?.removeEventListener('abort', onAbort);
  if (exit.error?.code === 'ENOENT') throw missingTool(cmd.binary);
  if (exit.code !== 0) throw clientError(db, msg('backup.db.op.query'), exit.stderr, exit.code);
  return out.trim();
}

/**
 * Dumps a database into the repository (pg_dump -Fc | sha256 | restic backup --stdin). A dump
 * that fails half-way leaves no snapshot behind (the partial one is forgotten).
 */
export async function dumpDatabase(
  repository: ResticRepository,
  backup: BackupRef,
  db: DatabaseTarget,
  signal?: AbortSignal,
): Promise<DatabaseRecord> {
  const startAt = performance.now();
  const file = dumpFile(db);
  const checks: { name: string; query: string; result: string }[] = [];
  for (const c of db.checks ?? [])
    checks.push({ ...c, result: await runQuery(db, db.database, c.query, signal) });
  const run = await streamCommands(
    dumpCommand(db),
    resticCommand(repository, [...dumpArgs(backup, db), '--stdin', '--stdin-filename', file]),
    signal,
  );
  let summary: ResticSummary | undefined;
  for (const line of run.stdout.split('\n')) {
    const m = parseResticLine(line);
    if (m?.message_type === 'summary') summary = m;
  }
  if (run.producer.code !== 0) {
    if (summary) await runRestic(['forget', summary.snapshot_id], { repository }).catch(() => undefined);
    throw clientError(db, msg('backup.db.op.dump'), run.producer.stderr, run.producer.code);
  }
  if (run.consumer.code !== 0 || summary === undefined) {
    throw new QuaiError(
      'INTERNAL',
      msg('backup.db.storeFailed', {
        database: `${db.namespace}/${db.name}`,
        output: run.consumer.stderr.trim().split('\n').slice(-3).join(' '),
      }),
    );
  }
  return {
    ...baseRecord(db),
    status: 'completed',
    snapshot: summary.snapshot_id,
    file,
    bytes: run.bytes,
    sha256: run.sha256,
    seconds: Math.round((performance.now() - startAt) / 10) / 100,
    ...(checks.length > 0 ? { checks } : {}),
  };
}

/**
 * Restores a dump into `database` (default: the one it was taken from): restic dump | sha256 |
 * pg_restore --clean --if-exists (or the mariadb client). restic authenticates every block before
 * it writes it out, so altered data never reaches the database; the SHA-256 of the whole dump is
 * compared at the end as well.
 */
export async function restoreDatabase(
  repository: ResticRepository,
  record: DatabaseRecord,
  db: DatabaseTarget,
  options: { readonly database?: string; readonly signal?: AbortSignal } = {},
): Promise<void> {
  if (record.snapshot === undefined || record.file === undefined) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.db.noDump', {
        database: `${record.namespace}/${record.name}`,
        reason: record.reason ?? record.status,
      }),
    );
  }
  const database = options.database ?? db.database;
  const run = await streamCommands(
    resticCommand(repository, ['dump', record.snapshot, `/${record.file}`]),
    restoreCommand(db, database),
    options.signal,
  );
  if (run.producer.code !== 0) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.db.readFailed', {
        database: `${record.namespace}/${record.name}`,
        output: run.producer.stderr.trim().split('\n').slice(-3).join(' '),
      }),
      { hint: msg('backup.db.readFailedHint') },
    );
  }
  if (run.consumer.code !== 0)
    throw clientError(
      { ...db, database },
      msg('backup.db.op.restore'),
      run.consumer.stderr,
      run.consumer.code,
    );
  if (record.sha256 !== undefined && run.sha256 !== record.sha256) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.db.checksum', { database: `${record.namespace}/${record.name}` }),
      { hint: msg('backup.db.checksumHint') },
    );
  }
}

/** Creates an empty scratch database (drills) and returns a function dropping it. */
export async function scratchDatabase(
  db: DatabaseTarget,
  name: string,
  signal?: AbortSignal,
): Promise<() => Promise<void>> {
  const ident = quoteIdent(db.engine, name);
  await runQuery(db, db.database, `CREATE DATABASE ${ident}`, signal);
  return async () => {
    await runQuery(db, db.database, `DROP DATABASE IF EXISTS ${ident}`).catch(() => undefined);
  };
}

/** Resolves an app spec declaration: the host of a component is its Service's DNS name; the password is read from its Secret. */
export async function resolveDatabase(
  client: KubeClient | undefined,
  namespace: string,
  d: {
    readonly name: string;
    readonly engine: DatabaseTarget['engine'];
    readonly service?: string | undefined;
    readonly host?: string | undefined;
    readonly port?: number | undefined;
    readonly database: string;
    readonly user: string;
    readonly passwordSecret?: { readonly secret: string; readonly key: string } | undefined;
    readonly checks?: readonly { readonly name: string; readonly query: string }[] | undefined;
  },
  signal?: AbortSignal,
): Promise<DatabaseTarget> {
  let password: string | undefined;
  if (d.passwordSecret && client) {
    const secret = await client.tryGet<KubeObject & { data?: Record<string, string> }>(
      { apiVersion: 'v1', kind: 'Secret', namespace, name: d.passwordSecret.secret },
      signal,
    );
    const value = secret?.data?.[d.passwordSecret.key];
    if (value === undefined) {
      throw new QuaiError(
        'NOT_FOUND',
        msg('backup.db.passwordKeyMissing', {
          namespace,
          secret: d.passwordSecret.secret,
          key: d.passwordSecret.key,
          database: d.name,
        }),
        { hint: msg('backup.db.passwordKeyMissingHint') },
      );
    }
    password = Buffer.from(value, 'base64').toString('utf8');
  }
  return {
    namespace,
    name: d.name,
    engine: d.engine,
    host: d.host ?? `${d.service ?? ''}.${namespace}.svc`,
    port: d.port ?? defaultPort(d.engine),
    database: d.database,
    user: d.user,
    ...(password !== undefined ? { password } : {}),
    ...(d.passwordSecret ? { passwordSecret: { ...d.passwordSecret } } : {}),
    ...(d.checks ? { checks: d.checks } : {}),
  };
}

/** Default images of the dump clients in the in-cluster variant. */
export const DUMP_IMAGES: Readonly<Record<DatabaseTarget['engine'], string>> = {
  postgresql: 'docker.io/library/postgres:15',
  mariadb: 'docker.io/library/mariadb:10.11',
  mysql: 'docker.io/library/mysql:8.4',
};

/**
 * The in-cluster variant: a Job whose init container runs the same dump command against the
 * Service (password from the app's own Secret) into an emptyDir, then restic stores the file.
 */
export function dumpJob(input: {
  readonly name: string;
  readonly backup: BackupRef;
  readonly db: DatabaseTarget;
  readonly image?: string;
  readonly moverImage?: string;
  /** restic's extended options (`-o s3.bucket-lookup=path`), from the repository. */
  readonly resticOptions?: readonly string[];
}): KubeObject {
  const { db } = input;
  const file = dumpFile(db);
  const cmd = dumpCommand({ ...db, password: undefined as never });
  const passwordEnv = db.engine === 'postgresql' ? 'PGPASSWORD' : 'MYSQL_PWD';
  const toFile = db.engine === 'postgresql' ? ['--file', `/dump/${file}`] : [`--result-file=/dump/${file}`];
  return jobManifest(input.name, {
    namespace: db.namespace,
    prefix: input.name,
    podSecurity: restrictedPodSecurity({ runAsUser: 999, runAsGroup: 999 }),
    labels: { 'quai.dev/database': db.name },
    initContainers: [
      {
        name: 'dump',
        image: input.image ?? DUMP_IMAGES[db.engine],
        command: [cmd.binary.replace(/^.*\//, ''), ...cmd.args, ...toFile],
        env: [
          ...Object.entries(cmd.env).map(([name, value]) => ({ name, value })),
          ...(db.passwordSecret
            ? [
                {
                  name: passwordEnv,
                  valueFrom: { secretKeyRef: { name: db.passwordSecret.secret, key: db.passwordSecret.key } },
                },
              ]
            : []),
        ],
        volumeMounts: [
          { name: 'dump', mountPath: '/dump' },
          { name: 'tmp', mountPath: '/tmp' },
        ],
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
    containers: [
      {
        name: 'restic',
        image: input.moverImage ?? DEFAULT_MOVER_IMAGE,
        workingDir: '/dump',
        // The folder holds the dump alone: `.` puts it at the snapshot's root, as --stdin does.
        args: [...(input.resticOptions ?? []), ...dumpArgs(input.backup, db), '.'],
        envFrom: [{ secretRef: { name: input.name } }],
        env: [
          { name: 'HOME', value: '/tmp' },
          { name: 'RESTIC_CACHE_DIR', value: '/tmp/cache' },
        ],
        volumeMounts: [
          { name: 'dump', mountPath: '/dump', readOnly: true },
          { name: 'tmp', mountPath: '/tmp' },
        ],
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
    volumes: [
      { name: 'dump', emptyDir: {} },
      { name: 'tmp', emptyDir: { sizeLimit: '2Gi' } },
    ],
  });
}

/** Runs the in-cluster dump Job and records what it produced (the same summary as the local path). */
export async function dumpDatabaseInCluster(
  client: KubeClient,
  repository: ResticRepository,
  backup: BackupRef,
  db: DatabaseTarget,
  options: {
    readonly image?: string;
    readonly moverImage?: string;
    readonly timeoutMs?: number;
    readonly signal?: AbortSignal;
  } = {},
): Promise<DatabaseRecord> {
  const startAt = performance.now();
  const file = dumpFile(db);
  // The data checks run from here, as a drill's do (it restores the dump and queries from here);
  // a database this machine cannot reach is dumped all the same, without them (and says so).
  const checks: { name: string; query: string; result: string }[] = [];
  let unchecked: string | undefined;
  try {
    for (const c of db.checks ?? [])
      checks.push({ ...c, result: await runQuery(db, db.database, c.query, options.signal) });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    checks.length = 0;
    unchecked = textOf(
      'en',
      msg('backup.checksNotRun', { error: error instanceof Error ? error.message : String(error) }),
    );
  }
  const name = jobName(`quai-dump-${db.name}`);
  const job = dumpJob({
    name,
    backup,
    db,
    resticOptions: repository.options,
    ...(options.image ? { image: options.image } : {}),
    ...(options.moverImage ? { moverImage: options.moverImage } : {}),
  });
  const run = await runJob(
    client,
    job,
    secretManifest(name, db.namespace, { RESTIC_REPOSITORY: repository.url, ...repository.env }),
    {
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  let summary: ResticSummary | undefined;
  for (const line of run.logs.split('\n')) {
    const m = parseResticLine(line);
    if (m?.message_type === 'summary') summary = m;
  }
  if (!run.ok || summary === undefined) {
    return {
      ...baseRecord(db),
      reason: run.ok
        ? `Job ${db.namespace}/${name} completed, but its logs hold no restic summary`
        : `Job ${db.namespace}/${name} failed: ${run.reason ?? ''}`,
    };
  }
  return {
    ...baseRecord(db),
    status: 'completed',
    snapshot: summary.snapshot_id,
    file,
    bytes: summary.total_bytes_processed,
    seconds: Math.round((performance.now() - startAt) / 10) / 100,
    ...(checks.length > 0 ? { checks } : {}),
    ...(unchecked !== undefined ? { reason: unchecked } : {}),
  };
}
