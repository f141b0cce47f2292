import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { QuaiError } from '../errors/index.js';
import { writeFileAtomic } from '../util/index.js';
import { BACKUP_NAME, BackupIndex, FORMAT_VERSION } from './format.js';
import { checkExtraPath, EXTRA_PATH } from './log.js';

/** Where backups live. One real adapter today: a directory (local disk or NFS mount). */
export interface StorageTarget {
  readonly description: string;
  /** Starts a backup: files go to a hidden area until `commit` makes the whole backup visible. */
  begin(name: string): Promise<BackupWriter>;
  list(): Promise<BackupIndex[]>;
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
    throw new QuaiError('INPUT_INVALID', `The index of backup "${name}" is not valid JSON.`, {
      location: { file: where },
      hint: 'The backup is corrupt.',
    });
  }
  if (typeof raw.format === 'number' && raw.format > FORMAT_VERSION) {
    throw new QuaiError(
      'INPUT_INVALID',
      `Backup "${name}" uses format ${raw.format}; this Quai reads format ${FORMAT_VERSION} and older.`,
      {
        hint: 'Upgrade Quai to restore it.',
      },
    );
  }
  const parsed = BackupIndex.safeParse(raw);
  if (!parsed.success) {
    throw new QuaiError(
      'INPUT_INVALID',
      `The index of backup "${name}" is invalid: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}.`,
      { location: { file: where }, hint: 'The backup was altered or is corrupt.' },
    );
  }
  if (parsed.data.name !== name) {
    throw new QuaiError(
      'INPUT_INVALID',
      `The index of backup "${name}" names another backup ("${parsed.data.name}").`,
      { location: { file: where } },
    );
  }
  return parsed.data;
}

export function checkName(name: string): void {
  if (!BACKUP_NAME.test(name)) {
    throw new QuaiError('USAGE', `Invalid backup name "${name}".`, {
      hint: 'Use lower-case letters, digits and "-" (at most 63).',
    });
  }
}

/** A path inside a backup folder, refusing anything that would escape it. */
function inside(root: string, rel: string): string {
  const full = resolve(root, rel);
  if (!full.startsWith(root + sep)) {
    throw new QuaiError(
      'INPUT_INVALID',
      `Backup entry "${rel}" points outside the backup (path traversal): refused.`,
      {
        hint: 'The archive was altered or crafted; do not restore it.',
      },
    );
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

  async begin(name: string): Promise<BackupWriter> {
    checkName(name);
    await mkdir(this.root, { recursive: true });
    const final = join(this.root, name);
    if (await exists(final)) {
      throw new QuaiError('ALREADY_EXISTS', `A backup named "${name}" exists already in ${this.root}.`, {
        hint: 'Pick another name; backups are never overwritten.',
      });
    }
    const partial = join(this.root, `.${name}.${randomBytes(4).toString('hex')}.partial`);
    await mkdir(join(partial, 'resources'), { recursive: true, mode: 0o700 });
    return {
      write: (path, data) => writeFileAtomic(inside(partial, path), data, 0o600),
      commit: async (index) => {
        await writeFileAtomic(join(partial, 'index.json'), `${JSON.stringify(index, null, 2)}\n`, 0o600);
        await rename(partial, final);
      },
      abort: () => rm(partial, { recursive: true, force: true }),
    };
  }

  async list(): Promise<BackupIndex[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
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
    } catch {
      throw new QuaiError('NOT_FOUND', `No backup named "${name}" in ${this.root}.`, {
        hint: 'List them with `quai backup list`.',
      });
    }
    return parseIndex(text, name, file);
  }

  async readFile(name: string, path: string): Promise<Buffer> {
    checkName(name);
    return readFile(inside(join(this.root, name), path));
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
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, data, 0o600);
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
    await mkdir(join(this.root, '.failed'), { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(this.root, '.failed', `${name}.log.jsonl`), data, 0o600);
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
