import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** JSON writes NaN and the infinities (YAML's .nan, .inf) as null: marked, they read back the same. */
const NON_FINITE = '\u0000number';
function markNonFinite(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? { [NON_FINITE]: String(v) } : v;
}
function readNonFinite(_key: string, v: unknown): unknown {
  return typeof v === 'object' && v !== null && NON_FINITE in v
    ? Number((v as Record<string, unknown>)[NON_FINITE])
    : v;
}
/** JSON text, with NaN and the infinities kept (see parse). */
export function stringify(v: unknown): string {
  const text = JSON.stringify(v);
  // Rare: only a line with a null may have had such a number (a "!" tells the reader).
  if (!text.includes('null')) return text;
  const marked = JSON.stringify(v, markNonFinite);
  return marked === text ? text : `!${marked}`;
}

/** What stringify wrote. */
export function parse(line: string): unknown {
  return line.startsWith('!') ? JSON.parse(line.slice(1), readNonFinite) : JSON.parse(line);
}

/** Lines of text written to a file, in batches of about a mebibyte. */
class LineFile {
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly fd: number,
    private readonly batch = 1 << 20,
  ) {}

  write(line: string): void {
    this.pending.push(line, '\n');
    this.pendingBytes += line.length + 1;
    if (this.pendingBytes > this.batch) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Every line, from the start of the file, read `size` bytes at a time. */
  *lines(size = 1 << 20): Generator<string> {
    this.flush();
    const buffer = Buffer.alloc(size);
    // A character cut at the buffer's end is kept for the next read.
    const decoder = new StringDecoder('utf8');
    let position = 0;
    let rest = '';
    for (;;) {
      const n = readSync(this.fd, buffer, 0, buffer.length, position);
      if (n === 0) break;
      position += n;
      const lines = (rest + decoder.write(buffer.subarray(0, n))).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield line;
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  }
}

/** A private temporary directory, made on first use and removed, with its files, by close(). */
class TempDir {
  private path: string | undefined;
  private readonly fds: number[] = [];

  open(name: string): number {
    this.path ??= mkdtempSync(join(tmpdir(), 'quai-audit-'));
    const fd = openSync(join(this.path, name), 'w+', 0o600);
    this.fds.push(fd);
    return fd;
  }

  close(): void {
    for (const fd of this.fds.splice(0)) closeSync(fd);
    if (this.path !== undefined) rmSync(this.path, { recursive: true, force: true });
    this.path = undefined;
  }
}

/**
 * Items kept in memory up to a bound and spilled beyond it to a temporary file as JSON lines,
 * read back in the order they were added, any number of times.
 */
export class Spool<T> {
  private readonly memory: T[] = [];
  private readonly dir = new TempDir();
  private file: LineFile | undefined;

  constructor(
    private readonly inMemory: number,
    private readonly encode: (t: T) => string = stringify,
    private readonly decode: (line: string) => T = (line) => parse(line) as T,
    /** Bytes read at a time: less when many spools are read at once (merged). */
    private readonly readSize = 1 << 20,
  ) {}

  add(t: T): void {
    if (this.file === undefined && this.memory.length < this.inMemory) {
      this.memory.push(t);
      return;
    }
    if (this.file === undefined) {
      this.file = new LineFile(this.dir.open('spool.ndjson'));
      for (const m of this.memory.splice(0)) this.file.write(this.encode(m));
    }
    this.file.write(this.encode(t));
  }

  *read(): Generator<T> {
    if (this.file === undefined) {
      yield* this.memory;
      return;
    }
    for (const line of this.file.lines(this.readSize)) yield this.decode(line);
  }

  /** Removes the temporary file, if any. */
  close(): void {
    this.file = undefined;
    this.memory.length = 0;
    this.dir.close();
  }
}

/** A small, stable hash of a text (FNV-1a), to pick a partition. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Items grouped by a key (a namespace) into partitions: all in memory up to a bound, and beyond
 * it in `count` temporary files, each key's items in the same partition, so that a partition at
 * a time can be read back (items in the order they were added) and memory holds one partition.
 */
export class SpillPartitions<T> {
  private memory: { key: string; t: T }[] = [];
  private readonly dir = new TempDir();
  private files: LineFile[] | undefined;

  constructor(
    private readonly inMemory: number,
    private readonly encode: (t: T) => string,
    private readonly decode: (line: string) => T,
    readonly count = 32,
  ) {}

  /** Whether items went to files (else there is one partition, in memory). */
  get spilled(): boolean {
    return this.files !== undefined;
  }

  /** The partition of a key, once spilled (0 before: there is one). */
  partitionOf(key: string): number {
    return this.files === undefined ? 0 : hash(key) % this.count;
  }

  add(key: string, t: T): void {
    if (this.files === undefined) {
      this.memory.push({ key, t });
      if (this.memory.length <= this.inMemory) return;
      const files: LineFile[] = [];
      for (let i = 0; i < this.count; i++)
        files.push(new LineFile(this.dir.open(`partition-${i}.ndjson`), 1 << 18));
      this.files = files;
      for (const m of this.memory) this.write(m.key, m.t);
      this.memory = [];
      return;
    }
    this.write(key, t);
  }

  private write(key: string, t: T): void {
    const file = this.files?.[this.partitionOf(key)];
    if (file === undefined) return;
    file.write(this.encode(t));
  }

  /** Each partition's items, in the order added (one partition, in memory, when not spilled). */
  *partitions(): Generator<T[]> {
    if (this.files === undefined) {
      yield this.memory.map((m) => m.t);
      return;
    }
    for (const file of this.files) {
      const items: T[] = [];
      for (const line of file.lines()) items.push(this.decode(line));
      yield items;
    }
  }

  /** Removes the temporary files, if any. */
  close(): void {
    this.files = undefined;
    this.memory = [];
    this.dir.close();
  }
}
