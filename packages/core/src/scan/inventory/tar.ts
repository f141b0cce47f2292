import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';

/*
 * A streaming reader of tar archives (ustar, GNU long names, PAX extended headers), for image
 * layers: entries come one at a time from an async iterable of chunks, and the content of an
 * entry is kept only when the caller asks for it (`want`), up to a size cap. Nothing is written
 * to disk, so hostile layers (absurd sizes, `..` paths, links out of the root) cannot touch the
 * machine; the caller gets normalised paths and decides.
 */

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** Normalised path, relative to the root, without a leading `./` or `/`. */
  readonly path: string;
  readonly type: TarEntryType;
  readonly size: number;
  readonly linkName: string;
  /** The content, when `want` asked for it and the entry is a regular file within the cap. */
  readonly data?: Buffer;
  /** Where the content starts in the (uncompressed) archive stream, in bytes. */
  readonly offset?: number;
}

export interface TarReadOptions {
  /** Which regular files to keep the content of. */
  readonly want: (path: string) => boolean;
  /** The largest content kept; larger wanted files are reported as too large. */
  readonly maxFileBytes?: number;
  /** Called for every entry, in order. */
  readonly onEntry: (entry: TarEntry) => void;
  /** Where the archive comes from, for error messages. */
  readonly source: string;
  /**
   * For regular files not kept whole: a reader of the content as a stream (Go binaries, Java
   * archives), whose small result becomes the entry's `data`. It reads what it needs; the rest
   * is skipped. It must not throw for bad content (it reports it in its result).
   */
  readonly consume?: (path: string, size: number, mode: number) => EntryConsumer | undefined;
  /** What is left of an image's budget, shared by its layers (hostile archives). */
  readonly budget?: TarBudget;
}

/**
 * The remaining allowance of one image: tar entries, and bytes (the caller meters the bytes it
 * reads; a header announcing more than is left fails at once).
 */
export interface TarBudget {
  entries: number;
  bytes: number;
  readonly onExceeded: (what: Message) => Error;
}

export type EntryConsumer = (body: AsyncIterable<Buffer>) => Promise<Buffer | undefined>;

const BLOCK = 512;

/** Normalises a path inside an archive; undefined for paths that leave the root. */
export function normalizeArchivePath(raw: string): string | undefined {
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.join('/');
}

function parseOctal(buf: Buffer, start: number, length: number): number {
  // GNU base-256 for large sizes: high bit of the first byte set.
  if ((buf[start]! & 0x80) !== 0) {
    let n = 0;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + buf[i]!;
    return n;
  }
  const text = buf
    .toString('latin1', start, start + length)
    .replace(/\0.*$/s, '')
    .trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function cString(buf: Buffer, start: number, length: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end < 0 || end > start + length ? start + length : end);
}

function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let p = 0;
  while (p < data.length) {
    const space = data.indexOf(0x20, p);
    if (space < 0) break;
    const len = Number.parseInt(data.toString('utf8', p, space), 10);
    if (!Number.isFinite(len) || len <= 0 || p + len > data.length) break;
    const record = data.toString('utf8', space + 1, p + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    p += len;
  }
  return out;
}

/** A byte queue over the chunk stream, reading exactly what is asked. */
class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  /** Bytes handed out so far. */
  position = 0;
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer | Uint8Array | string>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const next = await this.it.next();
      if (next.done === true) this.done = true;
      else {
        const b = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        this.chunks.push(b);
        this.length += b.length;
      }
    }
    return this.length >= n;
  }

  /** Exactly n bytes, or undefined at the end of the stream (a short read throws). */
  async read(n: number, what: () => string): Promise<Buffer | undefined> {
    if (!(await this.fill(n))) {
      if (this.length === 0) return undefined;
      throw new Error(`truncated: ${what()} needs ${n} bytes, ${this.length} left`);
    }
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    this.position += n;
    return out;
  }

  /** Skips n bytes without keeping them. */
  async skip(n: number, what: () => string): Promise<void> {
    let left = n;
    while (left > 0) {
      const step = Math.min(left, 1 << 20);
      if ((await this.read(step, what)) === undefined) throw new Error(`truncated: ${what()}`);
      left -= step;
    }
  }
}

export async function readTar(
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
  options: TarReadOptions,
): Promise<void> {
  const max = options.maxFileBytes ?? 64 * 1024 * 1024;
  const reader = new ByteReader(chunks[Symbol.asyncIterator]());
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  let globalPax = new Map<string, string>();
  let index = 0;
  try {
    for (;;) {
      const header = await reader.read(BLOCK, () => `header ${index + 1}`);
      if (header === undefined || header.every((b) => b === 0)) return; // end of archive
      index++;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
      if (sum !== parseOctal(header, 148, 8)) {
        throw new Error(`header ${index} has a bad checksum (not a tar archive, or damaged)`);
      }
      const typeflag = String.fromCharCode(header[156]!);
      const size = pax.has('size') ? Number(pax.get('size')) : parseOctal(header, 124, 12);
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`header ${index} has an invalid size`);
      const budget = options.budget;
      if (budget !== undefined) {
        budget.entries -= 1;
        if (budget.entries < 0) throw budget.onExceeded(msg('scan.limit.tarEntries'));
        if (size > budget.bytes)
          throw budget.onExceeded(msg('scan.limit.uncompressedHeader', { index, size }));
      }
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      const what = (): string => `entry ${index}`;
      if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'g') {
        if (size > 1024 * 1024)
          throw new Error(`header ${index}: a ${size}-byte metadata entry is not plausible`);
        const body = (await reader.read(padded, what)) ?? Buffer.alloc(0);
        const data = body.subarray(0, size);
        if (typeflag === 'L') longName = cString(data, 0, data.length);
        else if (typeflag === 'K') longLink = cString(data, 0, data.length);
        else if (typeflag === 'x') pax = parsePax(data);
        else globalPax = parsePax(data);
        continue;
      }
      const prefix = header.subarray(257, 263).toString('latin1').startsWith('ustar')
        ? cString(header, 345, 155)
        : '';
      const name =
        pax.get('path') ??
        globalPax.get('path') ??
        longName ??
        (prefix === '' ? '' : `${prefix}/`) + cString(header, 0, 100);
      const linkName = pax.get('linkpath') ?? longLink ?? cString(header, 157, 100);
      longName = undefined;
      longLink = undefined;
      pax = new Map();
      const type: TarEntryType =
        typeflag === '0' || typeflag === '\0' || typeflag === '7'
          ? 'file'
          : typeflag === '5'
            ? 'dir'
            : typeflag === '2'
              ? 'symlink'
              : typeflag === '1'
                ? 'hardlink'
                : 'other';
      const path = normalizeArchivePath(name);
      if (path === undefined) {
        // A path leaving the root (`../etc/passwd`): never followed; reported as an "other" entry.
        await reader.skip(padded, what);
        options.onEntry({ path: name, type: 'other', size, linkName });
        continue;
      }
      const consume =
        type === 'file' && !options.want(path)
          ? options.consume?.(path, size, parseOctal(header, 100, 8))
          : undefined;
      if (consume !== undefined) {
        let left = size;
        async function* body(): AsyncGenerator<Buffer> {
          while (left > 0) {
            const step = Math.min(left, 1 << 20);
            left -= step;
            const chunk = await reader.read(step, what);
            if (chunk === undefined) throw new Error(`truncated: ${what()}`);
            yield chunk;
          }
        }
        const data = await consume(body());
        await reader.skip(left + padded - size, what);
        options.onEntry({ path, type, size, linkName, ...(data === undefined ? {} : { data }) });
        continue;
      }
      const offset = reader.position;
      if (type === 'file' && size <= max && options.want(path)) {
        const body = (await reader.read(padded, what)) ?? Buffer.alloc(0);
        options.onEntry({ path, type, size, linkName, data: Buffer.from(body.subarray(0, size)), offset });
      } else {
        await reader.skip(padded, what);
        options.onEntry({ path, type, size, linkName, offset });
      }
    }
  } catch (error) {
    if (error instanceof QuaiError) throw error;
    throw new QuaiError(
      'INPUT_INVALID',
      msg('scan.tar.unreadable', { file: options.source, reason: (error as Error).message }),
      {
        hint: msg('scan.tar.unreadableHint'),
        location: { file: options.source },
      },
    );
  }
}
