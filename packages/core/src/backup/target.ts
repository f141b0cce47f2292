import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { writeFileAtomic } from '../util/index.js';
import { BACKUP_NAME, BackupIndex, FORMAT_VERSION } from './format.js';
import { fileError } from './fs-errors.js';
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

/** Where backups live. One real adapter today: a directory (local disk or NFS mount). */
export interface StorageTarget {
  readonly description: string;
  /**
   * Starts a backup under a lock on its name (a second writer of the same name is refused with
   * BACKUP_LOCKED); files go to a hidden area until `commit` makes the whole backup visible.
   * Leftovers of an earlier attempt of that name that was killed are removed first.
   */
  begin(name: string, id: string): Promise<BackupWriter>;
  /**
   * Removes what killed backups left (partial folders, uncommitted objects, stale locks), never
   * touching a backup being written. Returns what was removed, and the backups being written.
   */
  cleanLeftovers(): Promise<Leftovers>;
  list(): Promise<BackupIndex[]>;
  /** The names of the complete backups (with an index), whether or not their index can be read. */
  names(): Promise<string[]>;
  readIndex(name: string): Promise<BackupIndex>;
  readFile(name: string, path: string): Promise<Buffer>;
  delete(name: string): Promise<void>;
  /** Writes a file beside a completed backup's index (log.jsonl, drills/*.json), atomically. */
  writeExtra(name: string, path: string, data: Buffer): Promise<void>;
  /** Reads such a file; undefined when it is not there. */
  readExtra(name: string, path: string): Promise<Buffer | undefined>;
  /** The extra files of a backup under a folder (`drills/`), as paths relative to the backup. */
  listExtra(name: string, folder: string): Promise<string[]>;
  /** Keeps the log of a backup that failed (and so never became visible) under `.failed/`. */
  writeFailureLog(name: string, data: Buffer): Promise<void>;
  readFailureLog(name: string): Promise<Buffer | undefined>;
}

export interface Leftovers {
  /** What was removed, one message each. */
  readonly removed: readonly Message[];
  /** Backups being written now (their lock is live): name and backup id. */
  readonly writing: readonly { readonly name: string; readonly id: string }[];
}

export interface BackupWriter {
  write(path: string, data: Buffer): Promise<void>;
  /** Writes the index last, then makes the backup visible in one rename. */
  commit(index: BackupIndex): Promise<void>;
  abort(): Promise<void>;
}

/** Validates a backup index read from any target; refuses newer formats with both versions named. */
export function parseIndex(text: string, name: string, where: string): BackupIndex {
  let raw: { format?: unknown };
  try {
    raw = JSON.parse(text) as { format?: unknown };
  } catch {
    throw new QuaiError('INPUT_INVALID', msg('backup.index.notJson', { name }), {
      location: { file: where },
      hint: msg('backup.index.notJsonHint'),
    });
  }
  if (typeof raw.format === 'number' && raw.format > FORMAT_VERSION) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.index.newerFormat', { name, format: String(raw.format), supported: FORMAT_VERSION }),
      { hint: msg('backup.index.newerFormatHint') },
    );
  }
  const parsed = BackupIndex.safeParse(raw);
  if (!parsed.success) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.index.invalid', {
        name,
        path: parsed.error.issues[0]?.path.join('.') ?? '',
        reason: parsed.error.issues[0]?.message ?? '',
      }),
      { location: { file: where }, hint: msg('backup.index.invalidHint') },
    );
  }
  if (parsed.data.name !== name) {
    throw new QuaiError('INPUT_INVALID', msg('backup.index.otherName', { name, other: parsed.data.name }), {
      location: { file: where },
    });
  }
  return parsed.data;
}

export function checkName(name: string): void {
  if (!BACKUP_NAME.test(name)) {
    throw new QuaiError('USAGE', msg('backup.badName', { name }), { hint: msg('backup.badNameHint') });
  }
}

/** A path inside a backup folder, refusing anything that would escape it. */
function inside(root: string, rel: string): string {
  const full = resolve(root, rel);
  if (!full.startsWith(root + sep)) {
    throw new QuaiError('INPUT_INVALID', msg('backup.pathTraversal', { path: rel }), {
      hint: msg('backup.pathTraversalHint'),
    });
  }
  return full;
}

export class DirectoryTarget implements StorageTarget {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  get description(): string {
    return `directory ${this.root}`;
  }

  /** The target folder exists (it is created if missing) and is a folder. */
  private async ensureRoot(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
    } catch (error) {
      throw this.rootError(error);
    }
    const st = await stat(this.root).catch((error: unknown) => {
      throw this.rootError(error);
    });
    if (!st.isDirectory())
      throw this.rootError(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }));
  }

  private rootError(error: unknown): Error {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      return new QuaiError('INPUT_INVALID', msg('backup.targetNotFolder', { path: this.root }), {
        hint: msg('backup.targetNotFolderHint'),
        cause: error,
      });
    }
    return fileError(error, msg('backup.fs.useTarget'), this.root);
  }

  private lockPath(name: string): string {
    return join(this.root, `.${name}.lock`);
  }

  private async readLock(
    name: string,
  ): Promise<{ record?: LockRecord; text: string; refreshedAt: Date } | undefined> {
    const file = this.lockPath(name);
    try {
      const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
      const record = parseLockRecord(text);
      return { ...(record ? { record } : {}), text, refreshedAt: st.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fileError(error, msg('backup.fs.readLock'), file);
    }
  }

  /** Takes the lock of a name (O_EXCL create); a stale lock is removed and taken over. */
  private async lock(name: string, id: string): Promise<() => Promise<void>> {
    const file = this.lockPath(name);
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(file, 'wx', 0o600);
        try {
          await handle.writeFile(`${JSON.stringify(lockRecord(id))}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw this.rootError(error);
        const held = await this.readLock(name);
        if (held === undefined && attempt < 5) continue;
        if (held === undefined) throw lockedError(name, this.root, undefined);
        if (!lockIsStale(held.record, held.refreshedAt) || attempt >= 3) {
          throw lockedError(name, this.root, held.record);
        }
        // Stale: moved aside in one rename (one taker wins), then checked to be the lock judged
        // stale; a fresh lock taken meanwhile by another process is put back.
        const aside = `${file}.${randomBytes(4).toString('hex')}.stale`;
        try {
          await rename(file, aside);
        } catch {
          continue;
        }
        const took = await readFile(aside, 'utf8').catch(() => '');
        if (took !== held.text) {
          await link(aside, file).catch(() => undefined);
          await rm(aside, { force: true });
          throw lockedError(name, this.root, parseLockRecord(took));
        }
        await rm(aside, { force: true });
      }
    }
    const timer = setInterval(() => {
      const now = new Date();
      utimes(file, now, now).catch(() => undefined);
    }, LOCK_REFRESH_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      const held = await this.readLock(name).catch(() => undefined);
      if (held?.record?.id === id) await rm(file, { force: true });
    };
  }

  /** The partial folders of a name left by earlier attempts. */
  private async partials(name?: string): Promise<{ name: string; folder: string }[]> {
    const entries = await readdir(this.root).catch(() => [] as string[]);
    return entries.flatMap((e) => {
      const m = /^\.([a-z0-9][-a-z0-9]*)\.[0-9a-f]+\.partial$/.exec(e);
      return m?.[1] !== undefined && (name === undefined || m[1] === name)
        ? [{ name: m[1], folder: join(this.root, e) }]
        : [];
    });
  }

  async begin(name: string, id: string): Promise<BackupWriter> {
    checkName(name);
    await this.ensureRoot();
    const final = join(this.root, name);
    const existsError = (): QuaiError =>
      new QuaiError('ALREADY_EXISTS', msg('backup.exists', { name, where: this.root }), {
        hint: msg('backup.existsHint'),
      });
    if (await exists(final)) throw existsError();
    const unlock = await this.lock(name, id);
    let partial: string;
    try {
      // The other writer may have completed while we waited for the lock.
      if (await exists(final)) throw existsError();
      // What a killed attempt of this name left: ours to remove, since we hold the lock.
      for (const p of await this.partials(name)) await rm(p.folder, { recursive: true, force: true });
      partial = join(this.root, `.${name}.${randomBytes(4).toString('hex')}.partial`);
      await mkdir(join(partial, 'resources'), { recursive: true, mode: 0o700 });
    } catch (error) {
      await unlock();
      throw fileError(error, msg('backup.fs.writeBackup'), join(this.root, name));
    }
    return {
      write: async (path, data) => {
        try {
          await writeFileAtomic(inside(partial, path), data, 0o600);
        } catch (error) {
          throw fileError(error, msg('backup.fs.write'), join(partial, path));
        }
      },
      commit: async (index) => {
        try {
          await writeFileAtomic(join(partial, 'index.json'), `${JSON.stringify(index, null, 2)}\n`, 0o600);
          await rename(partial, final);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOTEMPTY' || code === 'EEXIST') throw existsError();
          throw fileError(error, msg('backup.fs.writeBackup'), final);
        } finally {
          await unlock();
        }
      },
      abort: async () => {
        await rm(partial, { recursive: true, force: true });
        await unlock();
      },
    };
  }

  async cleanLeftovers(): Promise<Leftovers> {
    const entries = await readdir(this.root).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
      throw this.rootError(error);
    });
    const locks = entries.flatMap((e) => {
      const m = /^\.([a-z0-9][-a-z0-9]*)\.lock$/.exec(e);
      return m?.[1] === undefined ? [] : [m[1]];
    });
    const { live, writing, removed } = await sweepLocks(
      locks,
      (name) => this.readLock(name),
      (name) => rm(this.lockPath(name), { force: true }),
    );
    for (const p of await this.partials()) {
      if (live.has(p.name)) continue;
      await rm(p.folder, { recursive: true, force: true });
      removed.push(msg('backup.leftover.partialFolder', { folder: p.folder }));
    }
    return { removed, writing };
  }

  async names(): Promise<string[]> {
    const names = await readdir(this.root).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
      throw this.rootError(error);
    });
    const out: string[] = [];
    for (const n of names.filter((x) => BACKUP_NAME.test(x)).sort())
      if (await exists(join(this.root, n, 'index.json'))) out.push(n);
    return out;
  }

  async list(): Promise<BackupIndex[]> {
    const names = await readdir(this.root).catch((error: unknown) => {
      // No folder yet: no backups. Anything else (a file, no permission) is said.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
      throw this.rootError(error);
    });
    const out: BackupIndex[] = [];
    for (const n of names.filter((x) => BACKUP_NAME.test(x)).sort()) {
      out.push(await this.readIndex(n).catch(() => undefined as never));
    }
    return out.filter((x) => x !== undefined);
  }

  async readIndex(name: string): Promise<BackupIndex> {
    checkName(name);
    const file = join(this.root, name, 'index.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fileError(error, msg('backup.fs.read'), file);
      const root = await stat(this.root).catch(() => undefined);
      if (root !== undefined && !root.isDirectory()) throw this.rootError(error);
      throw new QuaiError('NOT_FOUND', msg('backup.notFound', { name, where: this.root }), {
        hint: msg('backup.notFoundHint'),
      });
    }
    return parseIndex(text, name, file);
  }

  async readFile(name: string, path: string): Promise<Buffer> {
    checkName(name);
    const file = inside(join(this.root, name), path);
    try {
      return await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new QuaiError('NOT_FOUND', msg('backup.fileMissing', { path, name, where: this.root }));
      throw fileError(error, msg('backup.fs.read'), file);
    }
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    await rm(join(this.root, name), { recursive: true, force: true });
    await rm(join(this.root, '.failed', `${name}.log.jsonl`), { force: true });
  }

  async writeExtra(name: string, path: string, data: Buffer): Promise<void> {
    checkExtraPath(path);
    await this.readIndex(name);
    const file = inside(join(this.root, name), path);
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, data, 0o600);
    } catch (error) {
      throw fileError(error, msg('backup.fs.write'), file);
    }
  }

  async readExtra(name: string, path: string): Promise<Buffer | undefined> {
    checkName(name);
    checkExtraPath(path);
    return readFile(inside(join(this.root, name), path)).catch(() => undefined);
  }

  async listExtra(name: string, folder: string): Promise<string[]> {
    checkName(name);
    const dir = inside(join(this.root, name), folder);
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .map((n) => `${folder.replace(/\/?$/, '/')}${n}`)
      .filter((p) => EXTRA_PATH.test(p))
      .sort();
  }

  async writeFailureLog(name: string, data: Buffer): Promise<void> {
    checkName(name);
    const file = join(this.root, '.failed', `${name}.log.jsonl`);
    try {
      await mkdir(join(this.root, '.failed'), { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, data, 0o600);
    } catch (error) {
      throw fileError(error, msg('backup.fs.write'), file);
    }
  }

  async readFailureLog(name: string): Promise<Buffer | undefined> {
    checkName(name);
    return readFile(join(this.root, '.failed', `${name}.log.jsonl`)).catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
