import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, createSign, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  symlinkSync,
} from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as devcluster from '@quai/devcluster';
const { freePort } = devcluster;

/*
 * A real OCI registry for tests: Debian's docker-registry (distribution 2.8) on a loopback port,
 * filesystem storage in a temp folder, optional htpasswd Basic authentication (bcrypt hashes made
 * by Python's crypt module). Images are pushed through the real distribution API (monolithic or
 * chunked blob uploads, then the manifest), from layers that GNU tar builds out of real files.
 */

const BINARY = '/usr/bin/docker-registry';
const OPENSSL = 'openssl'; // Debian's openssl, installed by .ci/run

export interface TestRegistry {
  /** host:port, as written in image references. */
  readonly host: string;
  readonly root: string;
  readonly credentials?: { readonly username: string; readonly password: string };
  /** The CA that signed the registry's certificate, when it serves HTTPS. */
  readonly caFile?: string;
  /** The token service, when the registry uses token (Bearer) authentication. */
  readonly tokenRealm?: string;
  /** Where the registry stores a blob's bytes (tests tamper with it). */
  blobFile(digest: string): string;
  stop(): Promise<void>;
}

export function registryAvailable(): boolean {
  return existsSync(BINARY);
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

/**
 * A token service for the registry's `token` auth (the scheme of Docker Hub, GitLab and Harbor):
 * it checks Basic credentials and issues RS256 JWTs, signed with a key whose self-signed
 * certificate the registry trusts (rootcertbundle), carried in the x5c header. Anonymous callers
 * get a token without access, so the registry refuses them as it would on a private project.
 */
async function startTokenService(
  root: string,
  credentials: { readonly username: string; readonly password: string },
  service: string,
): Promise<{ realm: string; certFile: string; close: () => Promise<void> }> {
  const keyFile = join(root, 'token.key');
  const certFile = join(root, 'token.crt');
  execFileSync(
    OPENSSL,
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      '/CN=quai-token',
      '-days',
      '2',
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(keyFile, 'utf8');
  const der = readFileSync(certFile, 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = req.headers.authorization ?? '';
    let user: string | undefined;
    if (auth.startsWith('Basic ')) {
      const [u, ...rest] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
      if (u !== credentials.username || rest.join(':') !== credentials.password) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
        return;
      }
      user = u;
    }
    const access = url.searchParams
      .getAll('scope')
      .map((sc) => /^repository:([^:]+):(.+)$/.exec(sc))
      .filter((m): m is RegExpExecArray => m !== null && user !== undefined)
      .map((m) => ({ type: 'repository', name: m[1]!, actions: m[2]!.split(',') }));
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der] }));
    const claims = b64url(
      JSON.stringify({
        iss: 'quai-test-issuer',
        sub: user ?? '',
        aud: service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(8).toString('hex'),
        access,
      }),
    );
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token: `${header}.${claims}.${b64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certFile,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
function makeTlsFiles(root: string): { caFile: string; certFile: string; keyFile: string } {
  const f = (name: string): string => join(root, name);
  const ossl = (args: string[]): void => {
    execFileSync(OPENSSL, args, { stdio: 'ignore' });
  };
  ossl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-subj',
    '/CN=quai-test-ca',
    '-days',
    '2',
  ]);
  ossl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ossl([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.crt'),
    '-days',
    '2',
    '-extfile',
    f('san.ext'),
  ]);
  return { caFile: f('ca.crt'), certFile: f('server.crt'), keyFile: f('server.key') };
}

function probeTls(host: string, caFile: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpsRequest(`https://${host}/v2/`, { ca: readFileSync(caFile) }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 || res.statusCode === 401);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

export async function startRegistry(
  options: { auth?: boolean | 'basic' | 'token'; tls?: boolean } = {},
): Promise<TestRegistry> {
  if (!registryAvailable()) throw new Error(`${BINARY} is missing: apt-get install docker-registry`);
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'quai-registry-'));
  const mode = options.auth === true ? 'basic' : options.auth === false ? undefined : options.auth;
  const credentials =
    mode === undefined ? undefined : { username: 'quai', password: randomBytes(12).toString('hex') };
  const tokens = mode === 'token' ? await startTokenService(root, credentials!, 'quai-test') : undefined;
  const auth =
    mode === 'basic'
      ? `auth:\n  htpasswd:\n    realm: quai-test\n    path: ${join(root, 'htpasswd')}\n`
      : tokens !== undefined
        ? `auth:\n  token:\n    realm: ${tokens.realm}\n    service: quai-test\n    issuer: quai-test-issuer\n    rootcertbundle: ${tokens.certFile}\n`
        : '';
  if (mode === 'basic')
    writeFileSync(join(root, 'htpasswd'), `${credentials!.username}:${bcrypt(credentials!.password)}\n`);
  const tls = options.tls === true ? makeTlsFiles(root) : undefined;
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
${tls === undefined ? '' : `  tls:\n    certificate: ${tls.certFile}\n    key: ${tls.keyFile}\n`}${auth}`,
  );
  const child: ChildProcess = spawn(BINARY, ['serve', join(root, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok =
      tls === undefined
        ? await fetch(`http://${host}/v2/`).then(
            (r) => r.status === 200 || r.status === 401,
            () => false,
          )
        : await probeTls(host, tls.caFile);
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await tokens?.close();
      rmSync(root, { recursive: true, force: true });
      throw new Error(`docker-registry did not start on ${host}:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    root,
    ...(credentials === undefined ? {} : { credentials }),
    ...(tokens === undefined ? {} : { tokenRealm: tokens.realm }),
    ...(tls === undefined ? {} : { caFile: tls.caFile }),
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
      await tokens?.close();
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
      readonly tokenRealm?: string;
    },
  ) {}

  private readonly tokens = new Map<string, string>();

  /** Basic credentials, or a push token from the token service when the registry uses one. */
  private async auth(repo: string): Promise<string | undefined> {
    const c = this.registry.credentials;
    if (c === undefined) return undefined;
    const basic = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    if (this.registry.tokenRealm === undefined) return basic;
    let token = this.tokens.get(repo);
    if (token === undefined) {
      const url = new URL(this.registry.tokenRealm);
      url.searchParams.set('service', 'quai-test');
      url.searchParams.set('scope', `repository:${repo}:pull,push`);
      const res = await fetch(url, { headers: { authorization: basic } });
      token = `Bearer ${((await res.json()) as { token: string }).token}`;
      this.tokens.set(repo, token);
    }
    return token;
  }

  private async headers(repo: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const auth = await this.auth(repo);
    return auth === undefined ? extra : { ...extra, authorization: auth };
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
      headers: await this.headers(repo),
    });
    if (head.status === 200) return digest;
    const start = await this.check(
      await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: await this.headers(repo) }),
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
            headers: await this.headers(repo, {
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
        await fetch(location, { method: 'PUT', headers: await this.headers(repo) }),
        `finish upload to ${repo}`,
        201,
      );
    } else {
      location.searchParams.set('digest', digest);
      await this.check(
        await fetch(location, {
          method: 'PUT',
          headers: await this.headers(repo, { 'content-type': 'application/octet-stream' }),
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
        headers: await this.headers(repo, { 'content-type': mediaType }),
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
      headers: await this.headers(repo, {
        accept:
          'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
      }),
    });
    return (await res.arrayBuffer()).byteLength;
  }
}
