// restic, the volume data mover: the arguments, the repository location and password, and the
// parsing of its `--json` messages, shared by the local executor (a child process) and the
// in-cluster Job (the same arguments in a container).
import { msg } from '@quai/contracts';
import { spawn } from 'node:child_process';
import { hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { QuaiError } from '../../errors/index.js';
import type { BackupKey } from '../crypto.js';

/** Where the restic repository of a target lives, and what restic needs to reach it. */
export interface ResticRepository {
  /** RESTIC_REPOSITORY: a local path, or `s3:<endpoint>/<bucket>/<prefix>.restic`. */
  readonly url: string;
  /** RESTIC_PASSWORD and, for S3, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_DEFAULT_REGION. */
  readonly env: Readonly<Record<string, string>>;
  /** Extended options given before the command (`-o s3.bucket-lookup=path`). */
  readonly options: readonly string[];
  readonly kind: 'directory' | 's3';
  /** How restic runs on this machine (not in a mover Job): from the front end's settings. */
  readonly runner?: ResticRunner;
}

/**
 * restic on this machine: its binary ($QUAI_RESTIC, else `restic` on the PATH) and the few
 * variables it gets, read from the front end's environment (app.Settings.env), never from this
 * process's own.
 */
export interface ResticRunner {
  readonly binary: string;
  readonly env: Readonly<Record<string, string>>;
}

const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

export function resticRunner(env: Readonly<Record<string, string | undefined>>): ResticRunner {
  const pass = (k: string): Record<string, string> => (env[k] ? { [k]: env[k] } : {});
  return {
    binary: env['QUAI_RESTIC'] || 'restic',
    env: {
      PATH: env['PATH'] || DEFAULT_PATH,
      HOME: env['HOME'] || '/tmp',
      ...pass('RESTIC_CACHE_DIR'),
      ...pass('XDG_CACHE_HOME'),
    },
  };
}

/** Without settings (a library caller that gave none): restic on the usual PATH. */
const DEFAULT_RUNNER: ResticRunner = { binary: 'restic', env: { PATH: DEFAULT_PATH, HOME: '/tmp' } };

/** Where a backup target's data is, as far as restic is concerned (and how to run restic here). */
export type RepositoryPlace =
  | { readonly kind: 'directory'; readonly root: string; readonly runner?: ResticRunner }
  | {
      readonly kind: 's3';
      readonly runner?: ResticRunner;
      readonly bucket: string;
      readonly prefix: string;
      readonly endpoint?: string;
      readonly region?: string;
      /** Path-style addressing; default: restic's own choice (path style except on AWS). */
      readonly pathStyle?: boolean;
      readonly accessKeyId?: string;
      readonly secretAccessKey?: string;
      readonly sessionToken?: string;
    };

/** Folder (or key prefix) of the repository inside the target: hidden, never a backup name. */
export const REPOSITORY_DIR = '.restic';

/**
 * The repository password: derived from the Quai backup key with HKDF-SHA256 (info
 * "quai restic repository password v1"), as 64 hex characters. Nothing more to keep: whoever
 * holds the backup key can open the repository, and no password lies next to the data.
 */
export function repositoryPassword(key: BackupKey): string {
  return Buffer.from(
    hkdfSync('sha256', key.key, Buffer.alloc(0), 'quai restic repository password v1', 32),
  ).toString('hex');
}

export function resticRepository(place: RepositoryPlace, key: BackupKey): ResticRepository {
  const password = repositoryPassword(key);
  if (place.kind === 'directory') {
    return {
      kind: 'directory',
      url: join(place.root, REPOSITORY_DIR),
      env: { RESTIC_PASSWORD: password },
      options: [],
      ...(place.runner ? { runner: place.runner } : {}),
    };
  }
  const endpoint = (place.endpoint ?? 'https://s3.amazonaws.com').replace(/\/+$/, '');
  const env: Record<string, string> = {
    RESTIC_PASSWORD: password,
    AWS_DEFAULT_REGION: place.region ?? 'us-east-1',
  };
  // Credentials are resolved by the caller (flags, environment, profile): restic gets them as is.
  if (place.accessKeyId) env['AWS_ACCESS_KEY_ID'] = place.accessKeyId;
  if (place.secretAccessKey) env['AWS_SECRET_ACCESS_KEY'] = place.secretAccessKey;
  if (place.sessionToken) env['AWS_SESSION_TOKEN'] = place.sessionToken;
  return {
    kind: 's3',
    url: `s3:${endpoint}/${place.bucket}/${place.prefix}${REPOSITORY_DIR}`,
    env,
    options:
      place.pathStyle === undefined ? [] : ['-o', `s3.bucket-lookup=${place.pathStyle ? 'path' : 'dns'}`],
    ...(place.runner ? { runner: place.runner } : {}),
  };
}

// ---- arguments (one place for both executors) ---------------------------------------------------

/** A backup as its snapshots know it: its name, and (format 3) its random id. */
export type BackupRef = string | { readonly name: string; readonly id?: string };

/** The tags every snapshot of a backup carries: `quai-backup=NAME` and `quai-backup-id=ID`. */
export function backupTags(ref: BackupRef): string[] {
  if (typeof ref === 'string') return [`quai-backup=${ref}`];
  return [`quai-backup=${ref.name}`, ...(ref.id ? [`quai-backup-id=${ref.id}`] : [])];
}

export interface SnapshotTags {
  readonly backup: BackupRef;
  readonly namespace: string;
  readonly pvc: string;
}

export function tagsOf(t: SnapshotTags): string[] {
  return [...backupTags(t.backup), `pvc=${t.namespace}/${t.pvc}`];
}

/** The host recorded in snapshots: one per claim, so restic picks the right parent (incremental). */
export function hostOf(t: Pick<SnapshotTags, 'namespace' | 'pvc'>): string {
  return `quai-${t.namespace}-${t.pvc}`;
}

/**
 * Run in the volume's folder: restic stores the contents of `.` at the snapshot's root (and the
 * folder's absolute path in its `paths`, which finds the parent of the next, incremental run).
 */
export function backupArgs(tags: SnapshotTags): string[] {
  return [
    'backup',
    '--json',
    '--host',
    hostOf(tags),
    ...tagsOf(tags).flatMap((t) => ['--tag', t]),
    '--one-file-system',
    '.',
  ];
}

/** Restores a snapshot (its contents are at its root) straight into `dest`. */
export function restoreArgs(snapshot: string, dest: string): string[] {
  return ['restore', snapshot, '--target', dest];
}

// ---- messages -------------------------------------------------------------------------------------

export interface ResticStatus {
  readonly message_type: 'status';
  readonly percent_done?: number;
  readonly total_files?: number;
  readonly files_done?: number;
  readonly total_bytes?: number;
  readonly bytes_done?: number;
  readonly seconds_elapsed?: number;
}

export interface ResticSummary {
  readonly message_type: 'summary';
  readonly snapshot_id: string;
  readonly files_new: number;
  readonly files_changed: number;
  readonly files_unmodified: number;
  readonly data_added: number;
  readonly total_files_processed: number;
  readonly total_bytes_processed: number;
  readonly total_duration: number;
}

export interface ResticError {
  readonly message_type: 'error';
  readonly error?: { readonly message?: string } | string;
  readonly during?: string;
  readonly item?: string;
}

export type ResticMessage = ResticStatus | ResticSummary | ResticError;

/** One line of `restic --json` output; undefined for anything else (restic prints some plain text). */
export function parseResticLine(line: string): ResticMessage | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const m = JSON.parse(text) as { message_type?: unknown };
    if (m.message_type === 'status' || m.message_type === 'summary' || m.message_type === 'error')
      return m as ResticMessage;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The summary of a backup in a Job's logs (the same `--json` output). */
export function summaryFromLogs(logs: string): ResticSummary | undefined {
  let found: ResticSummary | undefined;
  for (const line of logs.split('\n')) {
    const m = parseResticLine(line);
    if (m?.message_type === 'summary') found = m;
  }
  return found;
}

export function errorText(m: ResticError): string {
  const e = typeof m.error === 'string' ? m.error : (m.error?.message ?? 'error');
  return `${m.item ? `${m.item}: ` : ''}${e}`;
}

// ---- the local executor -----------------------------------------------------------------------------

export interface RunOptions {
  readonly repository: ResticRepository;
  readonly onMessage?: (m: ResticMessage) => void;
  readonly signal?: AbortSignal;
  readonly cwd?: string;
  /** restic's own binary (default: the repository's runner, from $QUAI_RESTIC or `restic`). */
  readonly binary?: string;
}

export interface RunResult {
  readonly messages: readonly ResticMessage[];
  readonly stdout: string;
  readonly stderr: string;
}

function runnerOf(options: RunOptions): ResticRunner {
  return options.repository.runner ?? DEFAULT_RUNNER;
}

/** A restic failure, in Quai's terms (wrong key, missing repository, storage refused, ...). */
function failure(args: readonly string[], code: number | null, stderr: string, repo: string): QuaiError {
  const tail = stderr.trim().split('\n').slice(-4).join('\n');
  if (/wrong password|no key found/i.test(stderr)) {
    return new QuaiError('INPUT_INVALID', msg('backup.restic.wrongKey', { repo }), {
      hint: msg('backup.restic.wrongKeyHint'),
    });
  }
  if (/Access Denied|InvalidAccessKeyId|SignatureDoesNotMatch|403 Forbidden/i.test(stderr)) {
    return new QuaiError('FORBIDDEN', msg('backup.restic.refused', { repo, output: tail }), {
      hint: msg('backup.restic.refusedHint'),
    });
  }
  if (/connection refused|no such host|dial tcp|i\/o timeout/i.test(stderr)) {
    return new QuaiError('CLUSTER_UNREACHABLE', msg('backup.restic.unreachable', { repo, output: tail }), {
      hint: msg('backup.restic.unreachableHint'),
    });
  }
  if (/no space left on device/i.test(stderr)) {
    return new QuaiError('PREREQUISITE_MISSING', msg('backup.restic.noSpace', { output: tail }), {
      hint: msg('backup.restic.noSpaceHint'),
    });
  }
  return new QuaiError(
    'INTERNAL',
    msg('backup.restic.failed', {
      command: args[0] ?? '',
      code: code ?? 'signal',
      output: tail || msg('backup.noOutput'),
    }),
    { hint: msg('backup.restic.failedHint', { repo, args: args.join(' ') }) },
  );
}

/**
 * Runs restic as a local process with `--json` messages parsed as they come. Ctrl-C (the signal)
 * sends SIGINT, which restic handles by removing its lock; if it has not exited after 10 s it is
 * killed and its stale lock removed with `restic unlock`.
 */
export async function runRestic(args: readonly string[], options: RunOptions): Promise<RunResult> {
  options.signal?.throwIfAborted();
  const runner = runnerOf(options);
  const binary = options.binary ?? runner.binary;
  const child = spawn(binary, [...options.repository.options, ...args], {
    env: {
      ...runner.env,
      RESTIC_REPOSITORY: options.repository.url,
      ...options.repository.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  const messages: ResticMessage[] = [];
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-64_000);
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const m = parseResticLine(line);
    if (m === undefined) {
      stdout = (stdout + line + '\n').slice(-1_000_000);
      return;
    }
    if (m.message_type !== 'status') messages.push(m);
    options.onMessage?.(m);
  });
  let killed = false;
  const onAbort = (): void => {
    child.kill('SIGINT');
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 10_000).unref();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const exit = await new Promise<{ code: number | null; error?: NodeJS.ErrnoException }>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  options.signal?.removeEventListener('abort', onAbort);
  if (exit.error?.code === 'ENOENT') {
    throw new QuaiError('PREREQUISITE_MISSING', msg('backup.restic.missing', { binary }), {
      hint: msg('backup.restic.missingHint'),
    });
  }
  if (exit.error) throw exit.error;
  if (options.signal?.aborted) {
    if (killed)
      await runRestic(['unlock'], { ...options, signal: undefined as never }).catch(() => undefined);
    throw new QuaiError('INTERRUPTED', msg('backup.restic.interrupted', { command: args[0] ?? '' }), {
      hint: msg('backup.restic.interruptedHint'),
    });
  }
  // Exit 3: the snapshot was taken, but some files could not be read (the caller reports them).
  const partial = exit.code === 3 && messages.some((m) => m.message_type === 'summary');
  if (exit.code !== 0 && !partial) throw failure(args, exit.code, stderr, options.repository.url);
  return { messages, stdout, stderr };
}

/** Creates the repository unless it exists (`restic cat config` answers only for a repository). */
export async function ensureRepository(options: RunOptions): Promise<void> {
  try {
    await runRestic(['cat', 'config'], options);
    return;
  } catch (error) {
    if (!(error instanceof QuaiError) || error.code !== 'INTERNAL') throw error;
  }
  try {
    await runRestic(['init'], options);
  } catch (error) {
    // Two movers racing to create it: the other one won.
    if (error instanceof QuaiError && /already (exists|initialized)/i.test(error.message)) return;
    throw error;
  }
}

export interface SnapshotInfo {
  readonly id: string;
  readonly short_id: string;
  readonly time: string;
  readonly paths: readonly string[];
  readonly tags?: readonly string[];
  readonly hostname: string;
}

export async function findSnapshots(options: RunOptions, tags: readonly string[]): Promise<SnapshotInfo[]> {
  const { stdout } = await runRestic(['snapshots', '--json', '--tag', tags.join(',')], options);
  const text = stdout.trim();
  return text === '' ? [] : (JSON.parse(text) as SnapshotInfo[]);
}
