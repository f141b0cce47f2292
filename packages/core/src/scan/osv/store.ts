import { hash, randomBytes } from 'node:crypto';
import {
  appendFile,
  copyFile,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rm,
  stat,
  unlink,
} from 'node:fs/promises';
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { mapLimit, readFileIfExists, readFileIfExistsSync, writeFileAtomic } from '../../util/index.js';
import { quaiCacheDir } from '../cache-dir.js';
import { baseEcosystem } from '../versions/index.js';
import { damaged } from './damaged.js';
import { printable } from './printable.js';
import { MATCH_INDEX_VERSION, MatchIndex, MatchIndexBuilder } from './match-index.js';
import { LazyIndex, parsedLookup, type IndexLookup } from './shard-index.js';
import { osvRecordParser, type OsvRecord } from './schema.js';
import { visitSource } from './sources.js';

/*
 * The local vulnerability store: plain files under one folder (default ~/.cache/quai/vulndb, or
 * $QUAI_CACHE_DIR/vulndb), so it can be copied to an air-gapped machine as is.
 *
 *   CURRENT                          the name of the live generation (switched by one rename)
 *   g-<time>-<random>/               a generation, complete before CURRENT names it:
 *     meta.json                      counts per ecosystem, sources, imports
 *     ids.json.gz                    id -> modified, owning source, home, packages it names
 *     data/<Base>/<xx>.shard         a line of JSON (where each chunk is, which chunks each
 *                                    package needs), then the records, each stored once, in
 *                                    deflated chunks, one per home
 *     match/<Ecosystem>.idx|.details what matching needs per package name, and the details of
 *                                    each record, per ecosystem (match-index.ts); meta.json's
 *                                    matchIndex gives its version (a store without it is read
 *                                    from data/, and the next import or update writes it)
 *
 * A record is stored once, in the chunk of its first package (its home); every (ecosystem,
 * package) it names is indexed in the file its own name hashes to, pointing at that home. A
 * lookup reads one small index, then only the chunks it names.
 *
 * An import stages a whole new generation (files it does not change are hard links to the
 * previous one), then switches CURRENT in one atomic rename: until then the previous store
 * answers exactly as before, and a killed import leaves only a folder the next import removes.
 * The previous generation is kept (a scan may still be reading it); older ones are removed.
 *
 * Replacement: a record replaces the stored one with the same id when it is newer, or when it
 * comes from the source that owns the stored one (a source re-import replaces what it owns, and
 * drops the records it no longer holds, when it was read without problems). Dates more than a day
 * in the future are refused, so a bogus record cannot shadow the real one.
 */

export const VULNDB_FORMAT = 2;

export interface EcosystemStatus {
  readonly ecosystem: string;
  readonly records: number;
  readonly packages: number;
  /** The newest `modified` date of its records. */
  readonly lastModified: string;
}

export interface ImportedSource {
  /** The source as given. */
  readonly path: string;
  /** What owns its records: `<Ecosystem>/all.zip` for OSV dumps, else the file or folder name. */
  readonly source: string;
  readonly importedAt: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly removed: number;
  readonly rejected: number;
}

interface EcosystemMeta {
  readonly records: number;
  readonly packages: number;
  readonly lastModified: string;
}

interface Meta {
  readonly format: typeof VULNDB_FORMAT;
  readonly generation: string;
  readonly previous?: string;
  readonly updatedAt: string;
  /** Distinct record ids in the store (a record naming several packages counts once). */
  readonly records: number;
  /** Bytes of the generation's files. */
  readonly bytes: number;
  readonly ecosystems: Record<string, EcosystemMeta>;
  readonly imports: readonly ImportedSource[];
  /** The version of the match/ files (absent: written before they existed). */
  readonly matchIndex?: number;
}

/** id -> [modified (ISO), owning source, home "<Base>\n<name>", locations "<ecosystem>\n<name>"]. */
type IdEntry = readonly [string, string, string, readonly string[]];
type IdIndex = Record<string, IdEntry>;

interface FileIndex {
  /** home name -> [offset, length, records] after the index line. */
  readonly chunks: Record<string, readonly [number, number, number]>;
  /** "<ecosystem>\n<name>" -> homes "<Base>\n<name>" of the records naming it. */
  readonly packages: Record<string, readonly string[]>;
}

export interface VulnDbStatus {
  readonly dir: string;
  readonly exists: boolean;
  readonly updatedAt?: string;
  readonly records: number;
  /** Bytes on disk of the live generation. */
  readonly bytes: number;
  readonly ecosystems: readonly EcosystemStatus[];
  readonly imports: readonly ImportedSource[];
}

export interface ImportProblem {
  readonly source: string;
  readonly message: Message;
  readonly hint?: Message;
}

export interface ImportReport {
  readonly dir: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Records their source no longer holds (a complete re-import of that source). */
  readonly removed: number;
  /** Records that name no package (GIT-only ranges): they cannot match an inventory. */
  readonly withoutPackage: number;
  readonly rejected: readonly ImportProblem[];
  readonly ecosystems: readonly string[];
  /** Store size before and after, in bytes. */
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

export interface ImportProgress {
  readonly phase: 'read' | 'write';
  readonly done: number;
  readonly total?: number;
  readonly source: string;
}

export interface ImportSourceSpec {
  readonly path: string;
  /** Who owns its records (default: derived from the path, see sourceKey). */
  readonly key?: string;
}

export interface ImportOptions {
  /** The store folder (see defaultVulnDbDir). */
  readonly dir: string;
  /** Zip dumps, JSON files or folders. */
  readonly sources: readonly (string | ImportSourceSpec)[];
  readonly onProgress?: (p: ImportProgress) => void;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

/** $QUAI_CACHE_DIR/vulndb, else $XDG_CACHE_HOME/quai/vulndb, else ~/.cache/quai/vulndb. */
export function defaultVulnDbDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(quaiCacheDir(env), 'vulndb');
}

/**
 * Package names as the ecosystem compares them: PyPI folds case and `-_.` runs (PEP 503); NuGet,
 * Packagist and Pub names are case-insensitive.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  switch (baseEcosystem(ecosystem)) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'NuGet':
    case 'Packagist':
    case 'Pub':
      return name.toLowerCase();
    default:
      return name;
  }
}

const shards = new Map<string, string>();

/** Which file of its ecosystem a package name lives in: 256 files per ecosystem (kept: a scan asks twice per package). */
function shardOf(name: string): string {
  let shard = shards.get(name);
  if (shard === undefined) {
    shard = hash('sha256', name, 'hex').slice(0, 2); // one call, no Hash object (Node 20.12+)
    if (shards.size >= 100_000) shards.clear();
    shards.set(name, shard);
  }
  return shard;
}

/**
 * A folder name for an ecosystem that can never be a path trick: letters, digits, `_` and `-`
 * are kept, every other byte is written %XX (so `..` is `%2E%2E`, `/` is `%2F`).
 */
export function ecosystemFolder(base: string): string {
  return [...Buffer.from(base, 'utf8')]
    .map((b) =>
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x5f ||
      b === 0x2d
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** "<Base>\n<xx>": one pair of files (chunks and index). */
const fileKeyOf = (base: string, name: string): string => `${base}\n${shardOf(name)}`;

function split(key: string): [string, string] {
  const i = key.indexOf('\n');
  return [key.slice(0, i), key.slice(i + 1)];
}

function shardPath(gen: string, fileKey: string): string {
  const [base, shard] = split(fileKey);
  return join(gen, 'data', ecosystemFolder(base), `${shard}.shard`);
}

interface ShardFile {
  readonly index: FileIndex;
  readonly chunks: Buffer;
}

function decodeShard(raw: Buffer, path: string): ShardFile {
  const nl = raw.indexOf(10);
  if (nl < 0) throw damaged(path, msg('scan.store.noIndexLine'));
  return { index: parseJson<FileIndex>(raw.subarray(0, nl), path, false), chunks: raw.subarray(nl + 1) };
}

const EMPTY_SHARD: ShardFile = { index: { chunks: {}, packages: {} }, chunks: Buffer.alloc(0) };

async function readShardFile(path: string): Promise<ShardFile> {
  const raw = await readFileIfExists(path);
  return raw === undefined ? EMPTY_SHARD : decodeShard(raw, path);
}

/** A shard as a scan reads it: its index looked up key by key (shard-index.ts), its chunks. */
interface ShardLookup {
  readonly index: IndexLookup;
  readonly chunks: Buffer;
}

const EMPTY_LOOKUP: ShardLookup = { index: parsedLookup(EMPTY_SHARD.index), chunks: EMPTY_SHARD.chunks };

/**
 * Reads a shard for a scan, synchronously: a scan reads a few hundred small files one after the
 * other, and a synchronous read costs a fraction of the promise round trips (open, stat, read,
 * close).
 */
function readShardLookupSync(path: string): ShardLookup {
  const raw = readFileIfExistsSync(path);
  if (raw === undefined) return EMPTY_LOOKUP;
  const nl = raw.indexOf(10);
  if (nl < 0) throw damaged(path, msg('scan.store.noIndexLine'));
  const text = raw.toString('utf8', 0, nl);
  const lazy = LazyIndex.of(text, (why) => {
    throw damaged(path, why);
  });
  return {
    index: lazy ?? parsedLookup(parseJson<FileIndex>(raw.subarray(0, nl), path, false)),
    chunks: raw.subarray(nl + 1),
  };
}

const matchIndexPath = (gen: string, ecosystem: string): string =>
  join(gen, 'match', `${ecosystemFolder(ecosystem)}.idx`);
const matchDetailsPath = (gen: string, ecosystem: string): string =>
  join(gen, 'match', `${ecosystemFolder(ecosystem)}.details`);

/** Whether a generation's matching index of an ecosystem reads back whole. */
function matchIndexSound(gen: string, ecosystem: string): boolean {
  try {
    const index = MatchIndex.read(matchIndexPath(gen, ecosystem), matchDetailsPath(gen, ecosystem));
    return index !== undefined && statSync(matchDetailsPath(gen, ecosystem)).size === index.detailsBytes;
  } catch {
    return false;
  }
}

/**
 * Writes the matching indexes of these ecosystems into a generation whose data/ is complete:
 * every record naming one of them is read once from its chunk.
 */
function writeMatchIndexes(
  gen: string,
  ids: IdIndex,
  ecosystems: ReadonlySet<string>,
  signal: AbortSignal | undefined,
): { path: string; data: Buffer }[] {
  if (ecosystems.size === 0) return [];
  const builders = [...ecosystems].map(
    (e) => new MatchIndexBuilder(e, (name) => normalizePackageName(e, name)),
  );
  const wanted = new Map<string, Set<string>>(); // home -> ids
  for (const id of Object.keys(ids)) {
    const entry = ids[id]!;
    if (!entry[3].some((l) => ecosystems.has(split(l)[0]))) continue;
    let set = wanted.get(entry[2]);
    if (set === undefined) wanted.set(entry[2], (set = new Set()));
    set.add(id);
  }
  const byFile = new Map<string, string[]>();
  for (const home of wanted.keys()) {
    const f = homeFile(home);
    let list = byFile.get(f);
    if (list === undefined) byFile.set(f, (list = []));
    list.push(home);
  }
  for (const fileKey of [...byFile.keys()].sort()) {
    signal?.throwIfAborted();
    const path = shardPath(gen, fileKey);
    const { index, chunks } = readShardLookupSync(path);
    for (const home of byFile.get(fileKey)!) {
      const at = index.chunk(split(home)[1]);
      if (at === undefined) continue;
      const ids = wanted.get(home)!;
      for (const line of inflateRawSync(chunks.subarray(at[0], at[0] + at[1]))
        .toString('utf8')
        .split('\n')) {
        if (line === '') continue;
        const record = JSON.parse(line) as OsvRecord;
        if (!ids.has(record.id)) continue;
        for (const b of builders) b.add(home, record);
      }
    }
  }
  return builders.flatMap((b) => {
    const { index, details } = b.build();
    return [
      { path: matchIndexPath(gen, b.ecosystem), data: index },
      { path: matchDetailsPath(gen, b.ecosystem), data: details },
    ];
  });
}

/** The home ("<Base>\n<name>") and locations ("<ecosystem>\n<name>") of a record. */
export function placesOf(record: OsvRecord): { home: string | undefined; locations: string[] } {
  const locations = new Set<string>();
  let home: string | undefined;
  for (const a of record.affected ?? []) {
    if (a.package === undefined) continue;
    const name = normalizePackageName(a.package.ecosystem, a.package.name);
    home ??= `${baseEcosystem(a.package.ecosystem)}\n${name}`;
    locations.add(`${a.package.ecosystem}\n${name}`);
  }
  return { home, locations: [...locations] };
}

const homeFile = (home: string): string => {
  const [base, name] = split(home);
  return fileKeyOf(base, name);
};
const locationFile = (location: string): string => {
  const [ecosystem, name] = split(location);
  return fileKeyOf(baseEcosystem(ecosystem), name);
};

/**
 * Who owns a source's records: `Debian/all.zip` for an OSV dump (osv.dev names every dump
 * all.zip, in a folder named after its ecosystem), otherwise the file or folder name.
 */
export function sourceKey(path: string): string {
  const name = basename(path);
  return name === 'all.zip' ? `${basename(dirname(path))}/all.zip` : name;
}

function parseJson<T>(raw: Buffer, path: string, gz: boolean): T {
  try {
    return JSON.parse((gz ? gunzipSync(raw) : raw).toString('utf8')) as T;
  } catch (error) {
    throw damaged(path, (error as Error).message);
  }
}

/** The live generation's folder, or undefined for an empty store. */
async function currentGeneration(dir: string): Promise<string | undefined> {
  const raw = await readFileIfExists(join(dir, 'CURRENT'));
  if (raw === undefined) {
    const legacy = await readFileIfExists(join(dir, 'meta.json'));
    if (legacy !== undefined) {
      throw new QuaiError('INPUT_INVALID', msg('scan.store.olderFormat', { dir, format: VULNDB_FORMAT }), {
        hint: msg('scan.store.olderFormatHint'),
        location: { file: join(dir, 'meta.json') },
      });
    }
    return undefined;
  }
  const name = raw.toString('utf8').trim();
  if (!/^g-[0-9a-z]+-[0-9a-f]+$/.test(name))
    throw damaged(join(dir, 'CURRENT'), msg('scan.store.noGeneration'));
  return join(dir, name);
}

async function readMeta(gen: string): Promise<Meta> {
  const path = join(gen, 'meta.json');
  const raw = await readFileIfExists(path);
  if (raw === undefined) throw damaged(path, msg('scan.store.fileMissing'));
  const meta = parseJson<Meta>(raw, path, false);
  if (meta.format !== VULNDB_FORMAT)
    throw damaged(path, msg('scan.store.unknownFormat', { format: String(meta.format) }));
  return meta;
}

/**
 * Whether the live generation lacks a matching index that reads back whole (a store written
 * before it existed, or a damaged file): an update then imports even when no dump changed.
 */
export async function matchIndexMissing(dir: string): Promise<boolean> {
  const gen = await currentGeneration(dir).catch(() => undefined);
  const meta = gen === undefined ? undefined : await readMeta(gen).catch(() => undefined);
  if (gen === undefined || meta === undefined) return false;
  if (meta.matchIndex !== MATCH_INDEX_VERSION) return true;
  return Object.keys(meta.ecosystems).some((e) => !matchIndexSound(gen, e));
}

export async function vulnDbStatus(dir: string): Promise<VulnDbStatus> {
  const gen = await currentGeneration(dir);
  if (gen === undefined) return { dir, exists: false, records: 0, bytes: 0, ecosystems: [], imports: [] };
  const meta = await readMeta(gen);
  const ecosystems = Object.entries(meta.ecosystems)
    .map(([ecosystem, e]) => ({ ecosystem, ...e }))
    .sort((a, b) => (a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : 0));
  return {
    dir,
    exists: true,
    updatedAt: meta.updatedAt,
    records: meta.records,
    bytes: meta.bytes,
    ecosystems,
    imports: meta.imports,
  };
}

/** A read-only view of one generation: the records naming a package, read on demand and kept. */
export class StoreReader {
  private readonly files = new Map<string, ShardLookup>();
  private readonly chunks = new Map<string, Chunk>();
  private readonly indexes = new Map<string, MatchIndex | null>();

  private constructor(
    readonly dir: string,
    readonly generation: string,
    readonly meta: Meta,
  ) {}

  /** Undefined when the store is empty. */
  static async open(dir: string): Promise<StoreReader | undefined> {
    const gen = await currentGeneration(dir);
    if (gen === undefined) return undefined;
    return new StoreReader(dir, gen, await readMeta(gen));
  }

  private file(fileKey: string): ShardLookup {
    let f = this.files.get(fileKey);
    if (f === undefined)
      this.files.set(fileKey, (f = readShardLookupSync(shardPath(this.generation, fileKey))));
    return f;
  }

  /**
   * The matching index of an ecosystem: null when the store holds no record of it, undefined
   * when the store has no matching index (written before it existed: read from data/ instead).
   */
  matchIndex(ecosystem: string): MatchIndex | null | undefined {
    if (this.meta.matchIndex !== MATCH_INDEX_VERSION) return undefined;
    let index = this.indexes.get(ecosystem);
    if (index === undefined) {
      if (!Object.hasOwn(this.meta.ecosystems, ecosystem)) index = null;
      else {
        const path = matchIndexPath(this.generation, ecosystem);
        index = MatchIndex.read(path, matchDetailsPath(this.generation, ecosystem)) ?? null;
        if (index === null) throw damaged(path, msg('scan.store.fileMissing'));
      }
      this.indexes.set(ecosystem, index);
    }
    return index;
  }

  /** A home's chunk as its record lines, inflated once; a line is parsed when a query needs it. */
  private chunk(home: string): Chunk {
    const cached = this.chunks.get(home);
    if (cached !== undefined) return cached;
    const fileKey = homeFile(home);
    const { index, chunks } = this.file(fileKey);
    const name = split(home)[1];
    const at = index.chunk(name);
    if (at === undefined) return EMPTY_CHUNK;
    if (at[0] + at[1] > chunks.length)
      throw damaged(
        shardPath(this.generation, fileKey),
        msg('scan.store.chunkMissing', { name: printable(name) }),
      );
    let lines: string[];
    try {
      // One record per line, each written by JSON.stringify (no raw line break inside).
      const text = inflateRawSync(chunks.subarray(at[0], at[0] + at[1])).toString('utf8');
      lines = text.split('\n').filter((l) => l !== '');
    } catch (error) {
      throw damaged(shardPath(this.generation, fileKey), (error as Error).message);
    }
    const chunk: Chunk = { fileKey, lines, records: new Array<OsvRecord | undefined>(lines.length) };
    this.chunks.set(home, chunk);
    return chunk;
  }

  private record(chunk: Chunk, i: number): OsvRecord {
    let r = chunk.records[i];
    if (r === undefined) {
      try {
        r = JSON.parse(chunk.lines[i]!) as OsvRecord;
      } catch (error) {
        throw damaged(shardPath(this.generation, chunk.fileKey), (error as Error).message);
      }
      chunk.records[i] = r;
    }
    return r;
  }

  /**
   * Every stored record naming this package in this ecosystem (other records may come along).
   * Only the lines that name the ecosystem are parsed: a record lists each affected package as
   * JSON.stringify wrote it, so one naming `Debian:12` holds `"ecosystem":"Debian:12"`, and the
   * records of the package's other releases (most of a distribution's chunk) are never parsed.
   */
  records(ecosystem: string, name: string): OsvRecord[] {
    // An ecosystem the store holds no record of (npm packages against Debian's data): no file to read.
    if (!Object.hasOwn(this.meta.ecosystems, ecosystem)) return [];
    const normalized = normalizePackageName(ecosystem, name);
    const location = `${ecosystem}\n${normalized}`;
    const { index } = this.file(locationFile(location));
    const homes = index.homes(location) ?? [];
    const needle = `"ecosystem":${JSON.stringify(ecosystem)}`;
    const out: OsvRecord[] = [];
    const seen = new Set<string>();
    for (const home of homes) {
      const chunk = this.chunk(home);
      for (let i = 0; i < chunk.lines.length; i++) {
        if (!chunk.lines[i]!.includes(needle)) continue;
        const r = this.record(chunk, i);
        if (!seen.has(r.id)) {
          seen.add(r.id);
          out.push(r);
        }
      }
    }
    return out;
  }
}

/** A home's chunk: its record lines, and those parsed so far. */
interface Chunk {
  readonly fileKey: string;
  readonly lines: readonly string[];
  readonly records: (OsvRecord | undefined)[];
}

const EMPTY_CHUNK: Chunk = { fileKey: '', lines: [], records: [] };

// ---------------------------------------------------------------------------------------------
// Import

async function acquireLock(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'import.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => unlink(path).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new QuaiError('VULNDB_LOCKED', msg('scan.store.locked', { dir, pid }), {
          hint: msg('scan.store.lockedHint'),
          location: { file: path },
          details: { pid },
        });
      }
      await unlink(path).catch(() => undefined); // left by a process that died: take it over
    }
  }
  throw new QuaiError('VULNDB_LOCKED', msg('scan.store.lockFailed', { path }), {
    hint: msg('scan.store.lockFailedHint'),
    location: { file: path },
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Buffers staged lines per file and appends them to staging files, so memory stays bounded. */
class Staging {
  private readonly buffers = new Map<string, string[]>();
  private bytes = 0;
  readonly files = new Map<string, string>();
  constructor(readonly dir: string) {}

  async add(key: string, line: string): Promise<void> {
    let list = this.buffers.get(key);
    if (list === undefined) this.buffers.set(key, (list = []));
    list.push(line);
    this.bytes += line.length;
    if (this.bytes > 16 * 1024 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    for (const [key, lines] of this.buffers) {
      let file = this.files.get(key);
      if (file === undefined) this.files.set(key, (file = join(this.dir, `${this.files.size}.ndjson`)));
      await appendFile(file, lines.join('\n') + '\n');
    }
    this.buffers.clear();
    this.bytes = 0;
  }
}

const iso = (date: string): string => new Date(date).toISOString();

async function writeDurable(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    await copyFile(from, to);
  }
}

/** The file keys of a generation, from its data folder. */
async function listFiles(gen: string): Promise<string[]> {
  const out: string[] = [];
  const data = join(gen, 'data');
  for (const folder of await readdir(data).catch(() => [] as string[])) {
    const base = decodeURIComponent(folder);
    for (const f of await readdir(join(data, folder))) {
      const m = /^([0-9a-f]{2})\.shard$/.exec(f);
      if (m !== null) out.push(`${base}\n${m[1]}`);
    }
  }
  return out;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const item of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (item.isFile()) total += (await stat(join(item.parentPath, item.name))).size;
  }
  return total;
}

interface Staged {
  readonly modified: string;
  readonly source: string;
  readonly home: string;
  readonly locations: readonly string[];
}

/** Imports OSV data into a new generation of the store, then switches to it atomically. */
export async function importOsv(options: ImportOptions): Promise<ImportReport> {
  const { dir } = options;
  const now = options.now ?? (() => new Date());
  const release = await acquireLock(dir);
  const staging = new Staging(join(dir, `.staging-${randomBytes(6).toString('hex')}`));
  const generationName = `g-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const gen = join(dir, generationName);
  let switched = false;
  try {
    const oldGen = await currentGeneration(dir).catch((error: unknown) => {
      // An older format: this import converts the folder (it starts from an empty store).
      if (
        error instanceof QuaiError &&
        error.code === 'INPUT_INVALID' &&
        error.message.includes('older format')
      )
        return undefined;
      throw error;
    });
    const oldMeta = oldGen === undefined ? undefined : await readMeta(oldGen);
    await cleanStale(
      dir,
      [oldGen, oldMeta?.previous].filter((g): g is string => g !== undefined).map((g) => basename(g)),
    );
    await mkdir(staging.dir, { recursive: true });
    const bytesBefore = oldMeta?.bytes ?? 0;
    // Keys come from the data (record ids): null-prototype objects, so "__proto__" is just a key.
    const ids: IdIndex = Object.assign(
      Object.create(null) as IdIndex,
      oldGen === undefined
        ? {}
        : parseJson<IdIndex>(
            (await readFileIfExists(join(oldGen, 'ids.json.gz'))) ?? gzipSync('{}'),
            join(oldGen, 'ids.json.gz'),
            true,
          ),
    );
    const parse = await osvRecordParser(now);
    const staged = new Map<string, Staged>();
    const seenBy = new Map<string, Set<string>>(); // source key -> ids it holds
    const complete = new Set<string>(); // sources read without any problem
    const rejected: ImportProblem[] = [];
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    let withoutPackage = 0;
    const sourceReports: ImportedSource[] = [];

    for (const spec of options.sources) {
      const path = typeof spec === 'string' ? spec : spec.path;
      const key = (typeof spec === 'string' ? undefined : spec.key) ?? sourceKey(path);
      const before = { added, updated, unchanged, rejected: rejected.length };
      const seen = seenBy.get(key) ?? new Set<string>();
      seenBy.set(key, seen);
      let problems = 0;
      const limit = now().getTime() + 24 * 60 * 60 * 1000;
      await visitSource(path, {
        record: async (raw) => {
          options.signal?.throwIfAborted();
          // Unchanged records (most of a fresh dump over an up-to-date store) skip validation.
          const peek = raw.data as { id?: unknown; modified?: unknown } | null;
          if (typeof peek?.id === 'string' && typeof peek.modified === 'string') {
            const t = Date.parse(peek.modified);
            const known = staged.get(peek.id) ?? entryOf(ids, peek.id);
            if (!Number.isNaN(t) && t <= limit && known !== undefined) {
              const m = new Date(t).toISOString();
              if (known.modified === m ? true : known.source !== key && known.modified > m) {
                if (known.source === key) seen.add(peek.id);
                unchanged++;
                return;
              }
            }
          }
          let record: OsvRecord;
          try {
            record = parse(raw.data, raw.source);
          } catch (error) {
            if (!(error instanceof QuaiError)) throw error;
            problems++;
            rejected.push({
              source: raw.source,
              message: error.text,
              ...(error.hintText === undefined ? {} : { hint: error.hintText }),
            });
            return;
          }
          const modified = iso(record.modified);
          const { home, locations } = placesOf(record);
          if (home === undefined) {
            withoutPackage++;
            return;
          }
          seen.add(record.id);
          const stagedBefore = staged.get(record.id);
          const stored = entryOf(ids, record.id);
          const known = stagedBefore ?? stored;
          if (known !== undefined && known.source !== key && known.modified >= modified) {
            unchanged++;
            return;
          }
          if (stagedBefore === undefined) {
            if (stored === undefined) added++;
            else updated++;
          }
          staged.set(record.id, { modified, source: key, home, locations });
          await staging.add(homeFile(home), JSON.stringify(record));
        },
        problem: ({ source: s, error }) => {
          problems++;
          rejected.push({
            source: s,
            message: error.text,
            ...(error.hintText === undefined ? {} : { hint: error.hintText }),
          });
        },
        progress: (done, total, s) =>
          options.onProgress?.({ phase: 'read', done, ...(total === undefined ? {} : { total }), source: s }),
      });
      if (problems === 0) complete.add(key);
      sourceReports.push({
        path,
        source: key,
        importedAt: now().toISOString(),
        added: added - before.added,
        updated: updated - before.updated,
        unchanged: unchanged - before.unchanged,
        removed: 0,
        rejected: rejected.length - before.rejected,
      });
    }
    await staging.flush();

    // A source read in full replaces what it owns: its records it no longer holds go.
    const removedIds = new Set<string>();
    const removedBySource = new Map<string, number>();
    for (const [id, entry] of Object.entries(ids)) {
      const owner = staged.get(id)?.source ?? entry[1];
      if (complete.has(owner) && !(seenBy.get(owner)?.has(id) ?? false) && !staged.has(id)) {
        removedIds.add(id);
        removedBySource.set(owner, (removedBySource.get(owner) ?? 0) + 1);
      }
    }

    // The files to rewrite: where changed records were and are stored or indexed.
    const touched = new Set<string>();
    const changedHomes = new Set<string>();
    const changedIds = new Set<string>([...staged.keys(), ...removedIds]);
    const ecosystemsChanged = new Set<string>();
    for (const id of changedIds) {
      const old = ids[id];
      const next = staged.get(id);
      for (const [home, locations] of [
        ...(old === undefined ? [] : [[old[2], old[3]] as const]),
        ...(next === undefined ? [] : [[next.home, next.locations] as const]),
      ]) {
        changedHomes.add(home);
        touched.add(homeFile(home));
        for (const l of locations) {
          touched.add(locationFile(l));
          ecosystemsChanged.add(split(l)[0]);
        }
      }
    }

    // The final id index.
    for (const id of removedIds) delete ids[id];
    for (const [id, s] of staged) ids[id] = [s.modified, s.source, s.home, s.locations];

    // Package indexes of the touched files, from the final id index.
    const packages = new Map<string, Map<string, Set<string>>>();
    for (const entry of Object.values(ids)) {
      for (const l of entry[3]) {
        const f = locationFile(l);
        if (!touched.has(f)) continue;
        let byLocation = packages.get(f);
        if (byLocation === undefined) packages.set(f, (byLocation = new Map<string, Set<string>>()));
        let homes = byLocation.get(l);
        if (homes === undefined) byLocation.set(l, (homes = new Set()));
        homes.add(entry[2]);
      }
    }

    // Write the new generation: untouched files are links to the previous one.
    await mkdir(gen, { recursive: true });
    const oldFiles = oldGen === undefined ? [] : await listFiles(oldGen);
    await mapLimit(
      oldFiles.filter((f) => !touched.has(f)),
      8,
      async (f) => {
        await linkOrCopy(shardPath(oldGen!, f), shardPath(gen, f));
      },
    );
    const stagedFiles = new Map<string, string>(staging.files);
    const keys = [...touched].sort();
    let done = 0;
    const rebuild = async (fileKey: string): Promise<{ path: string; data: Buffer } | undefined> => {
      const { index, chunks: oldChunks } =
        oldGen === undefined ? EMPTY_SHARD : await readShardFile(shardPath(oldGen, fileKey));
      const [base] = split(fileKey);
      // New records of this file, by home name (the last staged copy of an id wins).
      const incoming = new Map<string, Map<string, string>>();
      const stagedFile = stagedFiles.get(fileKey);
      if (stagedFile !== undefined) {
        for (const line of (await readFile(stagedFile, 'utf8')).split('\n')) {
          if (line === '') continue;
          const r = JSON.parse(line) as OsvRecord;
          const s = staged.get(r.id);
          if (s === undefined || s.modified !== iso(r.modified)) continue;
          const name = split(s.home)[1];
          let m = incoming.get(name);
          if (m === undefined) incoming.set(name, (m = new Map<string, string>()));
          m.set(r.id, line);
        }
      }
      const parts: Buffer[] = [];
      const chunks = Object.create(null) as Record<string, [number, number, number]>;
      let offset = 0;
      const names = [...new Set([...Object.keys(index.chunks), ...incoming.keys()])].sort();
      for (const name of names) {
        const old = Object.hasOwn(index.chunks, name) ? index.chunks[name] : undefined;
        let body: Buffer | undefined;
        let count = 0;
        if (old !== undefined && !changedHomes.has(`${base}\n${name}`)) {
          body = oldChunks.subarray(old[0], old[0] + old[1]);
          count = old[2];
        } else {
          const lines = new Map<string, string>();
          if (old !== undefined) {
            for (const line of inflateRawSync(oldChunks.subarray(old[0], old[0] + old[1]))
              .toString('utf8')
              .split('\n')) {
              if (line === '') continue;
              const id = (JSON.parse(line) as OsvRecord).id;
              if (!changedIds.has(id)) lines.set(id, line);
            }
          }
          for (const [id, line] of incoming.get(name) ?? []) lines.set(id, line);
          if (lines.size > 0) {
            const sorted = [...lines].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
            body = deflateRawSync(sorted.map(([, l]) => l).join('\n') + '\n');
            count = lines.size;
          }
        }
        if (body === undefined) continue;
        chunks[name] = [offset, body.length, count];
        parts.push(body);
        offset += body.length;
      }
      const pkgs = Object.create(null) as Record<string, string[]>;
      const byLocation = [...(packages.get(fileKey) ?? new Map<string, Set<string>>())];
      byLocation.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      for (const [l, homes] of byLocation) pkgs[l] = [...homes].sort();
      if (Object.keys(chunks).length === 0 && Object.keys(pkgs).length === 0) return undefined;
      const head = Buffer.from(`${JSON.stringify({ chunks, packages: pkgs })}\n`);
      return { path: shardPath(gen, fileKey), data: Buffer.concat([head, ...parts]) };
    };
    // Files are rebuilt a few at a time and written in parallel (each one synced to disk).
    for (let i = 0; i < keys.length; i += 32) {
      options.signal?.throwIfAborted();
      const batch = keys.slice(i, i + 32);
      const built = await mapLimit(batch, 4, rebuild);
      await mapLimit(
        built.filter((b): b is { path: string; data: Buffer } => b !== undefined),
        8,
        (b) => writeDurable(b.path, b.data),
      );
      for (const fileKey of batch)
        options.onProgress?.({ phase: 'write', done: ++done, total: keys.length, source: split(fileKey)[0] });
    }

    // Counts per ecosystem, from the final id index.
    const perEcosystem = new Map<string, { ids: number; names: Set<string>; lastModified: string }>();
    for (const entry of Object.values(ids)) {
      const seenHere = new Set<string>();
      for (const l of entry[3]) {
        const [ecosystem, name] = split(l);
        let e = perEcosystem.get(ecosystem);
        if (e === undefined)
          perEcosystem.set(ecosystem, (e = { ids: 0, names: new Set(), lastModified: '' }));
        e.names.add(name);
        if (!seenHere.has(ecosystem)) {
          seenHere.add(ecosystem);
          e.ids++;
          if (entry[0] > e.lastModified) e.lastModified = entry[0];
        }
      }
    }
    const ecosystems: Record<string, EcosystemMeta> = Object.create(null) as Record<string, EcosystemMeta>;
    for (const [ecosystem, e] of [...perEcosystem].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      ecosystems[ecosystem] = { records: e.ids, packages: e.names.size, lastModified: e.lastModified };

    // The matching indexes: rewritten for the ecosystems whose records changed (all of them when
    // the previous generation had none, or one that does not read back whole), linked otherwise.
    const rebuildAll = oldMeta?.matchIndex !== MATCH_INDEX_VERSION;
    const toIndex = new Set<string>();
    for (const ecosystem of Object.keys(ecosystems)) {
      if (rebuildAll || ecosystemsChanged.has(ecosystem) || !matchIndexSound(oldGen!, ecosystem))
        toIndex.add(ecosystem);
      else {
        await linkOrCopy(matchIndexPath(oldGen!, ecosystem), matchIndexPath(gen, ecosystem));
        await linkOrCopy(matchDetailsPath(oldGen!, ecosystem), matchDetailsPath(gen, ecosystem));
      }
    }
    await mapLimit(writeMatchIndexes(gen, ids, toIndex, options.signal), 8, (f) =>
      writeDurable(f.path, f.data),
    );

    await writeDurable(join(gen, 'ids.json.gz'), gzipSync(JSON.stringify(ids)));
    const reports = sourceReports.map((r) => ({ ...r, removed: removedBySource.get(r.source) ?? 0 }));
    const metaWithoutSize: Omit<Meta, 'bytes'> = {
      format: VULNDB_FORMAT,
      generation: generationName,
      ...(oldGen === undefined ? {} : { previous: basename(oldGen) }),
      updatedAt: now().toISOString(),
      records: Object.keys(ids).length,
      ecosystems,
      imports: [...(oldMeta?.imports ?? []), ...reports].slice(-50),
      matchIndex: MATCH_INDEX_VERSION,
    };
    const bytesAfter =
      (await folderBytes(gen)) +
      Buffer.byteLength(JSON.stringify({ ...metaWithoutSize, bytes: 0 }, null, 2)) +
      20;
    const meta: Meta = { ...metaWithoutSize, bytes: bytesAfter };
    await writeDurable(join(gen, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    options.signal?.throwIfAborted();
    // The switch: one rename. Before it, readers see the previous generation; after it, this one.
    await writeFileAtomic(join(dir, 'CURRENT'), `${generationName}\n`);
    switched = true;
    await cleanStale(dir, [generationName, ...(oldGen === undefined ? [] : [basename(oldGen)])]);
    return {
      dir,
      added,
      updated,
      unchanged,
      removed: removedIds.size,
      withoutPackage,
      rejected,
      ecosystems: [...ecosystemsChanged].sort(),
      bytesBefore,
      bytesAfter,
    };
  } finally {
    await rm(staging.dir, { recursive: true, force: true });
    if (!switched) await rm(gen, { recursive: true, force: true });
    await release();
  }
}

function entryOf(ids: IdIndex, id: string): Staged | undefined {
  const e = ids[id];
  return e === undefined ? undefined : { modified: e[0], source: e[1], home: e[2], locations: e[3] };
}

/**
 * Removes what interrupted imports and older layouts left behind, keeping the named generations
 * (we hold the lock: no import is live).
 */
async function cleanStale(dir: string, keep: readonly string[]): Promise<void> {
  const items = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    items
      .filter(
        (n) =>
          n.startsWith('.staging-') ||
          (n.startsWith('g-') && !keep.includes(n)) ||
          // the format-1 layout, once a generation replaces it
          (keep.length > 0 && (n === 'meta.json' || n === 'ids.json.gz' || n === 'ecosystems')),
      )
      .map((n) => rm(join(dir, n), { recursive: true, force: true })),
  );
}
