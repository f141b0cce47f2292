import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { msg, type Message, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { contentConsumer, readFileContent } from './gobinary-java.js';
import { LayerCache } from './layer-cache.js';
import type { ScanWarning } from './parsers.js';
import { readTar, type TarBudget, type TarEntry } from './tar.js';
import { createZstdDecompress } from './zstd.js';

/*
 * The files an inventory needs, from a root filesystem folder or an OCI image layout, as one
 * merged view. Only wanted files (package databases, os-release, package manifests) are kept.
 * Layers are applied in order with OCI whiteouts: `.wh.<name>` hides <name> (and what is under it)
 * from lower layers, `.wh..wh..opq` hides everything lower in its folder, and a file or link in an
 * upper layer hides a lower folder of the same path. Layer blobs are streamed: digest checked,
 * gunzipped and read as tar on the fly, never extracted.
 */

export interface FileView {
  /** Wanted files by normalised path (no leading `/`). */
  readonly files: ReadonlyMap<string, Buffer>;
  /** Symbolic links among wanted paths: path -> target as written. */
  readonly links: ReadonlyMap<string, string>;
  readonly warnings: readonly ScanWarning[];
  /** For images: the manifest digest and the layer digests, in order. */
  readonly image?: { readonly manifestDigest: string; readonly layers: readonly string[] };
}

const WANTED: readonly RegExp[] = [
  /^var\/lib\/dpkg\/status$/,
  /^var\/lib\/dpkg\/status\.d\/[^/]+$/,
  /^lib\/apk\/db\/installed$/,
  /^(etc|usr\/lib)\/os-release$/,
  /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/,
  /(^|\/)package-lock\.json$/,
  /(^|\/)[^/]+\.dist-info\/METADATA$/,
  /(^|\/)[^/]+\.egg-info\/PKG-INFO$/,
  /^(usr\/lib\/sysimage|var\/lib)\/rpm\/rpmdb\.sqlite$/,
  /(^|\/)Gemfile\.lock$/,
  /(^|\/)composer\.lock$/,
  /(^|\/)vendor\/composer\/installed\.json$/,
  /(^|\/)[^/]+\.deps\.json$/,
  /(^|\/)packages\.lock\.json$/,
  /(^|\/)pubspec\.lock$/,
  /(^|\/)renv\.lock$/,
  /(^|\/)cabal\.project\.freeze$/,
  /(^|\/)package\.(conf\.d|db)\/[^/]+\.conf$/,
];

export function isWanted(path: string): boolean {
  if (path.endsWith('.md5sums')) return false;
  return WANTED.some((re) => re.test(path));
}

/** The merged view under construction: one entry per wanted path or link still visible. */
class Merger {
  readonly files = new Map<string, Buffer>();
  readonly links = new Map<string, string>();
  readonly warnings: ScanWarning[] = [];

  /** Folders that hold a kept path: only those need a scan when a path hides its children. */
  private folders = new Set<string>();

  private remove(path: string, withChildren: boolean): void {
    for (const map of [this.files, this.links] as const) {
      map.delete(path);
      if (withChildren && this.folders.has(path)) {
        for (const k of [...map.keys()]) if (k.startsWith(`${path}/`)) map.delete(k);
      }
    }
  }

  /** Applies one layer's entries (collected first: whiteouts act on lower layers only). */
  apply(entries: readonly TarEntry[], layer: string): void {
    this.folders = new Set();
    for (const k of [...this.files.keys(), ...this.links.keys()]) {
      for (let d = posix.dirname(k); d !== '.' && !this.folders.has(d); d = posix.dirname(d))
        this.folders.add(d);
    }
    for (const e of entries) {
      const base = posix.basename(e.path);
      const dir = posix.dirname(e.path) === '.' ? '' : posix.dirname(e.path);
      if (base === '.wh..wh..opq') {
        for (const map of [this.files, this.links] as const) {
          for (const k of [...map.keys()]) if (dir === '' || k.startsWith(`${dir}/`)) map.delete(k);
        }
      } else if (base.startsWith('.wh.')) {
        this.remove(dir === '' ? base.slice(4) : `${dir}/${base.slice(4)}`, true);
      } else if (e.type === 'other' && e.path.split('/').includes('..')) {
        this.warnings.push(msg('scan.inventory.leavesRoot', { layer, path: e.path }));
      }
    }
    for (const e of entries) {
      const base = posix.basename(e.path);
      if (base.startsWith('.wh.')) continue;
      if (e.type === 'file' || e.type === 'symlink' || e.type === 'hardlink') this.remove(e.path, true);
      if (e.type === 'file' && e.data !== undefined) this.files.set(e.path, e.data);
      else if (e.type === 'file' && isWanted(e.path))
        this.warnings.push(msg('scan.inventory.tooLarge', { layer, path: e.path, size: e.size }));
      else if (e.type === 'symlink' && isWanted(e.path)) this.links.set(e.path, e.linkName);
      else if (e.type === 'hardlink' && isWanted(e.path)) {
        const target = this.files.get(e.linkName.replace(/^\/+/, ''));
        if (target !== undefined) this.files.set(e.path, target);
      }
    }
  }
}

/** Resolves wanted symlinks (etc/os-release -> ../usr/lib/os-release) inside the view. */
function resolveLinks(m: Merger): void {
  for (const [path, target] of m.links) {
    let current = path;
    let link: string | undefined = target;
    for (let hops = 0; link !== undefined && hops < 8; hops++) {
      const next = posix.normalize(
        link.startsWith('/') ? link.slice(1) : posix.join(posix.dirname(current), link),
      );
      if (next.startsWith('..')) break;
      current = next;
      link = m.links.get(current);
    }
    const data = m.files.get(current);
    if (data !== undefined && !m.files.has(path)) m.files.set(path, data);
  }
}

const SKIP_DIRS = new Set(['proc', 'sys', 'dev', 'run']);

/** Reads the wanted files of a root filesystem folder, without following symbolic links. */
export async function viewRootFs(root: string, maxFileBytes = 64 * 1024 * 1024): Promise<FileView> {
  const info = await lstat(root).catch(() => undefined);
  if (info?.isDirectory() !== true) {
    throw new QuaiError('INPUT_INVALID', msg('scan.layout.notFolder', { path: root }), {
      hint: msg('scan.layout.notFolderHint'),
      location: { file: root },
    });
  }
  const m = new Merger();
  const entries: TarEntry[] = [];
  const walk = async (rel: string): Promise<void> => {
    const items = await readdir(join(root, rel), { withFileTypes: true }).catch((error: unknown) => {
      m.warnings.push(
        msg('scan.inventory.cannotList', { path: rel || '/', reason: (error as Error).message }),
      );
      return [];
    });
    for (const item of items) {
      const path = rel === '' ? item.name : `${rel}/${item.name}`;
      if (item.isDirectory()) {
        if (rel === '' && SKIP_DIRS.has(item.name)) continue;
        await walk(path);
      } else if (item.isSymbolicLink() && isWanted(path)) {
        entries.push({ path, type: 'symlink', size: 0, linkName: await readlink(join(root, path)) });
      } else if (item.isFile() && isWanted(path)) {
        const size = (await lstat(join(root, path))).size;
        entries.push(
          size <= maxFileBytes
            ? { path, type: 'file', size, linkName: '', data: await readFile(join(root, path)) }
            : { path, type: 'file', size, linkName: '' },
        );
      } else if (item.isFile()) {
        // Go binaries and Java archives: read by content, kept as a small summary.
        const st = await lstat(join(root, path));
        const data = await readFileContent(join(root, path), path, st.size, st.mode);
        if (data !== undefined) entries.push({ path, type: 'file', size: st.size, linkName: '', data });
      }
    }
  };
  await walk('');
  m.apply(entries, root);
  resolveLinks(m);
  return { files: m.files, links: m.links, warnings: m.warnings };
}

// ---------------------------------------------------------------------------------------------
// OCI image layout (https://github.com/opencontainers/image-spec/blob/main/image-layout.md)

interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
  readonly annotations?: Record<string, string>;
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export interface OciOptions extends ImageLimits {
  /** Platform to pick from a multi-platform index, `os/arch[/variant]` (default linux/amd64). */
  readonly platform?: string;
  /** The `org.opencontainers.image.ref.name` to pick when the layout holds several images. */
  readonly ref?: string;
}

function blobPath(layout: string, digest: string): string {
  const m = /^(sha256|sha512):([a-f0-9]{64,128})$/.exec(digest);
  if (m === null) {
    throw new QuaiError('INPUT_INVALID', msg('scan.layout.badDigest', { digest, layout }), {
      hint: msg('scan.layout.badDigestHint'),
      location: { file: layout },
    });
  }
  return join(layout, 'blobs', m[1]!, m[2]!);
}

function badLayout(layout: string, why: Message): QuaiError {
  return new QuaiError('INPUT_INVALID', msg('scan.layout.unreadable', { layout, why }), {
    hint: msg('scan.layout.unreadableHint'),
    location: { file: layout },
  });
}

/** Manifests and indexes are small; a larger one is hostile or broken. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

async function readBlobJson<T>(layout: string, d: Descriptor): Promise<T> {
  const path = blobPath(layout, d.digest);
  const info = await stat(path).catch(() => {
    throw badLayout(layout, msg('scan.why.blobMissing', { digest: d.digest }));
  });
  if (info.size > MAX_MANIFEST_BYTES) {
    throw new QuaiError(
      'IMAGE_TOO_LARGE',
      msg('scan.layout.unreadable', {
        layout,
        why: msg('scan.why.manifestSize', { digest: d.digest, size: info.size }),
      }),
      {
        hint: msg('scan.layout.manifestSizeHint', { limit: MAX_MANIFEST_BYTES }),
        location: { file: layout },
      },
    );
  }
  const data = await readFile(path);
  const algo = d.digest.split(':', 1)[0]!;
  if (`${algo}:${createHash(algo).update(data).digest('hex')}` !== d.digest) {
    throw new QuaiError(
      'IMAGE_DIGEST_MISMATCH',
      msg('scan.layout.unreadable', { layout, why: msg('scan.why.blobDigest', { digest: d.digest }) }),
      {
        hint: msg('scan.layout.changedHint'),
        location: { file: layout },
      },
    );
  }
  try {
    return JSON.parse(data.toString('utf8')) as T;
  } catch {
    throw badLayout(layout, msg('scan.why.blobNotJson', { digest: d.digest }));
  }
}

async function pickManifest(
  layout: string,
  index: { manifests?: Descriptor[] },
  options: OciOptions,
  depth = 0,
): Promise<Descriptor> {
  const [os, arch, variant] = (options.platform ?? 'linux/amd64').split('/');
  let list = index.manifests ?? [];
  if (options.ref !== undefined && depth === 0) {
    list = list.filter((d) => d.annotations?.['org.opencontainers.image.ref.name'] === options.ref);
    if (list.length === 0) throw badLayout(layout, msg('scan.why.noImageNamed', { name: options.ref }));
  }
  const withPlatform = list.filter((d) => d.platform !== undefined);
  const chosen =
    list.length === 1
      ? list[0]
      : withPlatform.find(
          (d) =>
            d.platform?.os === os &&
            d.platform?.architecture === arch &&
            (variant === undefined || d.platform?.variant === variant),
        );
  if (chosen === undefined) {
    const offered = withPlatform
      .map((d) => `${d.platform?.os ?? '?'}/${d.platform?.architecture ?? '?'}`)
      .join(', ');
    const platform = options.platform ?? 'linux/amd64';
    throw badLayout(
      layout,
      offered === ''
        ? msg('scan.why.noManifestForPlatform', { platform })
        : msg('scan.why.noManifestForPlatformOffered', { platform, offered }),
    );
  }
  if (chosen.mediaType !== undefined && INDEX_TYPES.has(chosen.mediaType)) {
    if (depth > 4) throw badLayout(layout, msg('scan.why.indexesNest'));
    return pickManifest(layout, await readBlobJson(layout, chosen), options, depth + 1);
  }
  return chosen;
}

/** Safety limits for reading one image's layers (hostile images: tar bombs, absurd sizes). */
export interface ImageLimits {
  /** The largest content kept for one wanted file (larger ones are skipped with a warning). */
  readonly maxFileBytes?: number;
  /** Cap on the uncompressed bytes read over all layers of one image. */
  readonly maxImageBytes?: number;
  /** Cap on the tar entries read over all layers of one image. */
  readonly maxEntries?: number;
  /**
   * A folder where what each layer gave is kept by its digest (layer-cache.ts): a layer seen
   * before is not read again. None by default.
   */
  readonly layerCacheDir?: string;
  /** Called before each layer is read (progress of long pulls). */
  readonly onLayer?: (event: {
    readonly index: number;
    readonly total: number;
    readonly digest: string;
    readonly size: number;
  }) => void;
}

export const DEFAULT_IMAGE_LIMITS = {
  maxFileBytes: 64 * 1024 * 1024,
  maxImageBytes: 32 * 1024 * 1024 * 1024,
  maxEntries: 5_000_000,
} as const;

const MAX_KEPT_BYTES = 1024 * 1024 * 1024;

/** One layer blob of an image, as stored (usually gzip-compressed tar), from any source. */
export interface LayerBlob {
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
  /** Opens the stored bytes; the reader checks the size and digest as they stream. */
  open(): Promise<Readable>;
}

const DIGEST_RE = /^(sha256|sha512):([a-f0-9]{64}|[a-f0-9]{128})$/;

function layerError(
  code: 'IMAGE_DIGEST_MISMATCH' | 'IMAGE_TRUNCATED' | 'IMAGE_UNSUPPORTED' | 'INPUT_INVALID',
  layer: LayerBlob,
  source: string,
  why: Param,
  cause?: unknown,
): QuaiError {
  const hints = {
    IMAGE_DIGEST_MISMATCH: msg('scan.layer.digestHint'),
    IMAGE_TRUNCATED: msg('scan.layer.truncatedHint'),
    IMAGE_UNSUPPORTED: msg('scan.layer.unsupportedHint'),
    INPUT_INVALID: msg('scan.layer.invalidHint'),
  } as const;
  return new QuaiError(code, msg('scan.layer.unreadable', { digest: layer.digest, source, why }), {
    hint: hints[code],
    location: { file: layerWhere(layer, source) },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Where a layer is, as the tar reader and error locations name it. */
function layerWhere(layer: LayerBlob, source: string): string {
  return `layer ${layer.digest} of ${source}`;
}

/** Streams one layer blob: size and digest checked, gunzipped when compressed, read as tar within the budget. */
async function readLayer(
  layer: LayerBlob,
  source: string,
  onEntry: (e: TarEntry) => void,
  maxFileBytes: number,
  budget: TarBudget,
): Promise<void> {
  const where = layerWhere(layer, source);
  const type = layer.mediaType;
  const m = DIGEST_RE.exec(layer.digest);
  if (m === null)
    throw layerError('INPUT_INVALID', layer, source, msg('scan.why.badDigest', { digest: layer.digest }));
  if (type.includes('nondistributable') === false && /encrypted|\+enc/.test(type))
    throw layerError('IMAGE_UNSUPPORTED', layer, source, msg('scan.why.layerEncrypted', { mediaType: type }));
  if (!Number.isSafeInteger(layer.size) || layer.size < 0)
    throw layerError(
      'INPUT_INVALID',
      layer,
      source,
      msg('scan.why.layerBadSize', { size: String(layer.size) }),
    );
  const gz = /gzip$/.test(type);
  const zstd = /zstd$/.test(type);
  const hash = createHash(m[1]!);
  let size = 0;
  let sourceEnded = false;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > layer.size) {
        cb(
          layerError(
            'IMAGE_DIGEST_MISMATCH',
            layer,
            source,
            msg('scan.why.layerLonger', { size: layer.size }),
          ),
        );
        return;
      }
      hash.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      sourceEnded = true;
      cb();
    },
  });
  // Every uncompressed byte counts against the image's budget: a gzip bomb stops at the cap.
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) {
        cb(tooLarge(source, msg('scan.limit.uncompressed'), layer));
        return;
      }
      cb(null, chunk);
    },
  });
  let raw: Readable;
  try {
    raw = await layer.open();
  } catch (error) {
    if (error instanceof QuaiError) throw error;
    throw layerError(
      'INPUT_INVALID',
      layer,
      source,
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? msg('scan.why.layerBlobMissing')
        : (error as Error).message,
      error,
    );
  }
  let sourceFailed = false;
  const streams: Readable[] = [raw, counter];
  let body: Readable = raw.pipe(counter);
  if (gz || zstd) {
    const inflate = gz ? createGunzip() : createZstdDecompress();
    streams.push(inflate);
    body = body.pipe(inflate);
  }
  body = body.pipe(meter);
  streams.push(meter);
  raw.on('error', (e) => {
    sourceFailed = true;
    meter.destroy(e);
  });
  for (const s of streams.slice(1)) s.on('error', (e) => meter.destroy(e));
  try {
    await readTar(body, {
      want: isWanted,
      onEntry,
      source: where,
      maxFileBytes,
      budget,
      consume: contentConsumer,
    });
    // Drain what the tar reader did not need (padding after the end blocks), so the digest covers all.
    for await (const chunk of body) void chunk;
  } catch (error) {
    for (const s of streams) s.destroy();
    const inner = error instanceof QuaiError && error.cause !== undefined ? error.cause : error;
    if (inner instanceof QuaiError && inner.code !== 'INPUT_INVALID') throw inner;
    if (error instanceof QuaiError && error.code !== 'INPUT_INVALID') throw error;
    // A damaged layer: say whether the bytes are short or not the announced ones (re-read to the
    // end when the reader stopped early), before blaming the format.
    let actual = { size, digest: sourceEnded ? `${m[1]!}:${hash.digest('hex')}` : undefined };
    if (!sourceEnded && !sourceFailed) actual = await measure(layer, m[1]!).catch(() => actual);
    if (actual.size < layer.size || sourceFailed) {
      throw layerError(
        'IMAGE_TRUNCATED',
        layer,
        source,
        msg('scan.why.blobShortBecause', {
          got: actual.size,
          size: layer.size,
          reason: (inner as Error).message,
        }),
        error,
      );
    }
    if (actual.size > layer.size || (actual.digest !== undefined && actual.digest !== layer.digest))
      throw layerError(
        'IMAGE_DIGEST_MISMATCH',
        layer,
        source,
        actual.digest === undefined
          ? msg('scan.why.blobLonger', { size: layer.size })
          : msg('scan.why.blobDigestGot', { digest: actual.digest }),
        error,
      );
    if (error instanceof QuaiError) throw error;
    throw layerError('INPUT_INVALID', layer, source, (error as Error).message, error);
  }
  // Data after the end of the compressed stream is not read by gunzip: read the blob again to check it all.
  const actual = sourceEnded
    ? { size, digest: `${m[1]!}:${hash.digest('hex')}` }
    : await measure(layer, m[1]!);
  if (actual.size < layer.size)
    throw layerError(
      'IMAGE_TRUNCATED',
      layer,
      source,
      msg('scan.why.blobShort', { got: actual.size, size: layer.size }),
    );
  if (actual.digest !== layer.digest)
    throw layerError(
      'IMAGE_DIGEST_MISMATCH',
      layer,
      source,
      actual.digest === undefined
        ? msg('scan.why.blobLonger', { size: layer.size })
        : msg('scan.why.blobDigestGot', { digest: actual.digest }),
    );
}

/** Size and digest of a blob, read again to its end (at most one byte past its announced size). */
async function measure(
  layer: LayerBlob,
  algo: string,
): Promise<{ size: number; digest: string | undefined }> {
  const hash = createHash(algo);
  let size = 0;
  const stream = await layer.open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > layer.size) return { size, digest: undefined };
      hash.update(chunk);
    }
  } finally {
    stream.destroy();
  }
  return { size, digest: `${algo}:${hash.digest('hex')}` };
}

function tooLarge(source: string, what: Message, layer?: LayerBlob): QuaiError {
  const where = layer === undefined ? source : msg('scan.layer.where', { digest: layer.digest, source });
  return new QuaiError('IMAGE_TOO_LARGE', msg('scan.limit.exceeded', { where, what }), {
    hint: msg('scan.limit.exceededHint'),
    location: { file: layer === undefined ? source : layerWhere(layer, source) },
  });
}

/**
 * Reads an image's layers in order into a merged view of wanted files, within the limits.
 * Sources (OCI layout, registry, docker save archive) only say how to open each blob.
 */
export async function viewLayers(
  layers: readonly LayerBlob[],
  image: { readonly manifestDigest: string; readonly source: string },
  limits: ImageLimits = {},
): Promise<FileView> {
  const budget: TarBudget = {
    bytes: limits.maxImageBytes ?? DEFAULT_IMAGE_LIMITS.maxImageBytes,
    entries: limits.maxEntries ?? DEFAULT_IMAGE_LIMITS.maxEntries,
    onExceeded: (what) => tooLarge(image.source, what),
  };
  const m = new Merger();
  const maxFileBytes = limits.maxFileBytes ?? DEFAULT_IMAGE_LIMITS.maxFileBytes;
  const cache =
    limits.layerCacheDir === undefined
      ? undefined
      : new LayerCache(limits.layerCacheDir, `${WANTED.map((re) => re.source).join('\n')}\n${maxFileBytes}`);
  // Package files kept in memory, over all layers: many large "package.json" files are hostile too.
  let kept = 0;
  for (const [index, layer] of layers.entries()) {
    limits.onLayer?.({ index, total: layers.length, digest: layer.digest, size: layer.size });
    const entries: TarEntry[] = [];
    const keep = (e: TarEntry): void => {
      kept += e.data?.length ?? 0;
      if (kept > MAX_KEPT_BYTES) throw tooLarge(image.source, msg('scan.limit.keptFiles'), layer);
      if (
        e.data !== undefined ||
        e.type === 'symlink' ||
        e.type === 'hardlink' ||
        posix.basename(e.path).startsWith('.wh.') ||
        isWanted(e.path) ||
        e.type === 'other'
      ) {
        entries.push(e);
      } else if (e.type === 'file') {
        // An unwanted file can still hide a lower wanted folder of the same path.
        entries.push({ path: e.path, type: 'file', size: e.size, linkName: '' });
      }
    };
    // A layer seen before gives the same entries and counts the same against the limits (one
    // that would exceed them is read, so the error is the reader's own).
    const cached = await cache?.get(layer.digest);
    if (cached !== undefined && cached.bytes <= budget.bytes && cached.tarEntries <= budget.entries) {
      budget.bytes -= cached.bytes;
      budget.entries -= cached.tarEntries;
      for (const e of cached.entries) keep(e);
    } else {
      const before = { bytes: budget.bytes, entries: budget.entries };
      await readLayer(layer, image.source, keep, maxFileBytes, budget);
      await cache?.put(layer.digest, {
        entries,
        bytes: before.bytes - budget.bytes,
        tarEntries: before.entries - budget.entries,
      });
    }
    m.apply(entries, `layer ${layer.digest}`);
  }
  resolveLinks(m);
  return {
    files: m.files,
    links: m.links,
    warnings: m.warnings,
    image: { manifestDigest: image.manifestDigest, layers: layers.map((l) => l.digest) },
  };
}

/** Reads an OCI image layout folder (index.json, blobs/) into a merged view of wanted files. */
export async function viewOciLayout(layout: string, options: OciOptions = {}): Promise<FileView> {
  const indexInfo = await stat(join(layout, 'index.json')).catch(() => {
    throw badLayout(layout, msg('scan.why.indexJsonMissing'));
  });
  if (indexInfo.size > MAX_MANIFEST_BYTES)
    throw badLayout(layout, msg('scan.why.indexJsonSize', { size: indexInfo.size }));
  const indexText = await readFile(join(layout, 'index.json'), 'utf8');
  let index: { manifests?: Descriptor[] };
  try {
    index = JSON.parse(indexText) as { manifests?: Descriptor[] };
  } catch {
    throw badLayout(layout, msg('scan.why.notJson', { name: 'index.json' }));
  }
  const manifestDesc = await pickManifest(layout, index, options);
  const manifest = await readBlobJson<{ layers?: Descriptor[] }>(layout, manifestDesc);
  if (manifest.layers !== undefined && !Array.isArray(manifest.layers))
    throw badLayout(layout, msg('scan.why.manifestNoLayers', { digest: manifestDesc.digest }));
  const layers = (manifest.layers ?? []).map((l): LayerBlob => ({
    digest: l.digest,
    mediaType: l.mediaType ?? '',
    size: l.size,
    open: () =>
      new Promise<Readable>((resolveOpen, reject) => {
        const file = createReadStream(blobPath(layout, l.digest));
        file.once('open', () => resolveOpen(file));
        file.once('error', reject);
      }),
  }));
  return viewLayers(layers, { manifestDigest: manifestDesc.digest, source: layout }, options);
}
