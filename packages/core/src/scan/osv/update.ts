import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { msg, type Message, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { writeFileAtomic } from '../../util/index.js';
import { baseEcosystem } from '../versions/index.js';
import { printable } from './printable.js';
import { osvSchema } from './schema.js';
import {
  importOsv,
  matchIndexMissing,
  vulnDbStatus,
  type ImportProgress,
  type ImportReport,
} from './store.js';
import { ZipReader } from './zip.js';

/*
 * Updating the store from a mirror of osv.dev's bucket: an HTTP(S) URL or a folder (a mounted
 * share, a copied disk) laid out as osv.dev publishes it, `<Ecosystem>/all.zip`. Only the
 * ecosystems in use are fetched: the ones the store holds, plus those asked for.
 *
 * Verification, before anything is imported:
 * - the mirror's listing: when it serves `ecosystems.txt` (as osv.dev does), every ecosystem
 *   asked for must be listed in it;
 * - checksums: when it serves `SHA256SUMS` (`<sha256>  <Ecosystem>/all.zip` lines, as
 *   `sha256sum <Ecosystem>/all.zip` writes them), each download must match, else nothing is imported;
 * - the transfer: the byte count must match Content-Length, and every zip entry's CRC-32 is
 *   checked while importing (a truncated or damaged dump is refused).
 * Downloads are conditional (the ETag and Last-Modified of the last update are sent back), so an
 * unchanged dump costs one request. Everything downloaded is imported in one import, switched
 * atomically: a failed update leaves the store as it was.
 */

export interface UpdateOptions {
  /** The store folder. */
  readonly dir: string;
  /** The mirror: http(s)://host/path, file:///path or a folder. */
  readonly from: string;
  /** Ecosystems to fetch besides the ones the store holds (base names: Debian, npm, PyPI, ...). */
  readonly ecosystems?: readonly string[];
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  readonly onProgress?: (p: UpdateProgress) => void;
  /** One request's time limit, in milliseconds (default 10 minutes: dumps are large). */
  readonly timeoutMs?: number;
}

export type UpdateProgress =
  | { readonly phase: 'fetch'; readonly ecosystem: string; readonly bytes: number; readonly total?: number }
  | ImportProgress;

export interface EcosystemUpdate {
  readonly ecosystem: string;
  readonly status: 'downloaded' | 'not-modified';
  readonly bytes?: number;
  readonly sha256?: string;
  /** How the file was checked: against the mirror's SHA256SUMS, or its zip checksums only. */
  readonly verified?: 'sha256sums' | 'zip-crc';
}

export interface UpdateReport {
  readonly from: string;
  readonly ecosystems: readonly EcosystemUpdate[];
  /** Whether the mirror served ecosystems.txt and SHA256SUMS. */
  readonly listing: boolean;
  readonly checksums: boolean;
  readonly import?: ImportReport;
}

interface UpdateState {
  readonly from: string;
  readonly ecosystems: Record<
    string,
    { etag?: string; lastModified?: string; sha256: string; updatedAt: string }
  >;
}

const STATE_FILE = 'update.json';

/** The ecosystems the OSV schema names (the vendored schema's list): nothing else is fetched. */
function knownEcosystems(): ReadonlySet<string> {
  const defs = (osvSchema()['$defs'] ?? {}) as { ecosystemName?: { enum?: string[] } };
  return new Set(defs.ecosystemName?.enum ?? []);
}

type Mirror = { readonly kind: 'http'; readonly base: URL } | { readonly kind: 'dir'; readonly base: string };

function parseMirror(from: string): Mirror {
  if (/^https?:\/\//i.test(from)) {
    const base = new URL(from);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return { kind: 'http', base };
  }
  if (/^file:\/\//i.test(from)) return { kind: 'dir', base: new URL(from).pathname };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(from)) {
    throw new QuaiError('USAGE', msg('scan.osv.badMirror', { from: printable(from) }), {
      hint: msg('scan.osv.badMirrorHint'),
    });
  }
  return { kind: 'dir', base: from };
}

function unreachable(what: string, why: Param, hint?: Message): QuaiError {
  return new QuaiError('MIRROR_UNREACHABLE', msg('scan.osv.unreachable', { what, why }), {
    hint: hint ?? msg('scan.osv.unreachableHint'),
  });
}

/** GET with a time limit; 404 gives undefined. */
async function get(
  url: URL,
  options: { signal?: AbortSignal; timeoutMs: number; headers?: Record<string, string> },
): Promise<Response | undefined> {
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.any(signals),
      ...(options.headers ? { headers: options.headers } : {}),
      redirect: 'follow',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw unreachable(url.href, cause?.code ?? cause?.message ?? (error as Error).message);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.status !== 200 && response.status !== 304) {
    await response.body?.cancel();
    throw unreachable(
      url.href,
      msg('scan.osv.serverAnswered', { status: response.status, statusText: response.statusText }),
    );
  }
  return response;
}

/** A small text file of the mirror (listing, checksums), or undefined when it has none. */
async function readSmall(
  mirror: Mirror,
  name: string,
  options: { signal?: AbortSignal; timeoutMs: number },
): Promise<string | undefined> {
  if (mirror.kind === 'dir') {
    try {
      return await readFile(join(mirror.base, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw unreachable(join(mirror.base, name), (error as Error).message);
    }
  }
  const r = await get(new URL(name, mirror.base), options);
  if (r === undefined) return undefined;
  const text = await r.text();
  if (text.length > 4 * 1024 * 1024)
    throw unreachable(new URL(name, mirror.base).href, msg('scan.osv.tooLargeSmall'));
  return text;
}

function parseChecksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
    if (m !== null) out.set(m[2]!.replace(/^\.\//, ''), m[1]!.toLowerCase());
  }
  return out;
}

/** Streams into a file while hashing; returns the byte count and sha256. */
async function save(
  source: Readable,
  path: string,
  onBytes: (n: number) => void,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    source,
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        onBytes(bytes);
        done(null, chunk);
      },
    }),
    createWriteStream(path, { flags: 'wx' }),
  );
  return { bytes, sha256: hash.digest('hex') };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Fetches the dumps of the ecosystems in use from a mirror, checks them, imports them at once. */
export async function updateFromMirror(options: UpdateOptions): Promise<UpdateReport> {
  const mirror = parseMirror(options.from);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const net = { ...(options.signal ? { signal: options.signal } : {}), timeoutMs };
  const known = knownEcosystems();
  for (const e of options.ecosystems ?? []) {
    if (!known.has(e)) {
      throw new QuaiError('USAGE', msg('scan.osv.unknownEcosystem', { ecosystem: printable(e) }), {
        hint: msg('scan.osv.unknownEcosystemHint', { examples: [...known].slice(0, 12).join(', ') }),
      });
    }
  }
  const status = await vulnDbStatus(options.dir);
  const inUse = new Set<string>([
    ...status.ecosystems.map((e) => baseEcosystem(e.ecosystem)).filter((e) => known.has(e)),
    ...(options.ecosystems ?? []),
  ]);
  if (inUse.size === 0) {
    throw new QuaiError('USAGE', msg('scan.osv.noEcosystem', { dir: options.dir }), {
      hint: msg('scan.osv.noEcosystemHint'),
    });
  }
  const ecosystems = [...inUse].sort();

  // The mirror's listing and checksums, when it has them.
  const listingText = await readSmall(mirror, 'ecosystems.txt', net);
  if (listingText !== undefined) {
    const listed = new Set(
      listingText
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    );
    const missing = ecosystems.filter((e) => !listed.has(e));
    if (missing.length > 0) {
      throw unreachable(
        `${options.from}`,
        msg('scan.osv.notListed', { ecosystems: missing.join(', ') }),
        msg('scan.osv.notListedHint'),
      );
    }
  }
  const sumsText = await readSmall(mirror, 'SHA256SUMS', net);
  const sums = sumsText === undefined ? undefined : parseChecksums(sumsText);

  const stateRaw = await readFile(join(options.dir, STATE_FILE), 'utf8').catch(() => undefined);
  const previous = stateRaw === undefined ? undefined : (JSON.parse(stateRaw) as UpdateState);
  const sameMirror = previous?.from === options.from;

  await mkdir(options.dir, { recursive: true });
  await cleanDownloads(options.dir);
  const staging = join(options.dir, `.download-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  try {
    const results: EcosystemUpdate[] = [];
    const sources: { path: string; key: string }[] = [];
    const nextState: UpdateState = {
      from: options.from,
      ecosystems: { ...(sameMirror ? previous.ecosystems : {}) },
    };
    for (const ecosystem of ecosystems) {
      options.signal?.throwIfAborted();
      const key = `${ecosystem}/all.zip`;
      const last = sameMirror ? previous.ecosystems[ecosystem] : undefined;
      let path: string;
      let bytes: number;
      let sha256: string;
      let etag: string | undefined;
      let lastModified: string | undefined;
      if (mirror.kind === 'dir') {
        path = join(mirror.base, ecosystem, 'all.zip');
        const info = await stat(path).catch(() => undefined);
        if (info === undefined)
          throw unreachable(path, msg('scan.osv.noSuchFile'), msg('scan.osv.noSuchFileHint'));
        bytes = info.size;
        sha256 = await sha256File(path);
        if (last?.sha256 === sha256) {
          results.push({ ecosystem, status: 'not-modified' });
          continue;
        }
      } else {
        const url = new URL(`${encodeURIComponent(ecosystem)}/all.zip`, mirror.base);
        const headers: Record<string, string> = {};
        if (last?.etag !== undefined) headers['if-none-match'] = last.etag;
        if (last?.lastModified !== undefined) headers['if-modified-since'] = last.lastModified;
        const response = await get(url, { ...net, headers });
        if (response === undefined) throw unreachable(url.href, msg('scan.osv.mirrorNoFile'));
        if (response.status === 304) {
          results.push({ ecosystem, status: 'not-modified' });
          continue;
        }
        const total = Number(response.headers.get('content-length') ?? Number.NaN);
        path = join(staging, `${sources.length}.zip`);
        if (response.body === null) throw unreachable(url.href, msg('scan.osv.noBody'));
        ({ bytes, sha256 } = await save(Readable.fromWeb(response.body), path, (n) =>
          options.onProgress?.({
            phase: 'fetch',
            ecosystem,
            bytes: n,
            ...(Number.isFinite(total) ? { total } : {}),
          }),
        ));
        if (Number.isFinite(total) && bytes !== total) {
          throw unreachable(
            url.href,
            msg('scan.osv.transferStopped', { bytes, total }),
            msg('scan.osv.transferStoppedHint'),
          );
        }
        etag = response.headers.get('etag') ?? undefined;
        lastModified = response.headers.get('last-modified') ?? undefined;
      }
      const expected = sums?.get(key);
      if (sums !== undefined && expected === undefined) {
        throw new QuaiError('MIRROR_CHECKSUM_MISMATCH', msg('scan.osv.noChecksum', { key }), {
          hint: msg('scan.osv.noChecksumHint'),
        });
      }
      if (expected !== undefined && expected !== sha256) {
        throw new QuaiError(
          'MIRROR_CHECKSUM_MISMATCH',
          msg('scan.osv.checksumMismatch', { key, from: printable(options.from), sha256, expected }),
          { hint: msg('scan.osv.checksumMismatchHint') },
        );
      }
      // A zip that does not open (truncated, not a zip) is refused before the import.
      const zip = await ZipReader.open(path);
      await zip.close();
      results.push({
        ecosystem,
        status: 'downloaded',
        bytes,
        sha256,
        verified: expected !== undefined ? 'sha256sums' : 'zip-crc',
      });
      sources.push({ path, key });
      nextState.ecosystems[ecosystem] = {
        ...(etag === undefined ? {} : { etag }),
        ...(lastModified === undefined ? {} : { lastModified }),
        sha256,
        updatedAt: (options.now ?? (() => new Date()))().toISOString(),
      };
    }
    let imported: ImportReport | undefined;
    // Nothing new, but a store without its matching index (or with a damaged one): an import
    // of no source writes it.
    if (sources.length > 0 || (await matchIndexMissing(options.dir))) {
      imported = await importOsv({
        dir: options.dir,
        sources,
        ...(options.now ? { now: options.now } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    }
    await writeFileAtomic(join(options.dir, STATE_FILE), `${JSON.stringify(nextState, null, 2)}\n`);
    return {
      from: options.from,
      ecosystems: results,
      listing: listingText !== undefined,
      checksums: sums !== undefined,
      ...(imported === undefined ? {} : { import: imported }),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Removes the download folders of updates whose process is gone (killed mid-download). */
async function cleanDownloads(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = /^\.download-(\d+)-[0-9a-f]+$/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    let alive = pid !== process.pid;
    try {
      process.kill(pid, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) await rm(join(dir, name), { recursive: true, force: true });
  }
}
