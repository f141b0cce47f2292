import { msg } from '@quai/contracts';
import type { FoundPackage, ParseResult, ScanWarning } from './parsers.js';

/*
 * Go build information embedded in ELF executables (what `go version -m` prints): the Go version
 * and the module list (main module, dependencies with versions, replacements). The linker writes
 * a 32-byte header starting `\xff Go buildinf:` at the start of the .go.buildinfo section, which
 * is the first section of the first writable PT_LOAD segment. Since Go 1.18 the two strings follow
 * the header inline (varint length + bytes, flag bit 2); before, the header holds two pointers to
 * Go string headers, which are resolved through the program headers (virtual address -> file
 * offset) and need random access.
 *
 * Two ways in. From a file on disk (random access): ELF section headers, falling back to the
 * program headers. From a layer stream (forward only, bounded memory): ELF header, program headers
 * (right after it), then only the first 64 KiB of the writable segment; the rest of the binary is
 * skipped by the tar reader, never buffered. Old-format binaries (Go < 1.18) read from a stream are
 * reported, not read.
 */

export const GO_BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_SIZE = 32;
const ALIGN = 16;
/** How much of the writable segment is searched for the header (as debug/buildinfo). */
const SEARCH_BYTES = 64 * 1024;
/** The largest build-info string accepted (a module list of thousands of deps is ~300 KiB). */
const MAX_STRING = 4 * 1024 * 1024;

export class GoBinaryError extends Error {}

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

interface Elf {
  readonly is64: boolean;
  readonly le: boolean;
  readonly phoff: number;
  readonly phentsize: number;
  readonly phnum: number;
  readonly shoff: number;
  readonly shentsize: number;
  readonly shnum: number;
  readonly shstrndx: number;
}

interface Segment {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
}

function u(buf: Buffer, at: number, size: 2 | 4 | 8, le: boolean): number {
  if (at + size > buf.length) throw new GoBinaryError('a truncated ELF structure');
  if (size === 2) return le ? buf.readUInt16LE(at) : buf.readUInt16BE(at);
  if (size === 4) return le ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
  const v = le ? buf.readBigUInt64LE(at) : buf.readBigUInt64BE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new GoBinaryError('an ELF offset beyond 2^53');
  return Number(v);
}

/** Whether the first bytes are an ELF header. */
export function isElf(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
}

function parseElfHeader(h: Buffer): Elf {
  if (!isElf(h) || h.length < 52) throw new GoBinaryError('not an ELF file');
  const is64 = h[4] === 2;
  const le = h[5] === 1;
  if ((h[4] !== 1 && h[4] !== 2) || (h[5] !== 1 && h[5] !== 2)) throw new GoBinaryError('bad ELF class');
  const w = is64 ? 8 : 4;
  const base = 24 + w; // after e_entry
  return {
    is64,
    le,
    phoff: u(h, base, w, le),
    shoff: u(h, base + w, w, le),
    phentsize: u(h, base + 2 * w + 6, 2, le),
    phnum: u(h, base + 2 * w + 8, 2, le),
    shentsize: u(h, base + 2 * w + 10, 2, le),
    shnum: u(h, base + 2 * w + 12, 2, le),
    shstrndx: u(h, base + 2 * w + 14, 2, le),
  };
}

async function segments(elf: Elf, read: ReadAt): Promise<Segment[]> {
  if (elf.phnum === 0 || elf.phentsize < (elf.is64 ? 56 : 32) || elf.phnum * elf.phentsize > 64 * 1024)
    throw new GoBinaryError('implausible ELF program headers');
  const table = await read(elf.phoff, elf.phnum * elf.phentsize);
  const out: Segment[] = [];
  for (let i = 0; i < elf.phnum; i++) {
    const at = i * elf.phentsize;
    const le = elf.le;
    out.push(
      elf.is64
        ? {
            type: u(table, at, 4, le),
            flags: u(table, at + 4, 4, le),
            offset: u(table, at + 8, 8, le),
            vaddr: u(table, at + 16, 8, le),
            filesz: u(table, at + 32, 8, le),
          }
        : {
            type: u(table, at, 4, le),
            offset: u(table, at + 4, 4, le),
            vaddr: u(table, at + 8, 4, le),
            filesz: u(table, at + 16, 4, le),
            flags: u(table, at + 24, 4, le),
          },
    );
  }
  return out;
}

/** The .go.buildinfo section from the section headers, when they are there. */
async function buildInfoSection(
  elf: Elf,
  read: ReadAt,
): Promise<{ offset: number; size: number } | undefined> {
  if (elf.shnum === 0 || elf.shstrndx >= elf.shnum || elf.shnum * elf.shentsize > 1024 * 1024)
    return undefined;
  const table = await read(elf.shoff, elf.shnum * elf.shentsize);
  const w: 4 | 8 = elf.is64 ? 8 : 4;
  const field = (i: number, at: number, size: 4 | 8): number =>
    u(table, i * elf.shentsize + at, size, elf.le);
  const sec = (i: number): { name: number; offset: number; size: number } => ({
    name: field(i, 0, 4),
    offset: field(i, elf.is64 ? 24 : 16, w),
    size: field(i, elf.is64 ? 32 : 20, w),
  });
  const strtab = sec(elf.shstrndx);
  if (strtab.size > 1024 * 1024) return undefined;
  const names = await read(strtab.offset, strtab.size);
  for (let i = 0; i < elf.shnum; i++) {
    const s = sec(i);
    const end = names.indexOf(0, s.name);
    if (end > s.name && names.toString('latin1', s.name, end) === '.go.buildinfo') return s;
  }
  return undefined;
}

function readVarint(buf: Buffer, at: number): [number, number] | undefined {
  let v = 0;
  let shift = 0;
  for (let i = 0; i < 10 && at + i < buf.length; i++) {
    const b = buf[at + i]!;
    v += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [v, i + 1];
    shift += 7;
  }
  return undefined;
}

export interface GoBuildInfo {
  /** `go1.22.3` (possibly with experiment suffixes, as the binary says). */
  readonly goVersion: string;
  /** The raw module information (`path`, `mod`, `dep`, `=>`, `build` lines). */
  readonly modInfo: string;
}

/** Strips the 16-byte sentinels the linker puts around the module information. */
function unwrapModInfo(mod: string): string {
  return mod.length >= 33 && mod[mod.length - 17] === '\n' ? mod.slice(16, -16) : '';
}

/**
 * Finds and decodes the build information. `random` says whether `read` can go backwards (a file)
 * or only forwards (a stream): then section headers, at the end of the file, are not used.
 */
export async function readGoBuildInfo(read: ReadAt, random: boolean): Promise<GoBuildInfo | undefined> {
  const elf = parseElfHeader(await read(0, 64));
  let region: { offset: number; size: number } | undefined;
  let segs: Segment[] | undefined;
  if (random) region = await buildInfoSection(elf, read).catch(() => undefined);
  if (region === undefined) {
    segs = await segments(elf, read);
    const data = segs.find((s) => s.type === 1 && (s.flags & 2) !== 0);
    if (data === undefined) return undefined;
    region = { offset: data.offset, size: data.filesz };
  }
  const window = await read(region.offset, Math.min(region.size, SEARCH_BYTES));
  let found = window.indexOf(GO_BUILDINFO_MAGIC);
  while (found >= 0 && (found % ALIGN !== 0 || window.length - found < HEADER_SIZE))
    found = window.indexOf(GO_BUILDINFO_MAGIC, found + 1);
  if (found < 0) return undefined;
  const header = window.subarray(found, found + HEADER_SIZE);
  const ptrSize = header[14]!;
  const flags = header[15]!;
  if ((flags & 2) !== 0) {
    // Inline strings right after the header; read further when they go past the window.
    const start = region.offset + found + HEADER_SIZE;
    let body = window.subarray(found + HEADER_SIZE);
    const strings: string[] = [];
    let at = 0;
    for (let k = 0; k < 2; k++) {
      let v = readVarint(body, at);
      if (v === undefined || at + v[1] + v[0] > body.length) {
        const need = Math.min((v?.[0] ?? 0) + at + 10, MAX_STRING * 2 + 20);
        if (v !== undefined && v[0] > MAX_STRING) throw new GoBinaryError('an implausible build-info string');
        body = Buffer.concat([body, await read(start + body.length, need - body.length)]);
        v = readVarint(body, at);
      }
      if (v === undefined || v[0] > MAX_STRING || at + v[1] + v[0] > body.length)
        throw new GoBinaryError('truncated build information');
      strings.push(body.toString('utf8', at + v[1], at + v[1] + v[0]));
      at += v[1] + v[0];
    }
    return { goVersion: strings[0]!, modInfo: unwrapModInfo(strings[1]!) };
  }
  // Go < 1.18: two pointers to string headers {data pointer, length}.
  if (!random) throw new GoBinaryError('a Go < 1.18 binary (pointer format) needs random access');
  if (ptrSize !== 4 && ptrSize !== 8) throw new GoBinaryError(`pointer size ${ptrSize}`);
  const ps: 4 | 8 = ptrSize === 4 ? 4 : 8;
  const le = (flags & 1) === 0;
  segs ??= await segments(elf, read);
  const loads = segs.filter((s) => s.type === 1);
  const readPtr = (buf: Buffer, at: number): number => u(buf, at, ps, le);
  const readMem = async (addr: number, len: number): Promise<Buffer> => {
    const s = loads.find((x) => addr >= x.vaddr && addr + len <= x.vaddr + x.filesz);
    if (s === undefined) throw new GoBinaryError('a build-info pointer outside the loaded segments');
    return read(s.offset + (addr - s.vaddr), len);
  };
  const readString = async (addr: number): Promise<string> => {
    const hdr = await readMem(addr, 2 * ptrSize);
    const data = readPtr(hdr, 0);
    const len = readPtr(hdr, ptrSize);
    if (len > MAX_STRING) throw new GoBinaryError('an implausible build-info string');
    return len === 0 ? '' : (await readMem(data, len)).toString('utf8');
  };
  const goVersion = await readString(readPtr(header, 16));
  const modInfo = unwrapModInfo(await readString(readPtr(header, 16 + ptrSize)));
  return { goVersion, modInfo };
}

/** A compact build-info blob in the inline format: what a layer stream keeps of a Go binary. */
export function encodeGoBuildInfo(info: GoBuildInfo): Buffer {
  const varint = (n: number): Buffer => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    out.push(n);
    return Buffer.from(out);
  };
  const header = Buffer.alloc(HEADER_SIZE);
  GO_BUILDINFO_MAGIC.copy(header);
  header[14] = 8;
  header[15] = 2;
  const v = Buffer.from(info.goVersion, 'utf8');
  const sentinel = Buffer.alloc(16, 0x20);
  const m = Buffer.concat([sentinel, Buffer.from(info.modInfo, 'utf8'), sentinel]);
  // unwrapModInfo needs a newline 17 bytes from the end, as the linker writes it.
  return Buffer.concat([header, varint(v.length), v, varint(m.length), m]);
}

/** Decodes a blob made by encodeGoBuildInfo (or a raw inline-format .go.buildinfo section). */
export function decodeGoBuildInfo(blob: Buffer): GoBuildInfo | undefined {
  if (blob.length < HEADER_SIZE || !blob.subarray(0, 14).equals(GO_BUILDINFO_MAGIC) || (blob[15]! & 2) === 0)
    return undefined;
  const body = blob.subarray(HEADER_SIZE);
  const a = readVarint(body, 0);
  if (a === undefined) return undefined;
  const b = readVarint(body, a[1] + a[0]);
  if (b === undefined) return undefined;
  const start = a[1] + a[0] + b[1];
  return {
    goVersion: body.toString('utf8', a[1], a[1] + a[0]),
    modInfo: unwrapModInfo(body.toString('utf8', start, start + b[0])),
  };
}

/** Modules of a Go binary: dependencies (replacements applied), the main module, and the stdlib. */
export function parseGoBuildInfo(info: GoBuildInfo, location: string): ParseResult {
  const packages: FoundPackage[] = [];
  const warnings: ScanWarning[] = [];
  let last: { name: string; version: string } | undefined;
  const flush = (): void => {
    if (last !== undefined && last.version !== '(devel)' && last.version !== '')
      packages.push({ kind: 'golang', name: last.name, version: last.version, location });
    last = undefined;
  };
  for (const line of info.modInfo.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'mod' || f[0] === 'dep') {
      flush();
      if (f[1] !== undefined && f[2] !== undefined) last = { name: f[1], version: f[2] };
    } else if (f[0] === '=>' && last !== undefined && f[1] !== undefined) {
      // A local-path replacement has no version: the module is then what the path holds, unknown.
      last = { name: f[1], version: f[2] ?? '' };
    }
  }
  flush();
  const go = /^go(\d+(?:\.\d+){0,2})/.exec(info.goVersion.trim());
  if (go !== null) packages.push({ kind: 'golang', name: 'stdlib', version: go[1]!, location });
  else warnings.push(msg('scan.inventory.goVersionUnknown', { location, version: info.goVersion }));
  return { packages, warnings };
}

/** Reads the build information of a Go binary from a forward-only stream of its bytes. */
export async function goBuildInfoFromStream(body: AsyncIterable<Buffer>): Promise<GoBuildInfo | undefined> {
  const it = body[Symbol.asyncIterator]();
  let buffered: Buffer = Buffer.alloc(0);
  let base = 0; // file offset of buffered[0]
  let done = false;
  const read: ReadAt = async (offset, length) => {
    if (offset < base) throw new GoBinaryError('a backward read on a stream');
    while (!done && base + buffered.length < offset + length) {
      const next = await it.next();
      if (next.done === true) {
        done = true;
        break;
      }
      buffered = buffered.length === 0 ? next.value : Buffer.concat([buffered, next.value]);
      // Drop what lies before the requested offset: memory stays bounded by the largest read.
      if (offset - base > 0) {
        const drop = Math.min(offset - base, buffered.length);
        buffered = buffered.subarray(drop);
        base += drop;
      }
    }
    const from = offset - base;
    return Buffer.from(buffered.subarray(from, from + length));
  };
  return readGoBuildInfo(read, false);
}
