/**
 * Actual usage: from metrics.k8s.io (metrics-server, what `kubectl top` and the HPA read) or from
 * a Prometheus server (the kubelet's cAdvisor series container_cpu_usage_seconds_total and
 * container_memory_working_set_bytes, the same ones metrics-server reads), and usage history
 * from Prometheus (query_range) for right-sizing.
 */
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient } from '../kube/index.js';
import { milliValue, nanoValue, intValue } from './quantity.js';

export interface Usage {
  /** Millicores and bytes per pod, by `ns/name`. */
  readonly pods: ReadonlyMap<string, { cpu: number; memory: number }>;
  /** Per node, when the source gives it (metrics-server does). */
  readonly nodes: ReadonlyMap<string, { cpu: number; memory: number }>;
}

interface MetricsItem {
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly usage?: Readonly<Record<string, string>>;
  readonly containers?: readonly {
    readonly name: string;
    readonly usage?: Readonly<Record<string, string>>;
  }[];
}

function cpuOf(q: string | undefined): number {
  if (q === undefined) return 0;
  const n = nanoValue(q);
  return n === undefined ? 0 : n / 1e6;
}

function memOf(q: string | undefined): number {
  return q === undefined ? 0 : (intValue(q) ?? 0);
}

/**
 * Usage from metrics.k8s.io, or undefined when the cluster does not serve it (no metrics-server,
 * or its APIService is unavailable).
 */
export async function readMetricsServer(
  client: KubeClient,
  signal?: AbortSignal,
): Promise<Usage | undefined> {
  try {
    const opts = signal ? { signal } : {};
    const [nodes, pods] = await Promise.all([
      client.request<{ items: MetricsItem[] }>({ path: '/apis/metrics.k8s.io/v1beta1/nodes', ...opts }),
      client.request<{ items: MetricsItem[] }>({ path: '/apis/metrics.k8s.io/v1beta1/pods', ...opts }),
    ]);
    const nodeUsage = new Map<string, { cpu: number; memory: number }>();
    for (const n of nodes.items) {
      nodeUsage.set(n.metadata.name ?? '', {
        cpu: cpuOf(n.usage?.['cpu']),
        memory: memOf(n.usage?.['memory']),
      });
    }
    const podUsage = new Map<string, { cpu: number; memory: number }>();
    for (const p of pods.items) {
      let cpu = 0;
      let memory = 0;
      for (const c of p.containers ?? []) {
        cpu += cpuOf(c.usage?.['cpu']);
        memory += memOf(c.usage?.['memory']);
      }
      podUsage.set(`${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`, { cpu, memory });
    }
    return { pods: podUsage, nodes: nodeUsage };
  } catch (error) {
    if (error instanceof KubeApiError && ['NOT_FOUND', 'SERVER_ERROR'].includes(error.code)) return undefined;
    if (error instanceof KubeApiError && error.status === 503) return undefined;
    throw error;
  }
}

/** The reason metrics.k8s.io could not be read, as an error for a caller that asked for it. */
export function metricsNotServed(detail: string): QuaiError {
  return new QuaiError('METRICS_UNAVAILABLE', msg('capacity.metrics.notServed', { detail }), {
    hint: msg('capacity.metrics.notServedHint'),
  });
}

export interface PrometheusServer {
  readonly url: string;
  readonly token?: string | undefined;
}

interface PromResponse {
  readonly status: 'success' | 'error';
  readonly data?: {
    readonly resultType: string;
    readonly result: readonly {
      readonly metric: Readonly<Record<string, string>>;
      readonly value?: [number, string];
      readonly values?: readonly [number, string][];
    }[];
  };
  readonly error?: string;
}

async function promQuery(
  server: PrometheusServer,
  path: string,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<NonNullable<PromResponse['data']>> {
  const url = new URL(path, server.url.endsWith('/') ? server.url : `${server.url}/`);
  const body = new URLSearchParams(params);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(server.token ? { authorization: `Bearer ${server.token}` } : {}),
      },
      body,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(60_000)]) : AbortSignal.timeout(60_000),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new QuaiError(
      'METRICS_UNAVAILABLE',
      msg('capacity.prometheus.unreachable', {
        url: server.url,
        detail: (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message,
      }),
      { hint: msg('capacity.prometheus.unreachableHint') },
    );
  }
  const text = await response.text();
  let parsed: PromResponse | undefined;
  try {
    parsed = JSON.parse(text) as PromResponse;
  } catch {
    parsed = undefined;
  }
  if (!response.ok || parsed?.status !== 'success' || parsed.data === undefined) {
    throw new QuaiError(
      'METRICS_UNAVAILABLE',
      msg('capacity.prometheus.failed', {
        url: server.url,
        query: params['query'] ?? '',
        detail: parsed?.error ?? `HTTP ${response.status} ${text.slice(0, 200)}`,
      }),
      { hint: msg('capacity.prometheus.unreachableHint') },
    );
  }
  return parsed.data;
}

/** Pod selector of container series: real containers only (not the pause container, not pod totals). */
const CONTAINERS = 'container!="",container!="POD"';

/** Current usage per pod from Prometheus: CPU as the rate between the last two samples (as metrics-server and kube-prometheus read it), memory as the working set. */
export async function readPrometheusUsage(server: PrometheusServer, signal?: AbortSignal): Promise<Usage> {
  const [cpu, memory] = await Promise.all([
    promQuery(
      server,
      'api/v1/query',
      { query: `sum by (namespace, pod) (irate(container_cpu_usage_seconds_total{${CONTAINERS}}[5m]))` },
      signal,
    ),
    promQuery(
      server,
      'api/v1/query',
      { query: `sum by (namespace, pod) (container_memory_working_set_bytes{${CONTAINERS}})` },
      signal,
    ),
  ]);
  const pods = new Map<string, { cpu: number; memory: number }>();
  const at = (m: Readonly<Record<string, string>>): { cpu: number; memory: number } => {
    const k = `${m['namespace'] ?? ''}/${m['pod'] ?? ''}`;
    let u = pods.get(k);
    if (u === undefined) {
      u = { cpu: 0, memory: 0 };
      pods.set(k, u);
    }
    return u;
  };
  for (const r of cpu.result) at(r.metric).cpu = Number(r.value?.[1] ?? 0) * 1000;
  for (const r of memory.result) at(r.metric).memory = Number(r.value?.[1] ?? 0);
  return { pods, nodes: new Map() };
}

/** One container's samples over a window: CPU in millicores, memory in bytes. */
export interface ContainerHistory {
  readonly cpu: number[];
  readonly memory: number[];
  /** Distinct pods seen. */
  readonly pods: Set<string>;
}

/** A Prometheus range-query result, as `/api/v1/query_range` returns it (and as saved to a file). */
export interface RangeResult {
  readonly cpu: PromResponse['data'];
  readonly memory: PromResponse['data'];
}

/** Step of a range query: about 2,000 points over the window, at least 30 s. */
export function stepFor(windowSeconds: number): number {
  return Math.max(30, Math.ceil(windowSeconds / 2000));
}

export function durationSeconds(text: string): number {
  const m = /^(\d+)([smhdw])$/.exec(text);
  if (m === null) return 0;
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

/** Usage history of a namespace's containers over a window, from Prometheus. */
export async function readPrometheusHistory(
  server: PrometheusServer,
  namespace: string,
  window: string,
  now: Date,
  signal?: AbortSignal,
): Promise<RangeResult> {
  const seconds = durationSeconds(window);
  const step = stepFor(seconds);
  const end = Math.floor(now.getTime() / 1000);
  const range = { start: String(end - seconds), end: String(end), step: String(step) };
  const ns = namespace.replace(/["\\]/g, '');
  const [cpu, memory] = await Promise.all([
    promQuery(
      server,
      'api/v1/query_range',
      {
        query: `sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{namespace="${ns}",${CONTAINERS}}[5m]))`,
        ...range,
      },
      signal,
    ),
    promQuery(
      server,
      'api/v1/query_range',
      {
        query: `sum by (namespace, pod, container) (container_memory_working_set_bytes{namespace="${ns}",${CONTAINERS}})`,
        ...range,
      },
      signal,
    ),
  ]);
  return { cpu, memory };
}

/** Samples per container name from a range result (every pod of a container pooled, as VPA does). */
export function historyByContainer(result: RangeResult): Map<string, ContainerHistory> {
  const out = new Map<string, ContainerHistory>();
  const entry = (container: string): ContainerHistory => {
    let h = out.get(container);
    if (h === undefined) {
      h = { cpu: [], memory: [], pods: new Set() };
      out.set(container, h);
    }
    return h;
  };
  for (const series of result.cpu?.result ?? []) {
    const h = entry(series.metric['container'] ?? '');
    if (series.metric['pod'] !== undefined) h.pods.add(series.metric['pod']);
    for (const [, v] of series.values ?? []) {
      const x = Number(v);
      if (Number.isFinite(x)) h.cpu.push(x * 1000);
    }
  }
  for (const series of result.memory?.result ?? []) {
    const h = entry(series.metric['container'] ?? '');
    if (series.metric['pod'] !== undefined) h.pods.add(series.metric['pod']);
    for (const [, v] of series.values ?? []) {
      const x = Number(v);
      if (Number.isFinite(x)) h.memory.push(x);
    }
  }
  return out;
}

/** Millicores of a quantity text (for request strings), 0 when invalid. */
export function millicores(text: string): number {
  return milliValue(text) ?? 0;
}
