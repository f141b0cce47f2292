import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '@quai/core';

/*
 * OCI images without a Docker engine: layers are gzipped tar files, the config and the manifest
 * are JSON, all kept as an OCI image layout (index.json, blobs/sha256/...) in a cache folder, and
 * pushed to a registry through the distribution API (blob uploads, then the manifest).
 */

export const MEDIA = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  index: 'application/vnd.oci.image.index.v1+json',
} as const;

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

/** What runs, as whom: the parts of an OCI image config Quai's images use. */
export interface ImageConfig {
  /** Numeric "uid:gid", so that the kubelet can check runAsNonRoot. */
  readonly user?: string;
  readonly env?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly workingDir?: string;
  readonly exposedPorts?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly stopSignal?: string;
}

/** An image in an OCI layout folder. */
export interface LayoutImage {
  readonly dir: string;
  readonly manifest: Descriptor;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

function blobPath(dir: string, digest: string): string {
  return join(dir, 'blobs', 'sha256', digest.replace(/^sha256:/, ''));
}

async function writeBlob(dir: string, data: Buffer, mediaType: string): Promise<Descriptor> {
  const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
  await writeFile(blobPath(dir, digest), data);
  return { mediaType, digest, size: data.length };
}

function hashing(hash: ReturnType<typeof createHash>, count: { n: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      count.n += chunk.length;
      done(null, chunk);
    },
  });
}

/** Gzips a layer tar into the layout; returns its descriptor and its diff id (uncompressed digest). */
async function writeLayer(dir: string, tar: Readable): Promise<{ descriptor: Descriptor; diffId: string }> {
  const raw = createHash('sha256');
  const packed = createHash('sha256');
  const size = { n: 0 };
  const tmp = join(dir, 'blobs', 'layer.tmp');
  // Level 6 (the default) and no file name or time in the gzip header: the same tar gives the
  // same blob.
  await pipeline(tar, hashing(raw, { n: 0 }), createGzip(), hashing(packed, size), createWriteStream(tmp));
  const digest = `sha256:${packed.digest('hex')}`;
  await rename(tmp, blobPath(dir, digest));
  return {
    descriptor: { mediaType: MEDIA.layer, digest, size: size.n },
    diffId: `sha256:${raw.digest('hex')}`,
  };
}

export type LayerSource =
  /** An uncompressed tar file. */
  | { readonly file: string }
  | { readonly bytes: Buffer }
  /** A folder, archived by GNU tar in a fixed order with fixed times and root ownership. */
  | { readonly tarOf: string }
  /** A layer blob already made (another image's), copied as it is. */
  | { readonly blob: { readonly file: string; readonly descriptor: Descriptor; readonly diffId: string } };

/** A deterministic tar of a folder: same files, same bytes. */
function tarOfFolder(dir: string): Readable {
  const child = spawn(
    'tar',
    [
      '--sort=name',
      '--mtime=@0',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--format=gnu',
      '-C',
      dir,
      '-cf',
      '-',
      '.',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return child.stdout;
}

/**
 * Writes an image (layers in order, then config and manifest) as an OCI layout in `dir`, built in
 * a temporary folder beside it and renamed into place: an interrupted or failed write leaves
 * nothing that looks finished.
 */
export async function writeLayout(
  dir: string,
  layers: readonly LayerSource[],
  config: ImageConfig,
  annotations: Readonly<Record<string, string>> = {},
): Promise<LayoutImage> {
  const tmp = `${dir}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(join(tmp, 'blobs', 'sha256'), { recursive: true });
  try {
    const written: { descriptor: Descriptor; diffId: string }[] = [];
    for (const layer of layers) {
      if ('blob' in layer) {
        await copyFile(layer.blob.file, blobPath(tmp, layer.blob.descriptor.digest));
        written.push({ descriptor: layer.blob.descriptor, diffId: layer.blob.diffId });
        continue;
      }
      written.push(
        await writeLayer(
          tmp,
          'file' in layer
            ? createReadStream(layer.file)
            : 'tarOf' in layer
              ? tarOfFolder(layer.tarOf)
              : Readable.from([layer.bytes]),
        ),
      );
    }
    const configJson = {
      architecture: 'amd64',
      os: 'linux',
      // A fixed date: the same inputs give the same image digest.
      created: '1970-01-01T00:00:00Z',
      config: {
        ...(config.user !== undefined ? { User: config.user } : {}),
        Env: [
          ...((config.env ?? []).some((e) => e.startsWith('PATH='))
            ? []
            : ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']),
          ...(config.env ?? []),
        ],
        ...(config.entrypoint !== undefined ? { Entrypoint: [...config.entrypoint] } : {}),
        ...(config.cmd !== undefined ? { Cmd: [...config.cmd] } : {}),
        ...(config.workingDir !== undefined ? { WorkingDir: config.workingDir } : {}),
        ...(config.exposedPorts !== undefined
          ? { ExposedPorts: Object.fromEntries(config.exposedPorts.map((p) => [p, {}])) }
          : {}),
        ...(config.labels !== undefined ? { Labels: { ...config.labels } } : {}),
        ...(config.stopSignal !== undefined ? { StopSignal: config.stopSignal } : {}),
      },
      rootfs: { type: 'layers', diff_ids: written.map((w) => w.diffId) },
      history: written.map(() => ({ created: '1970-01-01T00:00:00Z', created_by: 'quai devcluster' })),
    };
    const configDesc = await writeBlob(tmp, Buffer.from(JSON.stringify(configJson)), MEDIA.config);
    const manifestJson = {
      schemaVersion: 2,
      mediaType: MEDIA.manifest,
      config: configDesc,
      layers: written.map((w) => w.descriptor),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
    const manifestDesc = await writeBlob(tmp, Buffer.from(JSON.stringify(manifestJson)), MEDIA.manifest);
    await writeFile(join(tmp, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    await writeFile(
      join(tmp, 'index.json'),
      JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests: [manifestDesc] }),
    );
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    return { dir, manifest: manifestDesc, config: configDesc, layers: written.map((w) => w.descriptor) };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Reads an image back from its OCI layout; undefined when the folder holds no finished image. */
export async function readLayout(dir: string): Promise<LayoutImage | undefined> {
  try {
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
    const manifest = index.manifests[0];
    if (manifest === undefined) return undefined;
    const m = JSON.parse(await readFile(blobPath(dir, manifest.digest), 'utf8')) as {
      config: Descriptor;
      layers: Descriptor[];
    };
    for (const d of [m.config, ...m.layers]) {
      if ((await stat(blobPath(dir, d.digest))).size !== d.size) return undefined;
    }
    return { dir, manifest, config: m.config, layers: m.layers };
  } catch {
    return undefined;
  }
}

interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function http(
  method: string,
  url: string,
  headers: Record<string, string | number>,
  body?: Buffer | string | { readonly file: string },
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else createReadStream(body.file).on('error', reject).pipe(req);
  });
}

/** The registry's own words for a failed request (distribution's error JSON), else the status. */
function registryError(answer: HttpAnswer): string {
  try {
    const parsed = JSON.parse(answer.body) as {
      errors?: { code?: string; message?: string; detail?: unknown }[];
    };
    const first = parsed.errors?.[0];
    if (first !== undefined) {
      const detail = typeof first.detail === 'string' ? `: ${first.detail}` : '';
      return `${first.code ?? 'ERROR'} ${first.message ?? ''}${detail}`.trim();
    }
  } catch {
    // not JSON
  }
  return `HTTP ${answer.status}${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`;
}

export interface PushOptions {
  /** "127.0.0.1:PORT": a plain-HTTP registry on loopback. */
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  /** The registry's storage folder, to say so when it is full. */
  readonly storageDir?: string;
  readonly signal?: AbortSignal;
}

async function freeBytes(dir: string): Promise<number | undefined> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

async function pushFailed(options: PushOptions, what: Message, answer: HttpAnswer): Promise<QuaiError> {
  const reason = registryError(answer);
  const free = options.storageDir === undefined ? undefined : await freeBytes(options.storageDir);
  const full =
    /no space left on device/i.test(answer.body) ||
    (answer.status >= 500 && free !== undefined && free < 64 * 1024 * 1024);
  if (full) {
    return new QuaiError(
      'PREREQUISITE_MISSING',
      msg('devcluster.registry.full', {
        folder: options.storageDir ?? msg('common.unknown'),
        free: Math.round((free ?? 0) / 1048576),
        what,
        image: `${options.repository}:${options.tag}`,
      }),
      {
        hint: msg('devcluster.registry.fullHint'),
        details: { registry: options.registry, status: answer.status, reason },
      },
    );
  }
  return new QuaiError(
    'DEVCLUSTER_BUILD_FAILED',
    msg('devcluster.registry.refused', {
      registry: options.registry,
      what,
      image: `${options.repository}:${options.tag}`,
      reason,
    }),
    {
      hint: msg('devcluster.registry.refusedHint'),
      details: { registry: options.registry, status: answer.status },
    },
  );
}

/** Pushes an OCI layout image to a loopback registry; returns its reference by digest. */
export async function pushImage(image: LayoutImage, options: PushOptions): Promise<string> {
  const base = `http://${options.registry}/v2/${options.repository}`;
  const signal = options.signal;
  for (const blob of [...image.layers, image.config]) {
    const head = await http('HEAD', `${base}/blobs/${blob.digest}`, {}, undefined, signal);
    if (head.status === 200) continue;
    const start = await http('POST', `${base}/blobs/uploads/`, { 'content-length': 0 }, undefined, signal);
    const location = start.headers['location'];
    if (start.status !== 202 || typeof location !== 'string') {
      throw await pushFailed(options, msg('devcluster.registry.blobUpload'), start);
    }
    const url = new URL(location, `http://${options.registry}`);
    url.searchParams.set('digest', blob.digest);
    const put = await http(
      'PUT',
      url.toString(),
      { 'content-type': 'application/octet-stream', 'content-length': blob.size },
      { file: blobPath(image.dir, blob.digest) },
      signal,
    );
    if (put.status !== 201)
      throw await pushFailed(
        options,
        msg('devcluster.registry.layer', { digest: blob.digest.slice(7, 19) }),
        put,
      );
  }
  const manifest = await readFile(blobPath(image.dir, image.manifest.digest));
  const put = await http(
    'PUT',
    `${base}/manifests/${options.tag}`,
    { 'content-type': MEDIA.manifest, 'content-length': manifest.length },
    manifest,
    signal,
  );
  if (put.status !== 201) throw await pushFailed(options, msg('devcluster.registry.manifest'), put);
  return `${options.registry}/${options.repository}@${image.manifest.digest}`;
}
