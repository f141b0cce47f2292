import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, readFile, readdir, rm, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { QuaiError } from '../../errors/index.js';
import { writeFileAtomic } from '../../util/index.js';
import { parseOsvRecord, type OsvRecord } from './schema.js';
import { visitSource } from './sources.js';

/*
 * The local vulnerability store: plain files under one folder (default ~/.cache/quai/vulndb, or
 * $QUAI_CACHE_DIR/vulndb), so it can be copied to an air-gapped machine as is.
 *
 *   meta.json                              what is in the store, per ecosystem and shard
 *   ids.json.gz                            every record id -> modified date and where it is stored
 *   ecosystems/<Ecosystem>/<xx>.ndjson.gz  the records of the packages whose name hashes to xx
 *
 * A lookup of (ecosystem, package) reads one shard. An import streams records into a staging
 * folder, then rewrites only the shards it touches, each atomically; a record is replaced only by
 * a newer `modified` date, so importing the same dump twice changes nothing. The id index and
 * meta.json are written last: an interrupted import leaves the previous store readable, and the
 * next import redoes the work. One import at a time (a lock file holds the importer's pid).
 */

export const VULNDB_FORMAT = 1;

export interface ShardStats {
  readonly records: number;
  readonly packages: number;
}

export interface EcosystemStatus {
  readonly ecosystem: string;
  readonly records: number;
  readonly packages: number;
  /** The newest `modified` date of its records. */
  readonly lastModified: string;
}

export interface ImportedSource {
  readonly path: string;
  readonly importedAt: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

interface Meta {
  readonly format: typeof VULNDB_FORMAT;
  readonly updatedAt: string;
  /** Distinct record ids in the store (a record naming several packages counts once). */
  readonly records: number;
  readonly ecosystems: Record<string, { lastModified: string; shards: Record<string, ShardStats> }>;
  readonly imports: readonly ImportedSource[];
}

/** id -> [modified, shard keys]; a shard key is `<ecosystem>\n<xx>`. */
type IdIndex = Record<string, [string, string[]]>;

export interface VulnDbStatus {
  readonly dir: string;
  readonly exists: boolean;
  readonly updatedAt?: string;
  readonly records: number;
  readonly ecosystems: readonly EcosystemStatus[];
  readonly imports: readonly ImportedSource[];
}

export interface ImportProblem {
  readonly source: string;
  readonly message: string;
  readonly hint?: string;
}

export interface ImportReport {
  readonly dir: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Records that name no package (GIT-only ranges): they cannot match an inventory. */
  readonly withoutPackage: number;
  readonly rejected: readonly ImportProblem[];
  readonly ecosystems: readonly string[];
}

export interface ImportProgress {
  readonly phase: 'read' | 'write';
  readonly done: number;
  readonly total?: number;
  readonly source: string;
}

export interface ImportOptions {
  /** The store folder (see defaultVulnDbDir). */
  readonly dir: string;
  /** Zip dumps, JSON files or folders. */
  readonly sources: readonly string[];
  readonly onProgress?: (p: ImportProgress) => void;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

/** $QUAI_CACHE_DIR/vulndb, else $XDG_CACHE_HOME/quai/vulndb, else ~/.cache/quai/vulndb. */
export function defaultVulnDbDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env['QUAI_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'quai');
  return join(cache, 'vulndb');
}

/** Package names as the ecosystem compares them: PyPI folds case and `-_.` runs (PEP 503). */
export function normalizePackageName(ecosystem: string, name: string): string {
  const base = ecosystem.split(':', 1)[0];
  if (base === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}

export function shardOf(ecosystem: string, name: string): string {
  return createHash('sha256').update(normalizePackageName(ecosystem, name)).digest('hex').slice(0, 2);
}

function shardPath(dir: string, ecosystem: string, shard: string): string {
  return join(dir, 'ecosystems', encodeURIComponent(ecosystem), `${shard}.ndjson.gz`);
}

const shardKey = (ecosystem: string, shard: string): string => `${ecosystem}\n${shard}`;

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf('\n');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Where a record is stored: one shard per (ecosystem, package) it names. */
export function locationsOf(record: OsvRecord): string[] {
  const keys = new Set<string>();
  for (const a of record.affected ?? []) {
    if (a.package !== undefined)
      keys.add(shardKey(a.package.ecosystem, shardOf(a.package.ecosystem, a.package.name)));
  }
  return [...keys];
}

async function readJsonFile<T>(path: string, gz: boolean): Promise<T | undefined> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse((gz ? gunzipSync(raw) : raw).toString('utf8')) as T;
  } catch (error) {
    throw damaged(path, (error as Error).message);
  }
}

function damaged(path: string, why: string): QuaiError {
  return new QuaiError('INPUT_INVALID', `The vulnerability store file "${path}" is damaged: ${why}.`, {
    hint: 'Delete the vulndb folder and import the OSV data again (quai vulndb import).',
    location: { file: path },
  });
}

async function readMeta(dir: string): Promise<Meta | undefined> {
  const meta = await readJsonFile<Meta>(join(dir, 'meta.json'), false);
  const format: unknown = meta?.format;
  if (meta !== undefined && format !== VULNDB_FORMAT) {
    throw new QuaiError(
      'INPUT_INVALID',
      `The vulnerability store "${dir}" has format ${String(format)}; this Quai reads format ${VULNDB_FORMAT}.`,
      {
        hint: 'Delete the vulndb folder and import the OSV data again with this version of Quai.',
        location: { file: join(dir, 'meta.json') },
      },
    );
  }
  return meta;
}

/** The records of one shard file (empty when the shard does not exist). */
export async function readShard(dir: string, ecosystem: string, shard: string): Promise<OsvRecord[]> {
  const path = shardPath(dir, ecosystem, shard);
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let text: string;
  try {
    text = gunzipSync(raw).toString('utf8');
  } catch (error) {
    throw damaged(path, (error as Error).message);
  }
  const out: OsvRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      out.push(JSON.parse(line) as OsvRecord);
    } catch (error) {
      throw damaged(path, (error as Error).message);
    }
  }
  return out;
}

export async function vulnDbStatus(dir: string): Promise<VulnDbStatus> {
  const meta = await readMeta(dir);
  if (meta === undefined) return { dir, exists: false, records: 0, ecosystems: [], imports: [] };
  const ecosystems = Object.entries(meta.ecosystems)
    .map(([ecosystem, e]) => {
      const shards = Object.values(e.shards);
      return {
        ecosystem,
        records: shards.reduce((n, s) => n + s.records, 0),
        packages: shards.reduce((n, s) => n + s.packages, 0),
        lastModified: e.lastModified,
      };
    })
    .sort((a, b) => (a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : 0));
  return {
    dir,
    exists: true,
    updatedAt: meta.updatedAt,
    records: meta.records,
    ecosystems,
    imports: meta.imports,
  };
}

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
        throw new QuaiError('VULNDB_LOCKED', `Another import into "${dir}" is running (process ${pid}).`, {
          hint: 'Wait for it to finish, or stop it; a lock left by a process that died is removed automatically.',
          location: { file: path },
          details: { pid },
        });
      }
      await unlink(path).catch(() => undefined); // left by a process that died: take it over
    }
  }
  throw new QuaiError('VULNDB_LOCKED', `Cannot take the import lock "${path}".`, {
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

/** Buffers staged lines per shard and appends them to staging files, so memory stays bounded. */
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

/** Imports OSV data into the store: new and newer records in, older and equal ones skipped. */
export async function importOsv(options: ImportOptions): Promise<ImportReport> {
  const { dir } = options;
  const now = options.now ?? (() => new Date());
  const release = await acquireLock(dir);
  const staging = new Staging(join(dir, `.staging-${randomBytes(6).toString('hex')}`));
  try {
    await cleanStaleStaging(dir);
    await mkdir(staging.dir, { recursive: true });
    const stored = await readMeta(dir);
    // Keys come from the data (record ids, ecosystem names): null-prototype objects, so an id such
    // as "__proto__" or "constructor" is just a key.
    const meta: Meta = {
      format: VULNDB_FORMAT,
      updatedAt: stored?.updatedAt ?? '',
      records: stored?.records ?? 0,
      ecosystems: Object.assign(Object.create(null) as Meta['ecosystems'], stored?.ecosystems),
      imports: stored?.imports ?? [],
    };
    const ids: IdIndex = Object.assign(
      Object.create(null) as IdIndex,
      await readJsonFile<IdIndex>(join(dir, 'ids.json.gz'), true),
    );
    const newest = new Map<string, string>(); // id -> modified of the newest copy staged
    const newestLocations = new Map<string, string[]>();
    const touched = new Set<string>();
    const rejected: ImportProblem[] = [];
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    let withoutPackage = 0;
    const sourceReports: ImportedSource[] = [];

    for (const source of options.sources) {
      const before = { added, updated, unchanged, rejected: rejected.length };
      await visitSource(source, {
        record: async (raw) => {
          options.signal?.throwIfAborted();
          // Unchanged records (most of a fresh dump over an up-to-date store) skip validation.
          const peek = raw.data as { id?: unknown; modified?: unknown } | null;
          if (
            typeof peek?.id === 'string' &&
            typeof peek.modified === 'string' &&
            !Number.isNaN(Date.parse(peek.modified))
          ) {
            const known = newest.get(peek.id) ?? ids[peek.id]?.[0];
            if (known !== undefined && known >= new Date(peek.modified).toISOString()) {
              unchanged++;
              return;
            }
          }
          let record: OsvRecord;
          try {
            record = parseOsvRecord(raw.data, raw.source);
          } catch (error) {
            if (!(error instanceof QuaiError)) throw error;
            rejected.push({
              source: raw.source,
              message: error.message,
              ...(error.hint === undefined ? {} : { hint: error.hint }),
            });
            return;
          }
          const modified = new Date(record.modified).toISOString();
          const stagedAt = newest.get(record.id);
          const stored = ids[record.id]?.[0];
          const known = stagedAt ?? stored;
          if (known !== undefined && known >= modified) {
            unchanged++;
            return;
          }
          const locations = locationsOf(record);
          if (locations.length === 0) {
            withoutPackage++;
            return;
          }
          if (stagedAt === undefined) {
            if (stored === undefined) added++;
            else updated++;
          }
          newest.set(record.id, modified);
          newestLocations.set(record.id, locations);
          for (const key of ids[record.id]?.[1] ?? []) touched.add(key);
          const line = JSON.stringify(record);
          for (const key of locations) {
            touched.add(key);
            await staging.add(key, line);
          }
        },
        problem: ({ source: s, error }) => {
          rejected.push({
            source: s,
            message: error.message,
            ...(error.hint === undefined ? {} : { hint: error.hint }),
          });
        },
        progress: (done, total, s) =>
          options.onProgress?.({ phase: 'read', done, ...(total === undefined ? {} : { total }), source: s }),
      });
      sourceReports.push({
        path: source,
        importedAt: now().toISOString(),
        added: added - before.added,
        updated: updated - before.updated,
        unchanged: unchanged - before.unchanged,
        rejected: rejected.length - before.rejected,
      });
    }
    await staging.flush();

    // Rewrite each touched shard: old records minus the replaced ones, plus the newest staged copies.
    const keys = [...touched].sort();
    let done = 0;
    for (const key of keys) {
      options.signal?.throwIfAborted();
      const [ecosystem, shard] = splitKey(key);
      const kept = new Map<string, OsvRecord>();
      for (const r of await readShard(dir, ecosystem, shard)) if (!newest.has(r.id)) kept.set(r.id, r);
      const file = staging.files.get(key);
      if (file !== undefined) {
        for (const line of (await readFile(file, 'utf8')).split('\n')) {
          if (line === '') continue;
          const r = JSON.parse(line) as OsvRecord;
          if (newest.get(r.id) === new Date(r.modified).toISOString()) kept.set(r.id, r);
        }
      }
      const records = [...kept.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const path = shardPath(dir, ecosystem, shard);
      const eco = (meta.ecosystems[ecosystem] ??= { lastModified: '', shards: {} });
      if (records.length === 0) {
        await rm(path, { force: true });
        delete eco.shards[shard];
      } else {
        await writeFileAtomic(path, gzipSync(records.map((r) => JSON.stringify(r)).join('\n') + '\n'));
        const names = new Set<string>();
        for (const r of records) {
          for (const a of r.affected ?? []) {
            if (a.package?.ecosystem === ecosystem)
              names.add(normalizePackageName(ecosystem, a.package.name));
          }
          const m = new Date(r.modified).toISOString();
          if (m > eco.lastModified) eco.lastModified = m;
        }
        eco.shards[shard] = { records: records.length, packages: names.size };
      }
      if (Object.keys(eco.shards).length === 0) delete meta.ecosystems[ecosystem];
      options.onProgress?.({ phase: 'write', done: ++done, total: keys.length, source: ecosystem });
    }

    for (const [id, modified] of newest) ids[id] = [modified, newestLocations.get(id) ?? []];
    await writeFileAtomic(join(dir, 'ids.json.gz'), gzipSync(JSON.stringify(ids)));
    const next: Meta = {
      format: VULNDB_FORMAT,
      updatedAt: now().toISOString(),
      records: Object.keys(ids).length,
      ecosystems: meta.ecosystems,
      imports: [...meta.imports, ...sourceReports].slice(-50),
    };
    await writeFileAtomic(join(dir, 'meta.json'), `${JSON.stringify(next, null, 2)}\n`);
    return {
      dir,
      added,
      updated,
      unchanged,
      withoutPackage,
      rejected,
      ecosystems: [...new Set(keys.map((k) => splitKey(k)[0]))].sort(),
    };
  } finally {
    await rm(staging.dir, { recursive: true, force: true });
    await release();
  }
}

/** Removes staging folders an interrupted import left behind (we hold the lock: none is live). */
async function cleanStaleStaging(dir: string): Promise<void> {
  const items = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    items
      .filter((n) => n.startsWith('.staging-'))
      .map((n) => rm(join(dir, n), { recursive: true, force: true })),
  );
}
