import http from 'node:http';
import https from 'node:https';
import { QuaiError, isAbortError } from '../errors/index.js';
import { KubeApiError, apiErrorFrom } from './api-error.js';
import { CredentialProvider, type Credentials } from './credentials.js';
import type { ClusterAccess } from './kubeconfig.js';
import { RateLimiter } from './rate-limiter.js';
import type { KubeList, KubeObject, ObjectRef, ResourceType } from './types.js';

export interface KubeClientOptions {
  /** Requests a second on average (client-go's default: 5). 0 disables limiting. */
  readonly qps?: number;
  /** Requests that may go at once before limiting starts (client-go's default: 10). */
  readonly burst?: number;
  /** Time limit of one request attempt, in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
  /** How many times a failed request is tried again (default 5). */
  readonly retries?: number;
  /** First backoff delay in milliseconds; doubles each try, with jitter (default 200). */
  readonly backoffMs?: number;
  /** Longest backoff delay in milliseconds (default 10 s). */
  readonly maxBackoffMs?: number;
  readonly userAgent?: string;
  /**
   * Act as another user (Kubernetes impersonation, kubectl's --as and --as-group): the API
   * server checks the user's own rights. The credentials used must be allowed to impersonate.
   */
  readonly impersonate?: { readonly user: string; readonly groups?: readonly string[] };
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Overrides the default: whether a 5xx or a dropped connection may be retried. */
  readonly idempotent?: boolean;
}

export interface ApplyOptions {
  readonly fieldManager: string;
  /** Take over fields other managers own (kubectl's --force-conflicts). */
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  readonly fieldManager?: string;
  readonly signal?: AbortSignal;
}

export interface DeleteOptions {
  readonly dryRun?: boolean;
  readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  readonly gracePeriodSeconds?: number;
  readonly signal?: AbortSignal;
}

export interface ListOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Page size; pages are followed until the end (default 500). */
  readonly limit?: number;
  readonly signal?: AbortSignal;
}

interface Response {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

interface ApiGroup {
  readonly name: string;
  readonly preferredVersion: { readonly groupVersion: string; readonly version: string };
}

const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);
/** Codes meaning the request never reached the server: safe to retry for any method. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

const DEFAULTS = {
  qps: 5,
  burst: 10,
  timeoutMs: 30_000,
  retries: 5,
  backoffMs: 200,
  maxBackoffMs: 10_000,
} as const;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function encodeQuery(query: RequestOptions['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

/** Splits `apps/v1` into group and version; `v1` is the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * A Kubernetes API client: client-side rate limiting (token bucket), retries with exponential
 * backoff and jitter on 429, 5xx and dropped connections (honouring Retry-After), per-attempt
 * timeouts, discovery, server-side apply and typed errors that keep the server's message.
 */
export class KubeClient {
  readonly access: ClusterAccess;
  readonly limiter: RateLimiter;
  private readonly options: Required<Omit<KubeClientOptions, 'userAgent' | 'impersonate'>> & {
    userAgent: string;
    impersonate?: KubeClientOptions['impersonate'];
  };
  private readonly credentials: CredentialProvider;
  private agent: http.Agent | undefined;
  private agentCreds: Credentials | undefined;
  private readonly discovery = new Map<string, Promise<readonly ResourceType[]>>();
  private readonly baseUrl: URL;
  /** Counts requests sent (attempts, retries included): for benchmarks and tests. */
  requestCount = 0;

  constructor(access: ClusterAccess, options: KubeClientOptions = {}) {
    this.access = access;
    this.options = {
      qps: options.qps ?? DEFAULTS.qps,
      burst: options.burst ?? DEFAULTS.burst,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: options.retries ?? DEFAULTS.retries,
      backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
      userAgent: options.userAgent ?? 'quai',
      ...(options.impersonate === undefined ? {} : { impersonate: options.impersonate }),
    };
    this.limiter = new RateLimiter(this.options.qps, Math.max(1, this.options.burst));
    this.credentials = new CredentialProvider(access.auth);
    this.baseUrl = new URL(access.server);
  }

  get namespace(): string {
    return this.access.namespace;
  }

  /** Closes kept-alive connections so the process can exit. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private agentFor(creds: Credentials): http.Agent {
    if (this.agent !== undefined && this.agentCreds?.cert === creds.cert) return this.agent;
    this.agent?.destroy();
    const common = { keepAlive: true, maxSockets: 64 };
    this.agent =
      this.baseUrl.protocol === 'https:'
        ? new https.Agent({
            ...common,
            ...(this.access.ca === undefined ? {} : { ca: this.access.ca }),
            rejectUnauthorized: !this.access.insecureSkipTlsVerify,
            ...(this.access.tlsServerName === undefined ? {} : { servername: this.access.tlsServerName }),
            ...(creds.cert === undefined ? {} : { cert: creds.cert, key: creds.key }),
          })
        : new http.Agent(common);
    this.agentCreds = creds;
    return this.agent;
  }

  private send(
    opts: RequestOptions,
    creds: Credentials,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    const url = new URL(opts.path + encodeQuery(opts.query), this.baseUrl);
    const lib = url.protocol === 'https:' ? https : http;
    const headers: http.OutgoingHttpHeaders = {
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    };
    if (creds.authorization !== undefined) headers['Authorization'] = creds.authorization;
    const as = this.options.impersonate;
    if (as !== undefined) {
      headers['Impersonate-User'] = as.user;
      if (as.groups !== undefined && as.groups.length > 0) headers['Impersonate-Group'] = [...as.groups];
    }
    if (body !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    return new Promise<Response>((resolve, reject) => {
      const req = lib.request(
        url,
        { method: opts.method ?? 'GET', headers, agent: this.agentFor(creds), signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private backoff(attempt: number, retryAfter: string | undefined): number {
    const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) {
      return Math.min(seconds * 1000, this.options.maxBackoffMs * 6);
    }
    const base = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** attempt);
    return base / 2 + Math.random() * (base / 2);
  }

  /** Sends one API request with rate limiting, timeouts and retries; returns the parsed body. */
  async request<T = unknown>(opts: RequestOptions): Promise<T> {
    const method = opts.method ?? 'GET';
    const idempotent = opts.idempotent ?? (method !== 'POST' && method !== 'PATCH');
    const body =
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body);
    const description = { method, path: opts.path };
    let refreshedCredentials = false;
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(opts.signal);
      const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.options.timeoutMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      let response: Response;
      try {
        const creds = await this.credentials.get();
        this.requestCount++;
        response = await this.send(opts, creds, body, signal);
      } catch (error) {
        if (error instanceof QuaiError) throw error;
        if (opts.signal?.aborted) throw opts.signal.reason as Error;
        const code = (error as NodeJS.ErrnoException).code ?? '';
        const timedOut = timeout.aborted || isAbortError(error);
        const retryable = timedOut
          ? idempotent
          : RETRYABLE_NETWORK.has(code) && (idempotent || NOT_SENT.has(code));
        if (retryable && attempt < this.options.retries) {
          await sleep(this.backoff(attempt, undefined), opts.signal);
          continue;
        }
        throw this.networkError(error, timedOut, description);
      }
      if (response.status < 400) {
        if (response.text === '') return undefined as T;
        const type = response.headers['content-type'] ?? '';
        // Health endpoints (/readyz, /livez) answer plain text; the API answers JSON.
        return (type.startsWith('text/plain') ? response.text : JSON.parse(response.text)) as T;
      }
      if (response.status === 401 && !refreshedCredentials && this.credentials.refreshable) {
        refreshedCredentials = true;
        this.credentials.invalidate();
        continue;
      }
      const retryable =
        response.status === 429 || (idempotent && [500, 502, 503, 504].includes(response.status));
      if (retryable && attempt < this.options.retries) {
        const retryAfter: string | undefined = response.headers['retry-after'];
        await sleep(this.backoff(attempt, retryAfter), opts.signal);
        continue;
      }
      throw apiErrorFrom(response.status, response.text, description);
    }
  }

  private networkError(
    error: unknown,
    timedOut: boolean,
    request: { method: string; path: string },
  ): QuaiError {
    const message = error instanceof Error ? error.message : String(error);
    if (timedOut) {
      return new QuaiError(
        'TIMEOUT',
        `${request.method} ${request.path}: no answer from ${this.access.server} in time.`,
        { hint: 'Check that the API server is up and reachable, or raise --request-timeout.', cause: error },
      );
    }
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const tls = code.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(message);
    return new QuaiError(
      'CLUSTER_UNREACHABLE',
      `Cannot reach the Kubernetes API server ${this.access.server} (context "${this.access.contextName}"): ${message}`,
      {
        hint: tls
          ? 'The server certificate was not trusted: check certificate-authority in the kubeconfig.'
          : 'Check that the cluster is running and the address is right (`quai dev cluster status` for the local one).',
        details: { server: this.access.server, errno: code },
        cause: error,
      },
    );
  }

  // ---- discovery ------------------------------------------------------------------------------

  private resourcesOf(apiVersion: string, signal?: AbortSignal): Promise<readonly ResourceType[]> {
    let cached = this.discovery.get(apiVersion);
    if (cached === undefined) {
      const { group, version } = splitApiVersion(apiVersion);
      const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
      cached = this.request<{
        resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[];
      }>({ path, ...(signal ? { signal } : {}) }).then((list) =>
        list.resources
          .filter((r) => !r.name.includes('/'))
          .map((r) => ({
            group,
            version,
            kind: r.kind,
            resource: r.name,
            namespaced: r.namespaced,
            verbs: r.verbs,
          })),
      );
      cached.catch(() => this.discovery.delete(apiVersion));
      this.discovery.set(apiVersion, cached);
    }
    return cached;
  }

  private apiGroupsCache: Promise<readonly ApiGroup[]> | undefined;
  private identity: Promise<string> | undefined;

  /** The API groups with their preferred versions (`/apis`), cached; `refresh` reads them again. */
  private apiGroups(signal?: AbortSignal, refresh = false): Promise<readonly ApiGroup[]> {
    if (this.apiGroupsCache === undefined || refresh) {
      const groups = this.request<{ groups: ApiGroup[] }>({
        path: '/apis',
        ...(signal ? { signal } : {}),
      }).then((r) => r.groups);
      groups.catch(() => (this.apiGroupsCache = undefined));
      this.apiGroupsCache = groups;
    }
    return this.apiGroupsCache;
  }

  /** The preferred version of an API group (`v1` for the core group); read again once on a miss (a new CRD). */
  async preferredVersion(group: string, signal?: AbortSignal): Promise<string | undefined> {
    if (group === '') return 'v1';
    const find = (groups: readonly ApiGroup[]): string | undefined =>
      groups.find((g) => g.name === group)?.preferredVersion.version;
    return find(await this.apiGroups(signal)) ?? find(await this.apiGroups(signal, true));
  }

  /** Every resource type the server serves, at each API group's preferred version (cached). */
  async discoverAll(signal?: AbortSignal): Promise<ResourceType[]> {
    const groups = await this.apiGroups(signal);
    const versions = ['v1', ...groups.map((g) => g.preferredVersion.groupVersion)];
    const lists = await Promise.all(versions.map((v) => this.resourcesOf(v, signal)));
    return lists.flat();
  }

  /** Who the API server says we are (SelfSubjectReview), cached; `unknown` when it cannot tell. */
  whoAmI(): Promise<string> {
    this.identity ??= this.request<{ status?: { userInfo?: { username?: string } } }>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    }).then(
      (review) => review.status?.userInfo?.username ?? 'unknown',
      () => 'unknown',
    );
    return this.identity;
  }

  /** Finds the resource type of an apiVersion and kind through discovery (cached). */
  async resourceType(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceType> {
    const find = async (): Promise<ResourceType | undefined> => {
      try {
        return (await this.resourcesOf(apiVersion, signal)).find((r) => r.kind === kind);
      } catch (error) {
        if (error instanceof KubeApiError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      }
    };
    let found = await find();
    if (found === undefined) {
      // A CRD may have been installed since the last look.
      this.discovery.delete(apiVersion);
      found = await find();
    }
    if (found === undefined) {
      throw new QuaiError('NOT_FOUND', `The cluster does not serve kind "${kind}" in "${apiVersion}".`, {
        hint: 'Check the apiVersion (`kubectl api-resources`); for a custom resource, install its CRD first.',
      });
    }
    return found;
  }

  /** The URL path of a collection or an object. */
  pathFor(type: ResourceType, namespace: string | undefined, name?: string): string {
    const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
    const ns = type.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? this.namespace)}` : '';
    const tail = name === undefined ? '' : `/${encodeURIComponent(name)}`;
    return `${base}${ns}/${type.resource}${tail}`;
  }

  private async objectPath(ref: ObjectRef, signal?: AbortSignal): Promise<string> {
    const type = await this.resourceType(ref.apiVersion, ref.kind, signal);
    return this.pathFor(type, ref.namespace, ref.name);
  }

  // ---- verbs ----------------------------------------------------------------------------------

  async get<T extends KubeObject = KubeObject>(ref: ObjectRef, signal?: AbortSignal): Promise<T> {
    return this.request<T>({ path: await this.objectPath(ref, signal), ...(signal ? { signal } : {}) });
  }

  /** Like get, but undefined when the object does not exist. */
  async tryGet<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    try {
      return await this.get<T>(ref, signal);
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** Lists every object of a kind, following pages. Without a namespace: all namespaces. */
  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: ListOptions = {},
  ): Promise<T[]> {
    const type = await this.resourceType(apiVersion, kind, options.signal);
    const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
    const ns =
      type.namespaced && options.namespace !== undefined
        ? `/namespaces/${encodeURIComponent(options.namespace)}`
        : '';
    const path = `${base}${ns}/${type.resource}`;
    const items: T[] = [];
    let cont: string | undefined;
    do {
      const page: KubeList<T> = await this.request<KubeList<T>>({
        path,
        query: {
          limit: options.limit ?? 500,
          continue: cont,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
        },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const itemKind = kind;
      for (const item of page.items) items.push({ ...item, apiVersion, kind: itemKind });
      cont = page.metadata.continue || undefined;
    } while (cont !== undefined);
    return items;
  }

  async create<T extends KubeObject = KubeObject>(
    object: KubeObject,
    options: WriteOptions = {},
  ): Promise<T> {
    const type = await this.resourceType(object.apiVersion, object.kind, options.signal);
    return this.request<T>({
      method: 'POST',
      path: this.pathFor(type, object.metadata.namespace),
      body: object,
      query: { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * Server-side apply: sends the object as the field manager's whole intent. The server merges
   * it, tracks field ownership, and answers 409 with each conflicting field unless `force`.
   */
  async apply<T extends KubeObject = KubeObject>(object: KubeObject, options: ApplyOptions): Promise<T> {
    const name = object.metadata.name;
    if (name === undefined || name === '') {
      throw new QuaiError('INPUT_INVALID', `Cannot apply a ${object.kind} without metadata.name.`, {
        hint: 'Server-side apply needs a name; generateName is not supported.',
      });
    }
    const type = await this.resourceType(object.apiVersion, object.kind, options.signal);
    return this.request<T>({
      method: 'PATCH',
      path: this.pathFor(type, object.metadata.namespace, name),
      body: object,
      contentType: 'application/apply-patch+yaml',
      idempotent: true,
      query: {
        fieldManager: options.fieldManager,
        force: options.force ? true : undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<void> {
    await this.request({
      method: 'DELETE',
      path: await this.objectPath(ref, options.signal),
      query: {
        dryRun: options.dryRun ? 'All' : undefined,
        propagationPolicy: options.propagationPolicy,
        gracePeriodSeconds: options.gracePeriodSeconds,
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** The server's version (`/version`). */
  version(signal?: AbortSignal): Promise<{ gitVersion: string; major: string; minor: string }> {
    return this.request({ path: '/version', ...(signal ? { signal } : {}) });
  }
}
