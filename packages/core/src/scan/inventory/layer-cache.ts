import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quaiCacheDir } from '../cache-dir.js';
import type { TarEntry, TarEntryType } from './tar.js';

/*
 * What a layer gave, kept by its digest: a layer is immutable (its digest names its bytes), so an
 * image scanned again, or another image on the same base layers, reads none of the layers it has
 * seen (no download, no decompression, no tar walk): Trivy keeps the same kind of cache. One
 * file per layer and recipe:
 *
 *   <dir>/<recipe>/<algorithm>-<hex>    a line of JSON (the entries, the bytes and tar entries the
 *                                        layer counted against the image's limits), then the kept
 *                                        contents one after the other
 *
 * The recipe is a hash of what decides the kept entries (the wanted paths, the size cap of a kept
 * file, LAYER_CACHE_FORMAT): when it changes, older files are simply not found. Files are written
 * whole then renamed; a file that does not decode is a miss, and the layer is read again.
 */

/** Raise when the entries a layer yields change (a new content summary, another entry shape). */
const LAYER_CACHE_FORMAT = 1;

/** $QUAI_CACHE_DIR/layers, else $XDG_CACHE_HOME/quai/layers, else ~/.cache/quai/layers. */
export function defaultLayerCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(quaiCacheDir(env), 'layers');
}

/** What reading one layer gave: its kept entries, and what it counted against the image's limits. */
export interface CachedLayer {
  readonly entries: readonly TarEntry[];
  /** Uncompressed bytes read. */
  readonly bytes: number;
  /** Tar entries read. */
  readonly tarEntries: number;
}

export class LayerCache {
  private readonly folder: string;

  /** `recipe`: what decides the kept entries (wanted paths, size cap); part of every file's place. */
  constructor(dir: string, recipe: string) {
    const hash = createHash('sha256').update(`${LAYER_CACHE_FORMAT}\n${recipe}`).digest('hex');
    this.folder = join(dir, hash.slice(0, 16));
  }

  private path(digest: string): string | undefined {
    const m = /^(sha256|sha512):([a-f0-9]{64}|[a-f0-9]{128})$/.exec(digest);
    return m === null ? undefined : join(this.folder, `${m[1]!}-${m[2]!}`);
  }

  /** The layer as read before, or undefined (never read, or a file that does not decode). */
  async get(digest: string): Promise<CachedLayer | undefined> {
    const path = this.path(digest);
    if (path === undefined) return undefined;
    let raw: Buffer;
    try {
      raw = await readFile(path);
    } catch {
      return undefined;
    }
    return decode(raw, digest);
  }

  /** Keeps what a layer gave; a cache that cannot be written only costs the next scan its time. */
  async put(digest: string, layer: CachedLayer): Promise<void> {
    const path = this.path(digest);
    if (path === undefined) return;
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(this.folder, { recursive: true });
      await writeFile(tmp, encode(digest, layer));
      await rename(tmp, path);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

/** [path, type, size, linkName, content length or -1]. */
type Row = [string, TarEntryType, number, string, number];

interface Head {
  readonly digest: string;
  readonly bytes: number;
  readonly tarEntries: number;
  readonly entries: readonly Row[];
}

function encode(digest: string, layer: CachedLayer): Buffer {
  const head: Head = {
    digest,
    bytes: layer.bytes,
    tarEntries: layer.tarEntries,
    entries: layer.entries.map((e) => [e.path, e.type, e.size, e.linkName, e.data?.length ?? -1]),
  };
  return Buffer.concat([
    Buffer.from(`${JSON.stringify(head)}\n`),
    ...layer.entries.flatMap((e) => (e.data === undefined ? [] : [e.data])),
  ]);
}

const TYPES = new Set<string>(['file', 'dir', 'symlink', 'hardlink', 'other']);
const count = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

function decode(raw: Buffer, digest: string): CachedLayer | undefined {
  const nl = raw.indexOf(10);
  if (nl < 0) return undefined;
  let head: Head;
  try {
    head = JSON.parse(raw.toString('utf8', 0, nl)) as Head;
  } catch {
    return undefined;
  }
  if (
    head === null ||
    typeof head !== 'object' ||
    head.digest !== digest ||
    !count(head.bytes) ||
    !count(head.tarEntries) ||
    !Array.isArray(head.entries)
  )
    return undefined;
  const entries: TarEntry[] = [];
  let at = nl + 1;
  for (const row of head.entries as unknown[]) {
    if (!Array.isArray(row) || row.length !== 5) return undefined;
    const [path, type, size, linkName, length] = row as unknown[];
    if (
      typeof path !== 'string' ||
      typeof type !== 'string' ||
      !TYPES.has(type) ||
      !count(size) ||
      typeof linkName !== 'string' ||
      !(length === -1 || count(length))
    )
      return undefined;
    if (length === -1) entries.push({ path, type: type as TarEntryType, size, linkName });
    else {
      if (at + length > raw.length) return undefined;
      entries.push({ path, type: type as TarEntryType, size, linkName, data: raw.subarray(at, at + length) });
      at += length;
    }
  }
  if (at !== raw.length) return undefined;
  return { entries, bytes: head.bytes, tarEntries: head.tarEntries };
}
