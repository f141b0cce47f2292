import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { QuaiError } from '../../errors/index.js';
import { contentConsumer, readFileContent } from './gobinary-java.js';
import { readTar, type TarEntry } from './tar.js';

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
  readonly warnings: readonly string[];
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
];

export function isWanted(path: string): boolean {
  if (path.endsWith('.md5sums')) return false;
  return WANTED.some((re) => re.test(path));
}

/** The merged view under construction: one entry per wanted path or link still visible. */
class Merger {
  readonly files = new Map<string, Buffer>();
  readonly links = new Map<string, string>();
  readonly warnings: string[] = [];

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
        this.warnings.push(`${layer}: entry "${e.path}" leaves the root; ignored.`);
      }
    }
    for (const e of entries) {
      const base = posix.basename(e.path);
      if (base.startsWith('.wh.')) continue;
      if (e.type === 'file' || e.type === 'symlink' || e.type === 'hardlink') this.remove(e.path, true);
      if (e.type === 'file' && e.data !== undefined) this.files.set(e.path, e.data);
      else if (e.type === 'file' && isWanted(e.path))
        this.warnings.push(`${layer}: "${e.path}" is ${e.size} bytes, too large to read; skipped.`);
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
    throw new QuaiError('INPUT_INVALID', `"${root}" is not a folder.`, {
      hint: 'Give the root folder of an unpacked image (the one holding etc/ and usr/), or an OCI layout folder.',
      location: { file: root },
    });
  }
  const m = new Merger();
  const entries: TarEntry[] = [];
  const walk = async (rel: string): Promise<void> => {
    const items = await readdir(join(root, rel), { withFileTypes: true }).catch((error: unknown) => {
      m.warnings.push(`cannot list "${rel || '/'}": ${(error as Error).message}`);
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

export interface OciOptions {
  /** Platform to pick from a multi-platform index, `os/arch[/variant]` (default linux/amd64). */
  readonly platform?: string;
  /** The `org.opencontainers.image.ref.name` to pick when the layout holds several images. */
  readonly ref?: string;
  readonly maxFileBytes?: number;
}

function blobPath(layout: string, digest: string): string {
  const m = /^(sha256|sha512):([a-f0-9]{64,128})$/.exec(digest);
  if (m === null) {
    throw new QuaiError('INPUT_INVALID', `Invalid digest "${digest}" in the OCI layout ${layout}.`, {
      hint: 'Digests look like sha256:<64 hex digits>.',
      location: { file: layout },
    });
  }
  return join(layout, 'blobs', m[1]!, m[2]!);
}

function badLayout(layout: string, why: string): QuaiError {
  return new QuaiError('INPUT_INVALID', `Cannot read the OCI layout ${layout}: ${why}.`, {
    hint: 'Export the image again (skopeo copy docker://IMAGE oci:DIR, or docker save with the containerd image store).',
    location: { file: layout },
  });
}

async function readBlobJson<T>(layout: string, d: Descriptor): Promise<T> {
  const data = await readFile(blobPath(layout, d.digest)).catch(() => {
    throw badLayout(layout, `blob ${d.digest} is missing`);
  });
  const algo = d.digest.split(':', 1)[0]!;
  if (`${algo}:${createHash(algo).update(data).digest('hex')}` !== d.digest) {
    throw badLayout(layout, `blob ${d.digest} does not match its digest`);
  }
  try {
    return JSON.parse(data.toString('utf8')) as T;
  } catch {
    throw badLayout(layout, `blob ${d.digest} is not JSON`);
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
    if (list.length === 0) throw badLayout(layout, `no image is named "${options.ref}"`);
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
    throw badLayout(
      layout,
      `no manifest for platform ${options.platform ?? 'linux/amd64'}${offered === '' ? '' : ` (offered: ${offered})`}`,
    );
  }
  if (chosen.mediaType !== undefined && INDEX_TYPES.has(chosen.mediaType)) {
    if (depth > 4) throw badLayout(layout, 'indexes nest too deeply');
    return pickManifest(layout, await readBlobJson(layout, chosen), options, depth + 1);
  }
  return chosen;
}

/** Streams one layer blob: digest and size checked, gunzipped when compressed, read as tar. */
async function readLayer(
  layout: string,
  layer: Descriptor,
  onEntry: (e: TarEntry) => void,
  maxFileBytes: number | undefined,
): Promise<void> {
  const type = layer.mediaType ?? '';
  if (type.includes('zstd'))
    throw badLayout(layout, `layer ${layer.digest} is zstd-compressed, which Quai cannot read yet`);
  const gz =
    type.endsWith('gzip') ||
    type.endsWith('.tar.gzip') ||
    type === 'application/vnd.docker.image.rootfs.diff.tar.gzip';
  const algo = layer.digest.split(':', 1)[0]!;
  const hash = createHash(algo);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  const file = createReadStream(blobPath(layout, layer.digest));
  const stream = file.pipe(counter);
  const body = gz ? stream.pipe(createGunzip()) : stream;
  file.on('error', (e) => body.destroy(e));
  counter.on('error', (e) => body.destroy(e));
  try {
    await readTar(body, {
      want: isWanted,
      onEntry,
      consume: contentConsumer,
      source: `layer ${layer.digest} of ${layout}`,
      ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
    });
    // Drain what the tar reader did not need (padding after the end blocks), so the digest covers all.
    for await (const chunk of body) void chunk;
  } catch (error) {
    if (error instanceof QuaiError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw badLayout(
      layout,
      code === 'ENOENT'
        ? `layer ${layer.digest} is missing`
        : `layer ${layer.digest}: ${(error as Error).message}`,
    );
  }
  const digest = `${algo}:${hash.digest('hex')}`;
  if (digest !== layer.digest)
    throw badLayout(layout, `layer ${layer.digest} does not match its digest (got ${digest})`);
  if (size !== layer.size)
    throw badLayout(layout, `layer ${layer.digest} is ${size} bytes, the manifest says ${layer.size}`);
}

/** Reads an OCI image layout folder (index.json, blobs/) into a merged view of wanted files. */
export async function viewOciLayout(layout: string, options: OciOptions = {}): Promise<FileView> {
  const indexText = await readFile(join(layout, 'index.json'), 'utf8').catch(() => {
    throw badLayout(layout, 'index.json is missing (is this an OCI image layout?)');
  });
  let index: { manifests?: Descriptor[] };
  try {
    index = JSON.parse(indexText) as { manifests?: Descriptor[] };
  } catch {
    throw badLayout(layout, 'index.json is not JSON');
  }
  const manifestDesc = await pickManifest(layout, index, options);
  const manifest = await readBlobJson<{ layers?: Descriptor[] }>(layout, manifestDesc);
  const m = new Merger();
  const layers = manifest.layers ?? [];
  for (const layer of layers) {
    const entries: TarEntry[] = [];
    await readLayer(
      layout,
      layer,
      (e) => {
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
      },
      options.maxFileBytes,
    );
    m.apply(entries, `layer ${layer.digest}`);
  }
  resolveLinks(m);
  return {
    files: m.files,
    links: m.links,
    warnings: m.warnings,
    image: { manifestDigest: manifestDesc.digest, layers: layers.map((l) => l.digest) },
  };
}
