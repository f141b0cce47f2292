import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { posix } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { msg, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { readTar, viewLayers, type FileView, type ImageLimits, type LayerBlob } from '../inventory/index.js';
import { selectPlatform, type Descriptor } from '../registry/index.js';

/*
 * `docker save` archives, read in place: the legacy layout (manifest.json naming a config and
 * `<id>/layer.tar` files, layers deduplicated with symbolic links) and the OCI layout inside a tar
 * that Docker 25 and later write (index.json, blobs/sha256/...). A first pass over the archive
 * keeps only the small JSON documents and where each entry starts; layers are then streamed from
 * their offset in the file (a gzip-compressed archive is decompressed again from the start for
 * each layer: slower, still nothing written to disk). Layer digests are checked: OCI layers
 * against their descriptor, legacy layers against the config's diff_ids.
 */

export interface ArchiveOptions extends ImageLimits {
  /** Platform to pick from a multi-platform index (default linux/amd64). */
  readonly platform?: string;
  /** The image to pick (a RepoTag such as `app:1.2`) when the archive holds several. */
  readonly image?: string;
}

interface Entry {
  readonly offset: number;
  readonly size: number;
  readonly type: 'file' | 'symlink' | 'hardlink' | 'dir' | 'other';
  readonly linkName: string;
  readonly json?: Buffer;
}

const MAX_JSON = 4 * 1024 * 1024;
const MAX_JSON_TOTAL = 64 * 1024 * 1024;

function bad(
  file: string,
  why: Param,
  code: 'INPUT_INVALID' | 'IMAGE_NOT_FOUND' = 'INPUT_INVALID',
): QuaiError {
  return new QuaiError(code, msg('scan.archive.unreadable', { file, why }), {
    hint: code === 'IMAGE_NOT_FOUND' ? msg('scan.archive.nameImageHint') : msg('scan.archive.unreadableHint'),
    location: { file },
  });
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

function archiveStream(file: string, gz: boolean): Readable {
  const raw = createReadStream(file);
  if (!gz) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  gunzip.on('close', () => raw.destroy()); // a layer read from the middle stops early: close the file
  return raw.pipe(gunzip);
}

/** Bytes [start, start + length) of a stream, then the stream is closed. */
function slice(source: Readable, start: number, length: number): Readable {
  let pos = 0;
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const from = Math.max(0, start - pos);
      const to = Math.min(chunk.length, start + length - pos);
      pos += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      if (pos >= start + length) {
        this.push(null);
        source.unpipe(out);
        source.destroy();
      }
      cb();
    },
  });
  source.on('error', (e) => out.destroy(e));
  return source.pipe(out);
}

/** The archive's table of contents (path -> entry), with the small JSON documents kept. */
async function tableOfContents(file: string, gz: boolean, limits: ImageLimits): Promise<Map<string, Entry>> {
  const toc = new Map<string, Entry>();
  let kept = 0;
  await readTar(archiveStream(file, gz), {
    want: (p) => p.endsWith('.json') || p.startsWith('blobs/') || p === 'repositories' || p === 'oci-layout',
    maxFileBytes: MAX_JSON,
    source: file,
    budget: {
      entries: limits.maxEntries ?? 5_000_000,
      bytes: Number.MAX_SAFE_INTEGER,
      onExceeded: (what) =>
        new QuaiError('IMAGE_TOO_LARGE', msg('scan.archive.tooLarge', { file, what }), {
          hint: msg('scan.archive.tooLargeHint'),
          location: { file },
        }),
    },
    onEntry: (e) => {
      if (e.type === 'other' && normalize(e.path) === undefined) return; // `..` paths: never used
      const json =
        e.data !== undefined &&
        (e.data[0] === 0x7b || e.data[0] === 0x5b) &&
        kept + e.data.length <= MAX_JSON_TOTAL
          ? e.data
          : undefined;
      if (json !== undefined) kept += json.length;
      toc.set(e.path, {
        offset: e.offset ?? 0,
        size: e.size,
        type: e.type,
        linkName: e.linkName,
        ...(json === undefined ? {} : { json }),
      });
    },
  });
  return toc;
}

function normalize(p: string): string | undefined {
  const n = posix.normalize(p);
  return n.startsWith('../') || n === '..' || n.startsWith('/') ? undefined : n;
}

/** Follows links inside the archive (legacy layers are deduplicated with them), never out of it. */
function resolveEntry(toc: Map<string, Entry>, file: string, path: string): { path: string; entry: Entry } {
  let current = normalize(path);
  for (let hops = 0; hops < 8 && current !== undefined; hops++) {
    const e = toc.get(current);
    if (e === undefined) break;
    if (e.type === 'file') return { path: current, entry: e };
    if (e.type === 'symlink') current = normalize(posix.join(posix.dirname(current), e.linkName));
    else if (e.type === 'hardlink') current = normalize(e.linkName);
    else break;
  }
  throw bad(file, msg('scan.why.entryMissing', { path }));
}

function parseJson<T>(file: string, name: Param, data: Buffer | undefined): T {
  if (data === undefined) throw bad(file, msg('scan.why.missingOrTooLarge', { name }));
  try {
    return JSON.parse(data.toString('utf8')) as T;
  } catch {
    throw bad(file, msg('scan.why.notJson', { name }));
  }
}

function blobOf(toc: Map<string, Entry>, file: string, digest: string): { path: string; entry: Entry } {
  const m = /^(sha256|sha512):([a-f0-9]{64,128})$/.exec(digest);
  if (m === null) throw bad(file, msg('scan.why.badDigest', { digest }));
  return resolveEntry(toc, file, `blobs/${m[1]!}/${m[2]!}`);
}

/** Reads an image from a `docker save` archive into a merged view of wanted files. */
export async function viewDockerArchive(file: string, options: ArchiveOptions = {}): Promise<FileView> {
  const gz = await isGzip(file).catch((error: unknown) => {
    throw bad(file, (error as Error).message);
  });
  const toc = await tableOfContents(file, gz, options);
  const layerBlob = (entry: Entry, digest: string, mediaType: string): LayerBlob => ({
    digest,
    mediaType,
    size: entry.size,
    open: () =>
      Promise.resolve(
        gz
          ? slice(archiveStream(file, true), entry.offset, entry.size)
          : createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 }),
      ),
  });
  const source = file;

  const index = toc.get('index.json');
  if (index?.json !== undefined && toc.has('oci-layout')) {
    // The OCI layout in a tar (Docker 25+, skopeo oci-archive).
    const idx = parseJson<{ manifests?: (Descriptor & { annotations?: Record<string, string> })[] }>(
      file,
      'index.json',
      index.json,
    );
    let list = idx.manifests ?? [];
    if (options.image !== undefined) {
      const want = options.image;
      list = list.filter((d) => {
        const names = [
          d.annotations?.['io.containerd.image.name'],
          d.annotations?.['org.opencontainers.image.ref.name'],
        ];
        return names.some(
          (n) =>
            n !== undefined && (n === want || n.endsWith(`/${want}`) || n === `docker.io/library/${want}`),
        );
      });
      if (list.length === 0) throw bad(file, msg('scan.why.noImageNamed', { name: want }), 'IMAGE_NOT_FOUND');
    }
    if (list.length > 1 && list.every((d) => d.platform === undefined)) {
      const names = list.map((d) => d.annotations?.['io.containerd.image.name'] ?? d.digest);
      throw bad(
        file,
        msg('scan.why.severalImages', { count: list.length, names: names.join(', ') }),
        'IMAGE_NOT_FOUND',
      );
    }
    let desc: Descriptor | undefined =
      list.length === 1 ? list[0] : selectPlatform(list, options.platform ?? 'linux/amd64');
    for (let depth = 0; desc !== undefined && /index|list/.test(desc.mediaType); depth++) {
      if (depth > 3) throw bad(file, msg('scan.why.indexesNest'));
      const inner = parseJson<{ manifests?: Descriptor[] }>(
        file,
        msg('scan.why.index', { digest: desc.digest }),
        readVerified(toc, file, desc.digest),
      );
      desc = selectPlatform(inner.manifests ?? [], options.platform ?? 'linux/amd64');
    }
    if (desc === undefined)
      throw bad(
        file,
        msg('scan.why.noPlatform', { platform: options.platform ?? 'linux/amd64' }),
        'IMAGE_NOT_FOUND',
      );
    const manifest = parseJson<{ layers?: Descriptor[] }>(
      file,
      msg('scan.why.manifest', { digest: desc.digest }),
      readVerified(toc, file, desc.digest),
    );
    if (!Array.isArray(manifest.layers))
      throw bad(file, msg('scan.why.manifestNoLayers', { digest: desc.digest }));
    const layers = manifest.layers.map((l) => {
      const { path, entry } = blobOf(toc, file, l.digest);
      if (entry.size !== l.size) {
        throw new QuaiError(
          'IMAGE_TRUNCATED',
          msg('scan.archive.unreadable', {
            file,
            why: msg('scan.why.layerSize', { digest: l.digest, path, size: entry.size, expected: l.size }),
          }),
          {
            hint: msg('scan.archive.truncatedHint'),
            location: { file },
          },
        );
      }
      return layerBlob(entry, l.digest, l.mediaType);
    });
    return viewLayers(layers, { manifestDigest: desc.digest, source }, options);
  }

  const manifestEntry = toc.get('manifest.json');
  if (manifestEntry === undefined) throw bad(file, msg('scan.why.archiveNoManifest'));
  const images = parseJson<{ Config?: string; RepoTags?: string[] | null; Layers?: string[] }[]>(
    file,
    'manifest.json',
    manifestEntry.json,
  );
  if (!Array.isArray(images) || images.length === 0) throw bad(file, msg('scan.why.manifestJsonEmpty'));
  let chosen = images[0]!;
  if (options.image !== undefined) {
    const want = options.image;
    const found = images.find((i) =>
      (i.RepoTags ?? []).some((t) => t === want || t.endsWith(`/${want}`) || t === `${want}:latest`),
    );
    if (found === undefined)
      throw bad(
        file,
        msg('scan.why.noImageNamedIn', {
          name: want,
          names: images.flatMap((i) => i.RepoTags ?? []).join(', '),
        }),
        'IMAGE_NOT_FOUND',
      );
    chosen = found;
  } else if (images.length > 1) {
    throw bad(
      file,
      msg('scan.why.severalImages', {
        count: images.length,
        names: images.flatMap((i) => i.RepoTags ?? ['<untagged>']).join(', '),
      }),
      'IMAGE_NOT_FOUND',
    );
  }
  if (typeof chosen.Config !== 'string' || !Array.isArray(chosen.Layers))
    throw bad(file, msg('scan.why.manifestJsonIncomplete'));
  const configPath = resolveEntry(toc, file, chosen.Config);
  const config = parseJson<{ rootfs?: { diff_ids?: string[] } }>(file, chosen.Config, configPath.entry.json);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== chosen.Layers.length)
    throw bad(file, msg('scan.why.layerCounts', { config: diffIds.length, manifest: chosen.Layers.length }));
  const configDigest =
    /^blobs\/sha256\/([a-f0-9]{64})$/.exec(configPath.path)?.[1] ??
    /([a-f0-9]{64})\.json$/.exec(configPath.path)?.[1];
  const layers = chosen.Layers.map((p, i) => {
    const { entry } = resolveEntry(toc, file, p);
    return layerBlob(entry, diffIds[i]!, 'application/vnd.docker.image.rootfs.diff.tar');
  });
  return viewLayers(
    layers,
    { manifestDigest: configDigest === undefined ? 'unknown' : `sha256:${configDigest}`, source },
    options,
  );
}

/** A small blob of the archive (a manifest or index), checked against its digest. */
function readVerified(toc: Map<string, Entry>, file: string, digest: string): Buffer {
  const { entry } = blobOf(toc, file, digest);
  const data = entry.json;
  if (data === undefined) throw bad(file, msg('scan.why.blobUnusable', { digest }));
  const algo = digest.split(':', 1)[0]!;
  if (`${algo}:${createHash(algo).update(data).digest('hex')}` !== digest) {
    throw new QuaiError(
      'IMAGE_DIGEST_MISMATCH',
      msg('scan.archive.unreadable', { file, why: msg('scan.why.blobDigest', { digest }) }),
      {
        hint: msg('scan.archive.changedHint'),
        location: { file },
      },
    );
  }
  return data;
}
