import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { msg, type Param } from '@quai/contracts';
import { readFileIfExistsSync } from '../../util/index.js';
import type { RangeEvent } from '../versions/index.js';
import { damaged } from './damaged.js';
import { printable } from './printable.js';
import type { OsvRecord } from './schema.js';
import { severityOf, type Severity } from './severity.js';

/*
 * The matching index of one ecosystem (`Debian:12`, `npm`): what matching needs, per package
 * name, and nothing else; the details a finding shows are read only for the records that match.
 * Written by the import with the rest of a generation, next to data/:
 *
 *   match/<Ecosystem>.idx       one read: a table of the sorted names (binary search on the
 *                               bytes), and per name the JSON of its entries; CRC-32 at the end
 *   match/<Ecosystem>.details   per name, one deflated block: the details of the records first
 *                               met under that name (each record once), one JSON line each;
 *                               read only for the records that match
 *
 * .idx layout (little-endian u32):
 *   0  "QUAIMIX1"   8  names N   12  names bytes   16  entries bytes   20  .details bytes
 *   24 N+1 name offsets, N+1 entry offsets, N+1 offsets of the .details blocks, the names
 *   (UTF-8), the entries (JSON), CRC-32 of all that comes before it.
 *
 * An entry is a record naming the package, as
 *   [id, [[affectedIndex, name | 0, versions | 0, ranges], ...], block, line]
 * (its details are line `line` of the block of name number `block`)
 * with only the record's affected entries of this ecosystem and name (the name as the record
 * spells it, 0 when it is the normalized one), their non-GIT ranges as [type, events]; withdrawn
 * records are left out. Entries are in the order the store's chunks give them (home, then id).
 */

export const MATCH_INDEX_VERSION = 1;
const MAGIC = Buffer.from('QUAIMIX1', 'latin1');
const HEAD = 24;

export type IndexedRange = readonly [type: 'SEMVER' | 'ECOSYSTEM', events: readonly RangeEvent[]];
export type IndexedAffected = readonly [
  index: number,
  name: string | 0,
  versions: readonly string[] | 0,
  ranges: readonly IndexedRange[],
];
export type IndexedRecord = readonly [
  id: string,
  affected: readonly IndexedAffected[],
  block: number,
  line: number,
];

/** What a finding shows of its record; `severity` by affected index (absent: unknown, none). */
export interface RecordDetails {
  readonly aliases: readonly string[];
  readonly summary?: string;
  readonly modified: string;
  readonly published?: string;
  readonly references: readonly string[];
  readonly severity: Readonly<Record<string, Severity>>;
}

export function detailsOf(record: OsvRecord, affectedIndexes: readonly number[]): RecordDetails {
  const severity: Record<string, Severity> = {};
  for (const i of affectedIndexes) {
    const s = severityOf(record, record.affected?.[i]);
    if (s.level !== 'unknown' || s.source !== 'none') severity[i] = s; // that one is the default
  }
  return {
    aliases: record.aliases ?? [],
    ...(record.summary === undefined ? {} : { summary: record.summary }),
    modified: record.modified,
    ...(record.published === undefined ? {} : { published: record.published }),
    references: (record.references ?? [])
      .filter((r) => r.type === 'ADVISORY' || r.type === 'WEB')
      .map((r) => r.url)
      .slice(0, 5),
    severity,
  };
}

/** Collects one ecosystem's entries, then writes its two files. */
export class MatchIndexBuilder {
  // Kept as JSON text (a few strings per record, not the objects of whole records).
  private readonly byName = new Map<string, { home: string; id: string; affected: string }[]>();
  private readonly details = new Map<string, string>();

  constructor(
    readonly ecosystem: string,
    private readonly normalize: (name: string) => string,
  ) {}

  /** A record of the store (in its home), naming this ecosystem or not. */
  add(home: string, record: OsvRecord): void {
    if (record.withdrawn !== undefined) return;
    const perName = new Map<string, IndexedAffected[]>();
    const indexes: number[] = [];
    (record.affected ?? []).forEach((a, index) => {
      if (a.package?.ecosystem !== this.ecosystem) return;
      const normalized = this.normalize(a.package.name);
      const ranges = (a.ranges ?? [])
        .filter((r) => r.type !== 'GIT')
        .map((r): IndexedRange => [
          r.type as 'SEMVER' | 'ECOSYSTEM',
          r.events as unknown as readonly RangeEvent[],
        ]);
      let list = perName.get(normalized);
      if (list === undefined) perName.set(normalized, (list = []));
      list.push([
        index,
        a.package.name === normalized ? 0 : a.package.name,
        a.versions === undefined ? 0 : a.versions,
        ranges,
      ]);
      indexes.push(index);
    });
    if (perName.size === 0) return;
    this.details.set(record.id, JSON.stringify(detailsOf(record, indexes)));
    for (const [name, affected] of perName) {
      let list = this.byName.get(name);
      if (list === undefined) this.byName.set(name, (list = []));
      list.push({ home, id: record.id, affected: JSON.stringify(affected) });
    }
  }

  /** The .idx and .details contents. */
  build(): { index: Buffer; details: Buffer } {
    const names = [...this.byName.keys()]
      .map((n) => Buffer.from(n, 'utf8'))
      .sort((a, b) => Buffer.compare(a, b));
    const detailParts: Buffer[] = [];
    const entryParts: Buffer[] = [];
    const nameOffsets = new Uint32Array(names.length + 1);
    const entryOffsets = new Uint32Array(names.length + 1);
    const detailOffsets = new Uint32Array(names.length + 1);
    let nameBytes = 0;
    let entryBytes = 0;
    let detailBytes = 0;
    const placed = new Map<string, readonly [number, number]>(); // id -> [block, line]
    names.forEach((nameBuf, i) => {
      const list = this.byName.get(nameBuf.toString('utf8'))!;
      list.sort((a, b) =>
        a.home < b.home ? -1 : a.home > b.home ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      );
      const lines: string[] = [];
      // JSON.stringify of the IndexedRecord list, from the parts kept as text.
      const entries = list.map((e) => {
        let at = placed.get(e.id);
        if (at === undefined) {
          at = [i, lines.length];
          placed.set(e.id, at);
          lines.push(`${this.details.get(e.id)!}\n`);
        }
        return `[${JSON.stringify(e.id)},${e.affected},${at[0]},${at[1]}]`;
      });
      const body = Buffer.from(`[${entries.join(',')}]`, 'utf8');
      const block = lines.length === 0 ? Buffer.alloc(0) : deflateRawSync(lines.join(''));
      nameOffsets[i] = nameBytes;
      entryOffsets[i] = entryBytes;
      detailOffsets[i] = detailBytes;
      nameBytes += nameBuf.length;
      entryBytes += body.length;
      detailBytes += block.length;
      entryParts.push(body);
      detailParts.push(block);
    });
    nameOffsets[names.length] = nameBytes;
    entryOffsets[names.length] = entryBytes;
    detailOffsets[names.length] = detailBytes;
    const head = Buffer.alloc(HEAD);
    MAGIC.copy(head, 0);
    head.writeUInt32LE(names.length, 8);
    head.writeUInt32LE(nameBytes, 12);
    head.writeUInt32LE(entryBytes, 16);
    head.writeUInt32LE(detailBytes, 20);
    const table = (t: Uint32Array): Buffer => Buffer.from(t.buffer, t.byteOffset, t.byteLength);
    const body = Buffer.concat([
      head,
      table(nameOffsets),
      table(entryOffsets),
      table(detailOffsets),
      ...names,
      ...entryParts,
    ]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(crc32(body), 0);
    return { index: Buffer.concat([body, tail]), details: Buffer.concat(detailParts) };
  }
}

/** One ecosystem's index, read in one go; entries parsed per name looked up. */
export class MatchIndex {
  private readonly names: number;
  private readonly nameAt: number;
  private readonly entryTableAt: number;
  private readonly detailTableAt: number;
  private readonly namesAt: number;
  private readonly entriesAt: number;
  private readonly entriesEnd: number;
  readonly detailsBytes: number;

  private constructor(
    readonly path: string,
    readonly detailsPath: string,
    private readonly buf: Buffer,
  ) {
    const fail = (why: Param): never => {
      throw damaged(path, why);
    };
    if (buf.length < HEAD + 12 || !buf.subarray(0, 8).equals(MAGIC)) fail(msg('scan.store.matchIndexShape'));
    const end = buf.length - 4;
    if (crc32(buf.subarray(0, end)) !== buf.readUInt32LE(end)) fail(msg('scan.store.matchIndexChecksum'));
    this.names = buf.readUInt32LE(8);
    const nameBytes = buf.readUInt32LE(12);
    const entryBytes = buf.readUInt32LE(16);
    this.detailsBytes = buf.readUInt32LE(20);
    this.nameAt = HEAD;
    this.entryTableAt = HEAD + 4 * (this.names + 1);
    this.detailTableAt = this.entryTableAt + 4 * (this.names + 1);
    this.namesAt = this.detailTableAt + 4 * (this.names + 1);
    this.entriesAt = this.namesAt + nameBytes;
    this.entriesEnd = this.entriesAt + entryBytes;
    if (this.entriesEnd !== end) fail(msg('scan.store.matchIndexShape'));
  }

  /** Reads and checks an index; undefined when the file does not exist. */
  static read(path: string, detailsPath: string): MatchIndex | undefined {
    const buf = readFileIfExistsSync(path);
    return buf === undefined ? undefined : new MatchIndex(path, detailsPath, buf);
  }

  private bounds(table: number, i: number, base: number, limit: number): [number, number] {
    const from = base + this.buf.readUInt32LE(table + 4 * i);
    const to = base + this.buf.readUInt32LE(table + 4 * (i + 1));
    if (from > to || to > limit) throw damaged(this.path, msg('scan.store.matchIndexShape'));
    return [from, to];
  }

  /** The entries of a (normalized) package name, or undefined when no record names it. */
  lookup(name: string): readonly IndexedRecord[] | undefined {
    const key = Buffer.from(name, 'utf8');
    let lo = 0;
    let hi = this.names;
    const buf = this.buf;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // The name's bytes [from, to), checked as bounds() does (no pair allocated per step).
      const from = this.namesAt + buf.readUInt32LE(this.nameAt + 4 * mid);
      const to = this.namesAt + buf.readUInt32LE(this.nameAt + 4 * mid + 4);
      if (from > to || to > this.entriesAt) throw damaged(this.path, msg('scan.store.matchIndexShape'));
      const c = buf.compare(key, 0, key.length, from, to);
      if (c === 0) {
        const [a, b] = this.bounds(this.entryTableAt, mid, this.entriesAt, this.entriesEnd);
        let entries: unknown;
        try {
          entries = JSON.parse(this.buf.toString('utf8', a, b)) as unknown;
        } catch (error) {
          throw damaged(this.path, (error as Error).message);
        }
        if (!Array.isArray(entries) || !entries.every(isEntry))
          throw damaged(this.path, msg('scan.store.badIndexValue', { name: printable(name) }));
        return entries as IndexedRecord[];
      }
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  /** The details of these entries (one read and one inflate per block they are in). */
  details(entries: readonly IndexedRecord[]): RecordDetails[] {
    if (entries.length === 0) return [];
    let fd: number;
    try {
      fd = openSync(this.detailsPath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw damaged(this.detailsPath, msg('scan.store.fileMissing'));
      throw error;
    }
    const blocks = new Map<number, string[]>();
    try {
      if (fstatSync(fd).size !== this.detailsBytes)
        throw damaged(this.detailsPath, msg('scan.store.matchDetailsSize'));
      for (const e of entries) {
        if (blocks.has(e[2])) continue;
        if (e[2] >= this.names)
          throw damaged(this.path, msg('scan.store.badIndexValue', { name: printable(e[0]) }));
        const [from, to] = this.bounds(this.detailTableAt, e[2], 0, this.detailsBytes);
        const block = Buffer.allocUnsafe(to - from);
        if (readSync(fd, block, 0, block.length, from) !== block.length)
          throw damaged(this.detailsPath, msg('scan.store.matchDetailsSize'));
        try {
          blocks.set(e[2], inflateRawSync(block).toString('utf8').split('\n'));
        } catch (error) {
          throw damaged(this.detailsPath, (error as Error).message);
        }
      }
    } finally {
      closeSync(fd);
    }
    return entries.map((e) => {
      let details: unknown;
      try {
        details = JSON.parse(blocks.get(e[2])![e[3]] ?? '') as unknown;
      } catch (error) {
        throw damaged(this.detailsPath, (error as Error).message);
      }
      const d = details as Partial<RecordDetails> | null;
      if (typeof d?.modified !== 'string' || !Array.isArray(d.aliases) || typeof d.severity !== 'object')
        throw damaged(this.detailsPath, msg('scan.store.badIndexValue', { name: printable(e[0]) }));
      return d as RecordDetails;
    });
  }
}

function isEntry(e: unknown): boolean {
  return (
    Array.isArray(e) &&
    e.length === 4 &&
    typeof e[0] === 'string' &&
    Array.isArray(e[1]) &&
    Number.isSafeInteger(e[2]) &&
    Number.isSafeInteger(e[3])
  );
}
