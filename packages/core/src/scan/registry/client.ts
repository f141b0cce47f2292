import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { msg, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { dockerCredentials, parseChallenge, type RegistryCredentials } from './auth.js';
import { apiHost, formatReference, isLoopback, type ImageReference } from './reference.js';

/*
 * A client of the OCI distribution API (the protocol of Docker Hub, GitLab's container registry,
 * Harbor, Debian's docker-registry): manifests and indexes in the OCI and Docker schema 2 media
 * types, blobs streamed, Basic and Bearer-token authentication, retries with backoff on network
 * errors, 429 and 5xx. Every manifest is checked against its digest; blobs are checked by the
 * layer reader as they stream. Plain HTTP is used only for loopback registries and those named
 * insecure, and certificates are checked unless the registry is named insecure; a custom CA
 * bundle can be given for private registries.
 */

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]);
const MANIFEST_TYPES = new Set<string>([MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]);
const CONFIG_TYPES = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface RegistryClientOptions {
  /** Credentials for every registry (from flags or the environment); else the Docker configuration. */
  readonly credentials?: RegistryCredentials;
  /** Registries (host[:port]) reached over plain HTTP or with unchecked TLS, besides loopback ones. */
  readonly insecureRegistries?: readonly string[];
  /** PEM CA bundle trusted for registries, besides the system ones. */
  readonly caFile?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Attempts per request on network errors, 429 and 5xx (default 4). */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  readonly signal?: AbortSignal;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
  readonly urls?: readonly string[];
}

export interface FetchedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly body: Buffer;
}

export interface ResolvedImage {
  readonly reference: ImageReference;
  /** The digest the reference resolves to (an index for multi-platform images). */
  readonly digest: string;
  /** The digest of the platform's image manifest. */
  readonly manifestDigest: string;
  readonly platform?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

interface Response {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: IncomingMessage;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

async function readLimited(res: IncomingMessage, limit: number, what: Param): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n > limit) {
      res.destroy();
      throw new QuaiError('IMAGE_TOO_LARGE', msg('scan.registry.tooLarge', { what, limit }), {
        hint: msg('scan.registry.tooLargeHint'),
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Normalises architecture names as runtimes do (x86_64 is amd64, aarch64 is arm64). */
function normalizePlatform(platform: string): { os: string; arch: string; variant?: string } {
  const [os = 'linux', rawArch = 'amd64', variant] = platform.split('/');
  const arch =
    rawArch === 'x86_64' || rawArch === 'x86-64' ? 'amd64' : rawArch === 'aarch64' ? 'arm64' : rawArch;
  return { os, arch, ...(variant === undefined ? {} : { variant }) };
}

/** Picks the manifest of a platform from an index (variant optional; arm64 means v8). */
export function selectPlatform(manifests: readonly Descriptor[], platform: string): Descriptor | undefined {
  const want = normalizePlatform(platform);
  const candidates = manifests.filter(
    (d) => d.platform !== undefined && d.platform.os === want.os && d.platform.architecture === want.arch,
  );
  if (want.variant !== undefined) {
    return (
      candidates.find((d) => d.platform?.variant === want.variant) ??
      (want.arch === 'arm64' && want.variant === 'v8'
        ? candidates.find((d) => d.platform?.variant === undefined)
        : undefined)
    );
  }
  return (
    candidates.find((d) => d.platform?.variant === undefined) ??
    candidates.find((d) => want.arch === 'arm64' && d.platform?.variant === 'v8') ??
    candidates[0]
  );
}

export class RegistryClient {
  private readonly insecure: Set<string>;
  private readonly ca: Buffer | undefined;
  private readonly httpsAgent: HttpsAgent;
  private readonly insecureAgent: HttpsAgent;
  private readonly httpAgent: HttpAgent;
  /** Scheme chosen per registry (https, or http for loopback/insecure ones that do not speak TLS). */
  private readonly schemes = new Map<string, 'https' | 'http'>();
  /** Authorization header per registry and scope. */
  private readonly tokens = new Map<string, string>();
  private readonly creds = new Map<string, Promise<RegistryCredentials | undefined>>();

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.insecure = new Set(options.insecureRegistries ?? []);
    if (options.caFile !== undefined) {
      try {
        this.ca = readFileSync(options.caFile);
      } catch (error) {
        throw new QuaiError(
          'USAGE',
          msg('scan.registry.caUnreadable', { file: options.caFile, reason: (error as Error).message }),
          { hint: msg('scan.registry.caUnreadableHint') },
        );
      }
    }
    // Node's HTTP and TLS modules when a client is made, not when the scan module loads: a scan of
    // an image on disk never contacts a registry (they cost a short call about 4 ms, Node 20).
    const https = process.getBuiltinModule('node:https');
    const { rootCertificates } = process.getBuiltinModule('node:tls');
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: 16,
      ...(this.ca === undefined ? {} : { ca: [...rootCertificates, this.ca.toString()] }),
    });
    this.insecureAgent = new https.Agent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: false });
    this.httpAgent = new (process.getBuiltinModule('node:http').Agent)({ keepAlive: true, maxSockets: 16 });
  }

  close(): void {
    this.httpsAgent.destroy();
    this.insecureAgent.destroy();
    this.httpAgent.destroy();
  }

  /** Plain HTTP is allowed for loopback registries and those named insecure. */
  private allowsHttp(registry: string): boolean {
    return this.insecure.has(registry) || isLoopback(registry);
  }

  private credentialsFor(registry: string): Promise<RegistryCredentials | undefined> {
    if (this.options.credentials !== undefined) return Promise.resolve(this.options.credentials);
    let p = this.creds.get(registry);
    if (p === undefined) {
      p = dockerCredentials(registry, this.options.env ?? process.env);
      this.creds.set(registry, p);
    }
    return p;
  }

  /** One HTTP exchange, following redirects (Authorization is dropped when the host changes). */
  private send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    registryHost: string,
    insecure: boolean,
    redirects = 0,
  ): Promise<Response> {
    return new Promise((resolve, reject) => {
      const isHttps = url.protocol === 'https:';
      const mod = isHttps ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
      const agent = isHttps ? (insecure ? this.insecureAgent : this.httpsAgent) : this.httpAgent;
      const req = mod.request(
        url,
        {
          method,
          headers: { 'user-agent': this.options.userAgent ?? 'quai', ...headers },
          agent,
          timeout: this.options.timeoutMs ?? 60_000,
          ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          if ([301, 302, 303, 307, 308].includes(status) && location !== undefined) {
            res.resume();
            if (redirects >= 5) {
              reject(new Error(`too many redirects from ${url.href}`));
              return;
            }
            const next = new URL(location, url);
            const h = { ...headers };
            if (next.host !== registryHost) delete h['authorization'];
            this.send(next, method, h, registryHost, insecure, redirects + 1).then(resolve, reject);
            return;
          }
          resolve({ status, headers: res.headers, body: res });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer from ${url.host} within ${this.options.timeoutMs ?? 60_000} ms`)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** A request to a registry's API with scheme choice, authentication and retries. */
  private async request(
    ref: ImageReference,
    method: 'GET' | 'HEAD',
    path: string,
    accept: string | undefined,
    what: Param,
  ): Promise<Response> {
    const host = apiHost(ref.registry);
    // Certificates are checked unless the registry is named insecure (loopback ones too: a
    // loopback registry that speaks TLS is held to it; one that does not falls back to HTTP).
    const insecure = this.insecure.has(ref.registry);
    const allowHttp = this.allowsHttp(ref.registry);
    const scope = `repository:${ref.repository}:pull`;
    const attempts = this.options.attempts ?? 4;
    let authTried = false;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0)
        await sleep(Math.min(200 * 2 ** attempt, 5_000) + Math.random() * 100, this.options.signal);
      this.options.signal?.throwIfAborted();
      const scheme = this.schemes.get(ref.registry) ?? 'https';
      const url = new URL(`${scheme}://${host}${path}`);
      const headers: Record<string, string> = {};
      if (accept !== undefined) headers['accept'] = accept;
      const auth = this.tokens.get(`${ref.registry} ${scope}`) ?? this.tokens.get(ref.registry);
      if (auth !== undefined) headers['authorization'] = auth;
      let res: Response;
      try {
        res = await this.send(url, method, headers, host, insecure);
      } catch (error) {
        if (this.options.signal?.aborted === true) throw error;
        const code = (error as NodeJS.ErrnoException).code ?? '';
        // A loopback or insecure registry without TLS: fall back to plain HTTP, as Docker does.
        if (
          scheme === 'https' &&
          allowHttp &&
          !this.schemes.has(ref.registry) &&
          /EPROTO|ERR_SSL|ECONNRESET/.test(code + String((error as Error).message))
        ) {
          this.schemes.set(ref.registry, 'http');
          attempt--;
          continue;
        }
        if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
          throw new QuaiError(
            'REGISTRY_UNREACHABLE',
            msg('scan.registry.tlsFailed', { registry: ref.registry, reason: (error as Error).message }),
            {
              hint: msg('scan.registry.tlsFailedHint'),
              cause: error,
            },
          );
        }
        lastError = error;
        continue;
      }
      if (!this.schemes.has(ref.registry)) this.schemes.set(ref.registry, scheme);
      if (res.status === 401) {
        res.body.resume();
        if (authTried) throw await this.unauthorized(ref, what);
        authTried = true;
        const challenge = parseChallenge(String(res.headers['www-authenticate'] ?? ''));
        await this.authenticate(ref, challenge, scope, what);
        attempt--;
        continue;
      }
      if (res.status === 429 || res.status >= 500) {
        res.body.resume();
        lastError = new Error(`HTTP ${res.status}`);
        const retryAfter = Number(res.headers['retry-after']);
        if (Number.isFinite(retryAfter) && retryAfter > 0)
          await sleep(Math.min(retryAfter, 30) * 1000, this.options.signal);
        continue;
      }
      return res;
    }
    throw new QuaiError(
      'REGISTRY_UNREACHABLE',
      msg('scan.registry.unreachable', {
        registry: ref.registry,
        what,
        attempts,
        reason: (lastError as Error | undefined)?.message ?? msg('scan.registry.noAnswer'),
      }),
      {
        hint: msg('scan.registry.unreachableHint'),
        cause: lastError,
      },
    );
  }

  private async unauthorized(ref: ImageReference, what: Param): Promise<QuaiError> {
    const creds = await this.credentialsFor(ref.registry);
    return new QuaiError(
      'REGISTRY_UNAUTHORIZED',
      creds === undefined
        ? msg('scan.registry.needsCredentials', { registry: ref.registry, what })
        : msg('scan.registry.credentialsRefused', { registry: ref.registry, user: creds.username, what }),
      { hint: msg('scan.registry.credentialsHint') },
    );
  }

  private async authenticate(
    ref: ImageReference,
    challenge: ReturnType<typeof parseChallenge>,
    scope: string,
    what: Param,
  ): Promise<void> {
    const creds = await this.credentialsFor(ref.registry);
    const basic =
      creds === undefined
        ? undefined
        : `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    if (challenge?.scheme === 'bearer' && challenge.params['realm'] !== undefined) {
      const realm = new URL(challenge.params['realm']);
      if (challenge.params['service'] !== undefined)
        realm.searchParams.set('service', challenge.params['service']);
      realm.searchParams.set('scope', challenge.params['scope'] ?? scope);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (basic !== undefined) headers['authorization'] = basic;
      let res: Response;
      try {
        res = await this.send(realm, 'GET', headers, realm.host, this.insecure.has(realm.host));
      } catch (error) {
        throw new QuaiError(
          'REGISTRY_UNREACHABLE',
          msg('scan.registry.tokenServiceUnreachable', {
            service: realm.origin,
            registry: ref.registry,
            reason: (error as Error).message,
          }),
          {
            hint: msg('scan.registry.tokenServiceUnreachableHint'),
            cause: error,
          },
        );
      }
      const body = await readLimited(res.body, 1024 * 1024, msg('scan.registry.what.tokenAnswer'));
      if (res.status === 401 || res.status === 403) throw await this.unauthorized(ref, what);
      if (res.status !== 200) {
        throw new QuaiError(
          'REGISTRY_UNREACHABLE',
          msg('scan.registry.tokenServiceStatus', { registry: ref.registry, status: res.status }),
          { hint: msg('scan.registry.tokenServiceHint') },
        );
      }
      let token: string | undefined;
      try {
        const json = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
        token =
          typeof json.token === 'string'
            ? json.token
            : typeof json.access_token === 'string'
              ? json.access_token
              : undefined;
      } catch {
        token = undefined;
      }
      if (token === undefined) {
        throw new QuaiError(
          'REGISTRY_UNAUTHORIZED',
          msg('scan.registry.noToken', { registry: ref.registry }),
          {
            hint: msg('scan.registry.tokenServiceHint'),
          },
        );
      }
      this.tokens.set(`${ref.registry} ${scope}`, `Bearer ${token}`);
      return;
    }
    if (basic === undefined) throw await this.unauthorized(ref, what);
    this.tokens.set(ref.registry, basic);
  }

  private notFound(ref: ImageReference, what: Param): QuaiError {
    return new QuaiError('IMAGE_NOT_FOUND', msg('scan.registry.notFound', { what, registry: ref.registry }), {
      hint: msg('scan.registry.notFoundHint'),
    });
  }

  private async failed(res: Response, ref: ImageReference, what: Param): Promise<QuaiError> {
    if (res.status === 404) {
      res.body.resume();
      return this.notFound(ref, what);
    }
    if (res.status === 403) {
      res.body.resume();
      return new QuaiError(
        'REGISTRY_UNAUTHORIZED',
        msg('scan.registry.forbidden', { registry: ref.registry, what }),
        {
          hint: msg('scan.registry.forbiddenHint'),
        },
      );
    }
    const text =
      res.status === 0
        ? ''
        : (
            await readLimited(res.body, 64 * 1024, msg('scan.registry.what.errorAnswer')).catch(() =>
              Buffer.alloc(0),
            )
          ).toString('utf8');
    return new QuaiError(
      'REGISTRY_UNREACHABLE',
      msg('scan.registry.httpError', {
        registry: ref.registry,
        status: res.status,
        what,
        body: text.slice(0, 300).trim(),
      }),
      { hint: msg('scan.registry.httpErrorHint') },
    );
  }

  /** The digest a tag points to (HEAD, falling back to GET when the registry gives no digest header). */
  async resolveDigest(ref: ImageReference): Promise<string> {
    if (ref.digest !== undefined) return ref.digest;
    const what = formatReference(ref);
    const res = await this.request(
      ref,
      'HEAD',
      `/v2/${ref.repository}/manifests/${ref.tag ?? 'latest'}`,
      ACCEPT,
      what,
    );
    res.body.resume();
    if (res.status !== 200) throw await this.failed(res, ref, what);
    const header = res.headers['docker-content-digest'];
    if (typeof header === 'string' && /^sha256:[a-f0-9]{64}$/.test(header)) return header;
    return (await this.fetchManifest(ref, ref.tag ?? 'latest')).digest;
  }

  /** A manifest or index by tag or digest, checked against its digest. */
  async fetchManifest(ref: ImageReference, reference: string): Promise<FetchedManifest> {
    const what = `${ref.registry}/${ref.repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    const res = await this.request(ref, 'GET', `/v2/${ref.repository}/manifests/${reference}`, ACCEPT, what);
    if (res.status !== 200) throw await this.failed(res, ref, what);
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_MANIFEST_BYTES) {
      res.body.destroy();
      throw new QuaiError(
        'IMAGE_TOO_LARGE',
        msg('scan.registry.manifestSize', { image: what, size: declared }),
        {
          hint: msg('scan.registry.manifestSizeHint', { limit: MAX_MANIFEST_BYTES }),
        },
      );
    }
    let body: Buffer;
    try {
      body = await readLimited(
        res.body,
        MAX_MANIFEST_BYTES,
        msg('scan.registry.what.manifestOf', { image: what }),
      );
    } catch (error) {
      if (error instanceof QuaiError) throw error;
      throw new QuaiError(
        'IMAGE_TRUNCATED',
        msg('scan.registry.manifestCut', { image: what, reason: (error as Error).message }),
        {
          hint: msg('scan.registry.networkHint'),
          cause: error,
        },
      );
    }
    if (Number.isFinite(declared) && body.length < declared) {
      throw new QuaiError(
        'IMAGE_TRUNCATED',
        msg('scan.registry.manifestShort', { image: what, got: body.length, size: declared }),
        { hint: msg('scan.registry.networkHint') },
      );
    }
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    const expected = reference.startsWith('sha256:') ? reference : undefined;
    if (expected !== undefined && digest !== expected) {
      throw new QuaiError(
        'IMAGE_DIGEST_MISMATCH',
        msg('scan.registry.manifestDigest', { image: what, digest }),
        { hint: msg('scan.registry.manifestDigestHint') },
      );
    }
    let mediaType = String(res.headers['content-type'] ?? '')
      .split(';', 1)[0]!
      .trim();
    try {
      const json = JSON.parse(body.toString('utf8')) as {
        mediaType?: unknown;
        schemaVersion?: unknown;
        manifests?: unknown;
      };
      if (typeof json.mediaType === 'string') mediaType = json.mediaType;
      else if (!INDEX_TYPES.has(mediaType) && !MANIFEST_TYPES.has(mediaType))
        mediaType = Array.isArray(json.manifests) ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest;
      if (json.schemaVersion === 1) mediaType = 'application/vnd.docker.distribution.manifest.v1+json';
    } catch {
      throw new QuaiError('INPUT_INVALID', msg('scan.registry.manifestNotJson', { image: what }), {
        hint: msg('scan.registry.manifestNotJsonHint'),
      });
    }
    return { digest, mediaType, body };
  }

  /**
   * Resolves a reference to one platform's image: the index is followed to the platform asked
   * for, and the manifest's layers are listed with their media types checked.
   */
  async resolveImage(ref: ImageReference, platform = 'linux/amd64'): Promise<ResolvedImage> {
    const first = await this.fetchManifest(ref, ref.digest ?? ref.tag ?? 'latest');
    let manifest = first;
    let chosenPlatform: string | undefined;
    for (let depth = 0; INDEX_TYPES.has(manifest.mediaType); depth++) {
      if (depth > 3) throw malformed(ref, msg('scan.why.indexesNest'));
      const index = parseJson<{ manifests?: unknown }>(manifest.body);
      if (!Array.isArray(index.manifests))
        throw malformed(ref, msg('scan.why.indexNoManifests', { digest: manifest.digest }));
      const list = index.manifests.filter(isDescriptor);
      const chosen = selectPlatform(list, platform);
      if (chosen === undefined) {
        const offered = list
          .filter((d) => d.platform !== undefined && d.platform.os !== 'unknown')
          .map((d) =>
            [d.platform?.os, d.platform?.architecture, d.platform?.variant]
              .filter((x) => x !== undefined)
              .join('/'),
          );
        throw new QuaiError(
          'IMAGE_NOT_FOUND',
          offered.length === 0
            ? msg('scan.registry.noPlatform', { image: formatReference(ref), platform })
            : msg('scan.registry.noPlatformOffered', {
                image: formatReference(ref),
                platform,
                offered: offered.join(', '),
              }),
          { hint: msg('scan.registry.noPlatformHint') },
        );
      }
      chosenPlatform = [chosen.platform?.os, chosen.platform?.architecture, chosen.platform?.variant]
        .filter((x) => x !== undefined)
        .join('/');
      manifest = await this.fetchManifest(ref, chosen.digest);
    }
    if (!MANIFEST_TYPES.has(manifest.mediaType)) {
      throw new QuaiError(
        'IMAGE_UNSUPPORTED',
        manifest.mediaType === ''
          ? msg('scan.registry.unknownManifest', { image: formatReference(ref) })
          : msg('scan.registry.unsupportedManifest', {
              image: formatReference(ref),
              mediaType: manifest.mediaType,
            }),
        {
          hint: manifest.mediaType.includes('v1')
            ? msg('scan.registry.schema1Hint')
            : msg('scan.registry.unsupportedManifestHint'),
        },
      );
    }
    const m = parseJson<{ config?: unknown; layers?: unknown }>(manifest.body);
    if (!isDescriptor(m.config) || !Array.isArray(m.layers) || !m.layers.every(isDescriptor))
      throw malformed(ref, msg('scan.why.manifestNoConfig', { digest: manifest.digest }));
    if (!CONFIG_TYPES.has(m.config.mediaType)) {
      throw new QuaiError(
        'IMAGE_UNSUPPORTED',
        msg('scan.registry.notImage', { image: formatReference(ref), mediaType: m.config.mediaType }),
        { hint: msg('scan.registry.notImageHint') },
      );
    }
    for (const l of m.layers) {
      if (
        !/^application\/vnd\.(oci\.image\.layer\.v1\.tar|docker\.image\.rootfs\.(foreign\.)?diff\.tar)/.test(
          l.mediaType,
        )
      ) {
        throw new QuaiError(
          'IMAGE_UNSUPPORTED',
          msg('scan.registry.unsupportedLayer', {
            digest: l.digest,
            image: formatReference(ref),
            mediaType: l.mediaType,
          }),
          { hint: msg('scan.registry.unsupportedLayerHint') },
        );
      }
    }
    return {
      reference: ref,
      digest: first.digest,
      manifestDigest: manifest.digest,
      ...(chosenPlatform === undefined ? {} : { platform: chosenPlatform }),
      config: m.config,
      layers: m.layers,
    };
  }

  /** Opens a blob as a stream (its size and digest are checked by whoever reads it). */
  async openBlob(ref: ImageReference, digest: string): Promise<Readable> {
    const what = msg('scan.registry.what.blob', { digest, repository: `${ref.registry}/${ref.repository}` });
    const res = await this.request(ref, 'GET', `/v2/${ref.repository}/blobs/${digest}`, undefined, what);
    if (res.status !== 200) throw await this.failed(res, ref, what);
    return res.body;
  }
}

function parseJson<T>(body: Buffer): T {
  return JSON.parse(body.toString('utf8')) as T;
}

function malformed(ref: ImageReference, why: Param): QuaiError {
  return new QuaiError(
    'INPUT_INVALID',
    msg('scan.registry.malformed', { image: formatReference(ref), why }),
    {
      hint: msg('scan.registry.malformedHint'),
    },
  );
}

function isDescriptor(value: unknown): value is Descriptor {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d['mediaType'] === 'string' &&
    typeof d['digest'] === 'string' &&
    /^sha256:[a-f0-9]{64}$/.test(d['digest']) &&
    typeof d['size'] === 'number' &&
    Number.isSafeInteger(d['size']) &&
    d['size'] >= 0
  );
}
