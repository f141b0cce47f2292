import http from 'node:http';
import https from 'node:https';
import { msg } from '@quai/contracts';
import { QuaiError, isAbortError } from '../errors/index.js';
import { childSignal, sleep } from './abort.js';
import { KubeApiError, apiErrorFrom } from './api-error.js';
import { CredentialProvider, type Credentials } from './credentials.js';
import type { ClusterAccess } from './kubeconfig.js';
import { SharedInformers } from './informer.js';
import { AdaptiveLimiter, type Throttle } from './limiter.js';
import type { KubeList, KubeObject, ObjectRef, ResourceType } from './types.js';
import { watchStream, type WatchEvent, type WatchOptions } from './watch.js';

export interface KubeClientOptions {
  /**
   * A fixed cap in requests a second (the `--qps` flag). Default: none; the client follows the
   * API server instead (API Priority and Fairness: see AdaptiveLimiter). 0 means none too.
   */
  readonly qps?: number;
  /** Requests that may go at once above `qps` (default: qps rounded up). */
  readonly burst?: number;
  /** Most requests in flight at once (default 64). Watches are not counted. */
  readonly maxInFlight?: number;
  /** Time limit of one request attempt, in milliseconds (default 30 s); 0 means no limit. */
  readonly timeoutMs?: number;
  /** How many times a failed request is tried again (default 5; 429 answers at least 10). */
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
  /** The Accept header (default application/json). */
  readonly accept?: string;
}

export interface ApplyOptions {
  readonly fieldManager: string;
  /** Take over fields other managers own (kubectl's --force-conflicts). */
  readonly force?: boolean;
  readonly dryRun?: boolean;
  /**
   * Ask the server to answer with the object's metadata only (PartialObjectMetadata), for writers
   * that need its version, uid and generation, not its spec: a smaller answer to encode, send
   * and parse. The answer keeps the object's apiVersion and kind.
   */
  readonly metadataOnly?: boolean;
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

/** A list as the server answered it: the items and the resourceVersion to watch from. */
export interface ListResult<T extends KubeObject> {
  readonly items: T[];
  readonly resourceVersion: string;
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
  qps: 0,
  burst: 0,
  maxInFlight: 64,
  timeoutMs: 30_000,
  retries: 5,
  backoffMs: 200,
  maxBackoffMs: 10_000,
} as const;

/** 429 answers are the server pacing us, not failing: they get at least this many tries. */
const THROTTLE_RETRIES = 10;

const JSON_ACCEPT = 'application/json';
const AGGREGATED_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const METADATA_OBJECT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

/** The resource types of the cluster, from aggregated discovery (two requests for everything). */
interface Discovery {
  readonly resources: ReadonlyMap<string, readonly ResourceType[]>;
  /** Group -> preferred version. */
  readonly preferred: ReadonlyMap<string, string>;
}

interface AggregatedList {
  readonly kind?: string;
  readonly items?: readonly {
    readonly metadata?: { readonly name?: string };
    readonly versions?: readonly {
      readonly version: string;
      readonly resources?: readonly {
        readonly resource: string;
        readonly responseKind?: { readonly kind?: string };
        readonly scope?: string;
        readonly verbs?: readonly string[];
      }[];
    }[];
  }[];
}

/**
 * A server-side apply that the server cannot merge (two list entries with the same key, as a
 * Service with two ports named alike) comes back as a 500 "failed to create typed patch
 * object", although the object is at fault, not the server: it is invalid input.
 */
function isInvalidPatch(status: number, text: string): boolean {
  return status === 500 && /failed to create typed (patch|live) object|duplicate entries for key/.test(text);
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
 * A Kubernetes API client: a client-side limit that follows the API server (API Priority and
 * Fairness) with an optional fixed cap, retries with exponential backoff and jitter on 429, 5xx
 * and dropped connections (honouring Retry-After), per-attempt timeouts, aggregated discovery,
 * server-side apply, list+watch (see Informer for the shared cache), and typed errors that keep
 * the server's message. Every wait takes an AbortSignal and stops at once when it aborts.
 */
export class KubeClient {
  readonly access: ClusterAccess;
  readonly limiter: AdaptiveLimiter;
  private readonly options: Required<
    Omit<KubeClientOptions, 'userAgent' | 'qps' | 'burst' | 'maxInFlight' | 'impersonate'>
  > & {
    userAgent: string;
    impersonate?: KubeClientOptions['impersonate'];
  };
  private readonly credentials: CredentialProvider;
  private agents: { requests: http.Agent; watches: http.Agent; cert: Buffer | undefined } | undefined;
  private readonly discovery = new Map<string, Promise<readonly ResourceType[]>>();
  private aggregated: Promise<Discovery | undefined> | undefined;
  private readonly baseUrl: URL;
  /** Counts requests sent (attempts, retries included; watches too): for benchmarks and tests. */
  requestCount = 0;
  private shared: SharedInformers | undefined;

  constructor(access: ClusterAccess, options: KubeClientOptions = {}) {
    this.access = access;
    this.options = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: options.retries ?? DEFAULTS.retries,
      backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
      userAgent: options.userAgent ?? 'quai',
      ...(options.impersonate === undefined ? {} : { impersonate: options.impersonate }),
    };
    this.limiter = new AdaptiveLimiter({
      maxInFlight: options.maxInFlight ?? DEFAULTS.maxInFlight,
      qps: options.qps ?? DEFAULTS.qps,
      ...(options.burst === undefined || options.burst === 0 ? {} : { burst: options.burst }),
    });
    this.credentials = new CredentialProvider(access.auth);
    this.baseUrl = new URL(access.server);
  }

  get namespace(): string {
    return this.access.namespace;
  }

  /** The caches kept by list+watch that every reader of this client shares (see Informer). */
  get informers(): SharedInformers {
    this.shared ??= new SharedInformers(this);
    return this.shared;
  }

  /** Closes kept-alive connections (and open watches) so the process can exit. */
  close(): void {
    this.shared?.stopAll();
    this.closeAgents();
  }

  private closeAgents(): void {
    this.agents?.requests.destroy();
    this.agents?.watches.destroy();
    this.agents = undefined;
  }

  /**
   * Two connection pools: one for ordinary requests (as many sockets as requests in flight),
   * one for watches, which hold a connection each for minutes and must never starve requests.
   */
  private agentFor(creds: Credentials, kind: 'requests' | 'watches'): http.Agent {
    if (this.agents === undefined || this.agents.cert !== creds.cert) {
      this.closeAgents();
      const make = (maxSockets: number): http.Agent => {
        const common = { keepAlive: true, maxSockets };
        return this.baseUrl.protocol === 'https:'
          ? new https.Agent({
              ...common,
              ...(this.access.ca === undefined ? {} : { ca: this.access.ca }),
              rejectUnauthorized: !this.access.insecureSkipTlsVerify,
              ...(this.access.tlsServerName === undefined ? {} : { servername: this.access.tlsServerName }),
              ...(creds.cert === undefined ? {} : { cert: creds.cert, key: creds.key }),
            })
          : new http.Agent(common);
      };
      this.agents = {
        requests: make(Math.max(this.limiter.maxInFlight, 1)),
        watches: make(Infinity),
        cert: creds.cert,
      };
    }
    return this.agents[kind];
  }

  private headersFor(
    opts: RequestOptions,
    creds: Credentials,
    body: string | undefined,
  ): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {
      Accept: opts.accept ?? JSON_ACCEPT,
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
    return headers;
  }

  private send(
    opts: RequestOptions,
    creds: Credentials,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const url = new URL(opts.path + encodeQuery(opts.query), this.baseUrl);
    const lib = url.protocol === 'https:' ? https : http;
    const headers = this.headersFor(opts, creds, body);
    return new Promise<Response>((resolve, reject) => {
      const req = lib.request(
        url,
        {
          method: opts.method ?? 'GET',
          headers,
          agent: this.agentFor(creds, 'requests'),
          ...(signal ? { signal } : {}),
        },
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

  /** Sends one API request within the limit, with timeouts and retries; returns the parsed body. */
  async request<T = unknown>(opts: RequestOptions): Promise<T> {
    const { value } = await this.exchange<T>(opts);
    return value;
  }

  /** Like request, with the HTTP status of the answer (201 when a server-side apply created). */
  private async exchange<T>(opts: RequestOptions): Promise<{ value: T; status: number }> {
    const method = opts.method ?? 'GET';
    const idempotent = opts.idempotent ?? (method !== 'POST' && method !== 'PATCH');
    const body =
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body);
    const description = { method, path: opts.path };
    // One signal of the request's own: its waits listen here, never on the caller's shared one.
    const own = childSignal(opts.signal);
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    let refreshedCredentials = false;
    for (let attempt = 0; ; attempt++) {
      const slot = await this.limiter.acquire(own);
      const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
      const signal =
        own !== undefined && timeout !== undefined ? AbortSignal.any([own, timeout]) : (own ?? timeout);
      let response: Response;
      try {
        const creds = await this.credentials.get();
        this.requestCount++;
        response = await this.send(opts, creds, body, signal);
      } catch (error) {
        slot.release();
        if (error instanceof QuaiError) throw error;
        if (opts.signal?.aborted) throw opts.signal.reason as Error;
        const code = (error as NodeJS.ErrnoException).code ?? '';
        const timedOut = timeout?.aborted === true || isAbortError(error);
        const retryable = timedOut
          ? idempotent
          : RETRYABLE_NETWORK.has(code) && (idempotent || NOT_SENT.has(code));
        if (retryable && attempt < this.options.retries) {
          await sleep(this.backoff(attempt, undefined), own);
          continue;
        }
        throw this.networkError(error, timedOut, description);
      }
      if (response.status === 429) {
        this.limiter.throttled(this.throttleOf(response, attempt), slot.epoch);
      } else {
        this.limiter.succeeded();
      }
      slot.release();
      if (response.status < 400) {
        if (response.text === '') return { value: undefined as T, status: response.status };
        const type = response.headers['content-type'] ?? '';
        // Health endpoints (/readyz, /livez) answer plain text; the API answers JSON.
        return {
          value: (type.startsWith('text/plain') ? response.text : JSON.parse(response.text)) as T,
          status: response.status,
        };
      }
      if (response.status === 401 && !refreshedCredentials && this.credentials.refreshable) {
        refreshedCredentials = true;
        this.credentials.invalidate();
        continue;
      }
      if (isInvalidPatch(response.status, response.text)) {
        throw apiErrorFrom(422, response.text, description);
      }
      const throttleRetries =
        this.options.retries === 0 ? 0 : Math.max(this.options.retries, THROTTLE_RETRIES);
      if (response.status === 429 && attempt < throttleRetries) {
        // The window is smaller now; this request waits as the server asked, then its turn again.
        await sleep(this.throttleOf(response, attempt).retryAfterMs, own);
        continue;
      }
      const retryable = idempotent && [500, 502, 503, 504].includes(response.status);
      if (retryable && attempt < this.options.retries) {
        const retryAfter: string | undefined = response.headers['retry-after'];
        const wait = this.backoff(attempt, retryAfter);
        // A 503 with Retry-After speaks for the whole server (shutting down, overloaded): all wait.
        if (response.status === 503 && retryAfter !== undefined) this.limiter.pause(wait);
        await sleep(wait, own);
        continue;
      }
      throw apiErrorFrom(response.status, response.text, description);
    }
  }

  /** How long a 429 asks to wait (Retry-After, else exponential backoff) and which APF flow said so. */
  private throttleOf(response: Response, attempt: number): Throttle {
    const header = (name: string): string | undefined => {
      const v = response.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const flowSchemaUid = header('x-kubernetes-pf-flowschema-uid');
    const priorityLevelUid = header('x-kubernetes-pf-prioritylevel-uid');
    return {
      retryAfterMs: this.backoff(attempt, header('retry-after')),
      ...(flowSchemaUid ? { flowSchemaUid } : {}),
      ...(priorityLevelUid ? { priorityLevelUid } : {}),
    };
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
        msg('kube.timeout', { method: request.method, path: request.path, server: this.access.server }),
        { hint: msg('kube.timeoutHint'), cause: error },
      );
    }
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const tls = code.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(message);
    return new QuaiError(
      'CLUSTER_UNREACHABLE',
      msg('kube.unreachable', { server: this.access.server, context: this.access.contextName, message }),
      {
        hint: tls ? msg('kube.unreachableTlsHint') : msg('kube.unreachableHint'),
        details: { server: this.access.server, errno: code },
        cause: error,
      },
    );
  }

  // ---- discovery ------------------------------------------------------------------------------

  /**
   * Aggregated discovery (Kubernetes 1.30+): every group, version and resource in two requests
   * (`/api` and `/apis`), once per run. Undefined when the server does not offer it.
   */
  private aggregatedDiscovery(signal?: AbortSignal, refresh = false): Promise<Discovery | undefined> {
    if (this.aggregated === undefined || refresh) {
      const read = (path: string): Promise<AggregatedList> =>
        this.request<AggregatedList>({ path, accept: AGGREGATED_DISCOVERY, ...(signal ? { signal } : {}) });
      const loaded = Promise.all([read('/api'), read('/apis')]).then(([core, groups]) => {
        if (core.kind !== 'APIGroupDiscoveryList' || groups.kind !== 'APIGroupDiscoveryList')
          return undefined;
        const resources = new Map<string, ResourceType[]>();
        const preferred = new Map<string, string>();
        for (const item of [...(core.items ?? []), ...(groups.items ?? [])]) {
          const group = item.metadata?.name ?? '';
          const versions = item.versions ?? [];
          // Versions come in order of preference.
          if (versions[0] !== undefined) preferred.set(group, versions[0].version);
          for (const v of versions) {
            const apiVersion = group === '' ? v.version : `${group}/${v.version}`;
            resources.set(
              apiVersion,
              (v.resources ?? []).map((r) => ({
                group,
                version: v.version,
                kind: r.responseKind?.kind ?? '',
                resource: r.resource,
                namespaced: r.scope === 'Namespaced',
                verbs: r.verbs ?? [],
              })),
            );
          }
        }
        return { resources, preferred };
      });
      loaded.catch(() => (this.aggregated = undefined));
      this.aggregated = loaded;
    }
    return this.aggregated;
  }

  /** The resources of one group-version the legacy way (one request per group-version). */
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
    const aggregated = await this.aggregatedDiscovery(signal);
    if (aggregated !== undefined) {
      return (
        aggregated.preferred.get(group) ??
        (await this.aggregatedDiscovery(signal, true))?.preferred.get(group)
      );
    }
    const find = (groups: readonly ApiGroup[]): string | undefined =>
      groups.find((g) => g.name === group)?.preferredVersion.version;
    return find(await this.apiGroups(signal)) ?? find(await this.apiGroups(signal, true));
  }

  /** Every resource type the server serves, at each API group's preferred version (cached). */
  async discoverAll(signal?: AbortSignal): Promise<ResourceType[]> {
    const aggregated = await this.aggregatedDiscovery(signal);
    if (aggregated !== undefined) {
      return [...aggregated.preferred].flatMap(
        ([group, version]) => aggregated.resources.get(group === '' ? version : `${group}/${version}`) ?? [],
      );
    }
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
    const find = async (refresh: boolean): Promise<ResourceType | undefined> => {
      const aggregated = await this.aggregatedDiscovery(signal, refresh);
      if (aggregated !== undefined) return aggregated.resources.get(apiVersion)?.find((r) => r.kind === kind);
      if (refresh) this.discovery.delete(apiVersion);
      try {
        return (await this.resourcesOf(apiVersion, signal)).find((r) => r.kind === kind);
      } catch (error) {
        if (error instanceof KubeApiError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      }
    };
    // A CRD may have been installed since the last look: read discovery again once on a miss.
    const found = (await find(false)) ?? (await find(true));
    if (found === undefined) {
      throw new QuaiError('NOT_FOUND', msg('kube.unknownKind', { kind, apiVersion }), {
        hint: msg('kube.unknownKindHint'),
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
    // Without a name the path would be the collection's: a DELETE there removes every object.
    if (typeof ref.name !== 'string' || ref.name === '') {
      throw new QuaiError('INPUT_INVALID', msg('kube.refWithoutName', { kind: String(ref.kind) }), {
        hint: msg('kube.refWithoutNameHint', { kind: String(ref.kind) }),
      });
    }
    const type = await this.resourceType(ref.apiVersion, ref.kind, signal);
    return this.pathFor(type, ref.namespace, ref.name);
  }

  /** The collection path of a kind: in one namespace, or across all without one. */
  private async collectionPath(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const type = await this.resourceType(apiVersion, kind, signal);
    const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
    const ns =
      type.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${type.resource}`;
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
    return (await this.listWithVersion<T>(apiVersion, kind, options)).items;
  }

  /**
   * Lists every object of a kind with the list's resourceVersion, from which a watch sees every
   * later change. A continue token that expires midway (410) starts the list again.
   */
  async listWithVersion<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: ListOptions & { accept?: string } = {},
  ): Promise<ListResult<T>> {
    const path = await this.collectionPath(apiVersion, kind, options.namespace, options.signal);
    for (let restarts = 0; ; restarts++) {
      const items: T[] = [];
      let cont: string | undefined;
      let resourceVersion = '';
      try {
        do {
          const page: KubeList<T> = await this.request<KubeList<T>>({
            path,
            query: {
              limit: options.limit ?? 500,
              continue: cont,
              labelSelector: options.labelSelector,
              fieldSelector: options.fieldSelector,
            },
            ...(options.accept ? { accept: options.accept } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          });
          for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind });
          resourceVersion = page.metadata.resourceVersion ?? resourceVersion;
          cont = page.metadata.continue || undefined;
        } while (cont !== undefined);
        return { items, resourceVersion };
      } catch (error) {
        if (cont !== undefined && restarts < 3 && error instanceof KubeApiError && error.status === 410)
          continue;
        throw error;
      }
    }
  }

  /**
   * Lists only the metadata of a kind's objects (names, labels, annotations, versions): a small
   * answer for checks that need no spec, such as who owns what.
   */
  async listMetadata(apiVersion: string, kind: string, options: ListOptions = {}): Promise<KubeObject[]> {
    return (await this.listWithVersion(apiVersion, kind, { ...options, accept: METADATA_LIST })).items;
  }

  /**
   * Watches a kind from a resourceVersion. Resolves once the server has accepted the watch, with
   * the events: ADDED, MODIFIED, DELETED and BOOKMARK until the server ends the watch, the
   * connection drops (CLUSTER_UNREACHABLE) or the signal aborts. A resourceVersion too old to
   * watch from gives a KubeApiError with status 410 (Gone), at once or as an event: list again.
   */
  async watch<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
  ): Promise<AsyncGenerator<WatchEvent<T>>> {
    const path = await this.collectionPath(apiVersion, kind, options.namespace, options.signal);
    const query = {
      watch: 1,
      allowWatchBookmarks: options.allowWatchBookmarks ?? true,
      resourceVersion: options.resourceVersion,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      timeoutSeconds: options.timeoutSeconds,
    };
    const res = await this.openStream({ path, query, ...(options.signal ? { signal: options.signal } : {}) });
    return watchStream<T>(res, {
      apiVersion,
      kind,
      path,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * Opens a streaming GET (a watch): retried like a read until the server answers; the answer's
   * body is left to the caller. A watch holds its connection for minutes, outside the limit.
   */
  private async openStream(opts: RequestOptions): Promise<http.IncomingMessage> {
    const description = { method: 'GET', path: opts.path };
    const own = childSignal(opts.signal);
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      let res: http.IncomingMessage;
      const controller = new AbortController();
      const signal = own ? AbortSignal.any([own, controller.signal]) : controller.signal;
      const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
      try {
        const creds = await this.credentials.get();
        this.requestCount++;
        const url = new URL(opts.path + encodeQuery(opts.query), this.baseUrl);
        const lib = url.protocol === 'https:' ? https : http;
        res = await new Promise<http.IncomingMessage>((resolve, reject) => {
          const req = lib.request(
            url,
            {
              method: 'GET',
              headers: this.headersFor(opts, creds, undefined),
              agent: this.agentFor(creds, 'watches'),
              signal,
            },
            resolve,
          );
          req.on('error', reject);
          req.end();
        });
      } catch (error) {
        if (error instanceof QuaiError) throw error;
        if (opts.signal?.aborted) throw opts.signal.reason as Error;
        const timedOut = controller.signal.aborted || isAbortError(error);
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if ((timedOut || RETRYABLE_NETWORK.has(code)) && attempt < this.options.retries) {
          await sleep(this.backoff(attempt, undefined), own);
          continue;
        }
        throw this.networkError(error, timedOut, description);
      } finally {
        clearTimeout(timer);
      }
      if (res.statusCode === 200) {
        res.socket.setKeepAlive(true, 15_000);
        return res;
      }
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const status = res.statusCode ?? 0;
      if (status === 429 && attempt < THROTTLE_RETRIES) {
        const retryAfter: string | undefined = res.headers['retry-after'];
        await sleep(this.backoff(attempt, retryAfter), own);
        continue;
      }
      if ([500, 502, 503, 504].includes(status) && attempt < this.options.retries) {
        await sleep(this.backoff(attempt, undefined), own);
        continue;
      }
      throw apiErrorFrom(status, text, description);
    }
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
    return (await this.applyWithStatus<T>(object, options)).object;
  }

  /** Server-side apply that also says whether the object was created (HTTP 201) or existed. */
  async applyWithStatus<T extends KubeObject = KubeObject>(
    object: KubeObject,
    options: ApplyOptions,
  ): Promise<{ object: T; created: boolean }> {
    const name = object.metadata.name;
    if (name === undefined || name === '') {
      throw new QuaiError('INPUT_INVALID', msg('kube.applyWithoutName', { kind: object.kind }), {
        hint: msg('kube.applyWithoutNameHint'),
      });
    }
    const type = await this.resourceType(object.apiVersion, object.kind, options.signal);
    const { value, status } = await this.exchange<T>({
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
      ...(options.metadataOnly ? { accept: METADATA_OBJECT } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (options.metadataOnly && value.kind === 'PartialObjectMetadata') {
      // Only the metadata came back: the object's own type, its metadata as the server has it.
      const partial = { apiVersion: object.apiVersion, kind: object.kind, metadata: value.metadata };
      return { object: partial as T, created: status === 201 };
    }
    return { object: value, created: status === 201 };
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
