import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/*
 * A real OCI registry for tests: Debian's docker-registry (distribution 2.8) on a loopback port,
 * filesystem storage in a temp folder, optional htpasswd Basic authentication (bcrypt hashes made
 * by Python's crypt module). Images are pushed through the real distribution API (monolithic or
 * chunked blob uploads, then the manifest), from layers that GNU tar builds out of real files.
 */

const BINARY = '/usr/bin/docker-registry';

export interface TestRegistry {
  /** host:port, as written in image references. */
  readonly host: string;
  readonly root: string;
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Where the registry stores a blob's bytes (tests tamper with it). */
  blobFile(digest: string): string;
  stop(): Promise<void>;
}

export function registryAvailable(): boolean {
  return existsSync(BINARY);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

function bcrypt(password: string): string {
  // Cost 4: the registry checks the hash on every request.
  return execFileSync(
    'python3',
    [
      '-W',
      'ignore',
      '-c',
      'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))',
      password,
    ],
    { encoding: 'utf8' },
  ).trim();
}

export async function startRegistry(options: { auth?: boolean } = {}): Promise<TestRegistry> {
  if (!registryAvailable()) throw new Error(`${BINARY} is missing: apt-get install docker-registry`);
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'quai-registry-'));
  const credentials =
    options.auth === true ? { username: 'quai', password: randomBytes(12).toString('hex') } : undefined;
  const auth =
    credentials === undefined
      ? ''
      : `auth:\n  htpasswd:\n    realm: quai-test\n    path: ${join(root, 'htpasswd')}\n`;
  if (credentials !== undefined)
    writeFileSync(join(root, 'htpasswd'), `${credentials.username}:${bcrypt(credentials.password)}\n`);
  writeFileSync(
    join(root, 'config.yml'),
    `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${join(root, 'data')}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${port}
  secret: ${randomBytes(16).toString('hex')}
${auth}`,
  );
  const child: ChildProcess = spawn(BINARY, ['serve', join(root, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`http://${host}/v2/`).then(
      (r) => r.status === 200 || r.status === 401,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
      throw new Error(`docker-registry did not start on ${host}:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    root,
    ...(credentials === undefined ? {} : { credentials }),
    blobFile: (digest) => {
      const hex = digest.slice('sha256:'.length);
      return join(root, 'data', 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Layers and images

export type LayerFile = string | Buffer | { readonly symlink: string };

/** A layer tar made by GNU tar from real files written to a temp folder (paths relative to /). */
export function buildLayer(files: Readonly<Record<string, LayerFile>>): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'quai-layer-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, target);
      else writeFileSync(target, content);
    }
    return execFileSync(
      'tar',
      ['-C', dir, '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-cf', '-', '.'],
      {
        maxBuffer: 1024 * 1024 * 1024,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sha256 = (b: Buffer | string): string =>
  `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface PushOptions {
  readonly format?: 'oci' | 'docker';
  /** Upload blobs in 64 KiB PATCH chunks instead of one PUT. */
  readonly chunked?: boolean;
  /** Compress layers with gzip (default true). */
  readonly gzip?: boolean;
  readonly platform?: { readonly os: string; readonly architecture: string; readonly variant?: string };
}

export interface PushedImage {
  readonly reference: string;
  readonly digest: string;
  readonly layers: readonly { readonly digest: string; readonly size: number; readonly diffId: string }[];
  readonly config: string;
}

export class RegistryPusher {
  constructor(
    readonly registry: {
      readonly host: string;
      readonly credentials?: { readonly username: string; readonly password: string };
    },
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const c = this.registry.credentials;
    return c === undefined
      ? extra
      : { ...extra, authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` };
  }

  private async check(res: Response, what: string, status: number): Promise<Response> {
    if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return res;
  }

  async pushBlob(repo: string, data: Buffer, chunked = false): Promise<string> {
    const digest = sha256(data);
    const base = `http://${this.registry.host}`;
    const head = await fetch(`${base}/v2/${repo}/blobs/${digest}`, {
      method: 'HEAD',
      headers: this.headers(),
    });
    if (head.status === 200) return digest;
    const start = await this.check(
      await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: this.headers() }),
      `start upload to ${repo}`,
      202,
    );
    let location = new URL(start.headers.get('location') ?? '', base);
    if (chunked) {
      const step = 64 * 1024;
      for (let off = 0; off < data.length; off += step) {
        const chunk = data.subarray(off, Math.min(off + step, data.length));
        const res = await this.check(
          await fetch(location, {
            method: 'PATCH',
            headers: this.headers({
              'content-type': 'application/octet-stream',
              'content-range': `${off}-${off + chunk.length - 1}`,
            }),
            body: chunk,
          }),
          `upload chunk to ${repo}`,
          202,
        );
        location = new URL(res.headers.get('location') ?? '', base);
      }
      location.searchParams.set('digest', digest);
      await this.check(
        await fetch(location, { method: 'PUT', headers: this.headers() }),
        `finish upload to ${repo}`,
        201,
      );
    } else {
      location.searchParams.set('digest', digest);
      await this.check(
        await fetch(location, {
          method: 'PUT',
          headers: this.headers({ 'content-type': 'application/octet-stream' }),
          body: data,
        }),
        `upload to ${repo}`,
        201,
      );
    }
    return digest;
  }

  async pushManifest(repo: string, tag: string, mediaType: string, body: Buffer): Promise<string> {
    await this.check(
      await fetch(`http://${this.registry.host}/v2/${repo}/manifests/${tag}`, {
        method: 'PUT',
        headers: this.headers({ 'content-type': mediaType }),
        body,
      }),
      `push manifest ${repo}:${tag}`,
      201,
    );
    return sha256(body);
  }

  /** Pushes an image made of the given layer tars; returns its digest and reference. */
  async pushImage(
    repo: string,
    tag: string,
    layerTars: readonly Buffer[],
    options: PushOptions = {},
  ): Promise<PushedImage> {
    const oci = (options.format ?? 'oci') === 'oci';
    const gz = options.gzip ?? true;
    const layers = [];
    for (const tar of layerTars) {
      const blob = gz ? gzipSync(tar) : tar;
      const digest = await this.pushBlob(repo, blob, options.chunked);
      layers.push({ digest, size: blob.length, diffId: sha256(tar) });
    }
    const platform = options.platform ?? { os: 'linux', architecture: 'amd64' };
    const config = Buffer.from(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant === undefined ? {} : { variant: platform.variant }),
        config: {},
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      }),
    );
    const configDigest = await this.pushBlob(repo, config);
    const layerType = oci
      ? `application/vnd.oci.image.layer.v1.tar${gz ? '+gzip' : ''}`
      : `application/vnd.docker.image.rootfs.diff.tar${gz ? '.gzip' : ''}`;
    const mediaType = oci
      ? 'application/vnd.oci.image.manifest.v1+json'
      : 'application/vnd.docker.distribution.manifest.v2+json';
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        config: {
          mediaType: oci
            ? 'application/vnd.oci.image.config.v1+json'
            : 'application/vnd.docker.container.image.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: layers.map((l) => ({ mediaType: layerType, digest: l.digest, size: l.size })),
      }),
    );
    const digest = await this.pushManifest(repo, tag, mediaType, manifest);
    return { reference: `${this.registry.host}/${repo}:${tag}`, digest, layers, config: configDigest };
  }

  /** Pushes a multi-platform index over images pushed before (by digest, with their platforms). */
  async pushIndex(
    repo: string,
    tag: string,
    images: readonly {
      readonly digest: string;
      readonly size: number;
      readonly platform: PushOptions['platform'];
    }[],
    format: 'oci' | 'docker' = 'oci',
  ): Promise<string> {
    const mediaType =
      format === 'oci'
        ? 'application/vnd.oci.image.index.v1+json'
        : 'application/vnd.docker.distribution.manifest.list.v2+json';
    const manifestType =
      format === 'oci'
        ? 'application/vnd.oci.image.manifest.v1+json'
        : 'application/vnd.docker.distribution.manifest.v2+json';
    const body = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        manifests: images.map((i) => ({
          mediaType: manifestType,
          digest: i.digest,
          size: i.size,
          platform: i.platform,
        })),
      }),
    );
    return this.pushManifest(repo, tag, mediaType, body);
  }

  async manifestSize(repo: string, digest: string): Promise<number> {
    const res = await fetch(`http://${this.registry.host}/v2/${repo}/manifests/${digest}`, {
      headers: this.headers({
        accept:
          'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
      }),
    });
    return (await res.arrayBuffer()).byteLength;
  }
}
