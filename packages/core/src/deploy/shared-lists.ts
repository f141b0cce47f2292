import { abortable, KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';
import { namespaceCount } from './namespaces.js';

// Applies (and plans) of several apps on one client read, under each app's lock, what exists of
// each kind in their namespaces: one metadata list per kind and namespace. When several run at
// once, the lists of one kind asked for within a few milliseconds are answered by one list of
// that kind across the cluster, split by namespace: each app still reads after it took its lock
// (the list is sent after every app of the batch asked), and sees what a list of its own namespace
// would show. A caller not allowed to list a kind across the cluster lists its namespace, as alone
// (and this client stops trying for that kind). Secrets are never listed across the cluster.
//
// A list across the cluster answers for every namespace, not only the batch's: it is sent only
// when the batch covers at least a twentieth of the cluster's namespaces (counted by the shared
// namespace read), so that a few apps in a cluster of thousands of namespaces list their own.

/** From how many namespaces listed together one list across the cluster is sent. */
const SHARE_FROM = 4;
/** The least share of the cluster's namespaces a batch must cover to be listed across it. */
const SHARE_OF_CLUSTER = 1 / 20;
/** How long a list waits for the lists of the other running applies to join it. */
const WINDOW_MS = 25;

interface Waiter {
  readonly resolve: (items: KubeObject[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly namespaces: Map<string, Waiter[]>;
  timer: NodeJS.Timeout | undefined;
}

interface ClientState {
  /** Applies and plans running on the client now. */
  running: number;
  readonly batches: Map<string, Batch>;
  /** Kinds this client may not list across the cluster. */
  readonly refused: Set<string>;
}

const states = new WeakMap<KubeClient, ClientState>();

function stateOf(client: KubeClient): ClientState {
  let s = states.get(client);
  if (s === undefined) {
    s = { running: 0, batches: new Map(), refused: new Set() };
    states.set(client, s);
  }
  return s;
}

/** Runs an apply or plan, counted as running on the client meanwhile. */
export async function counted<T>(client: KubeClient, run: () => Promise<T>): Promise<T> {
  const s = stateOf(client);
  s.running++;
  try {
    return await run();
  } finally {
    s.running--;
  }
}

async function flush(client: KubeClient, s: ClientState, apiVersion: string, kind: string, batch: Batch) {
  const type = `${apiVersion}|${kind}`;
  if (s.batches.get(type) === batch) s.batches.delete(type);
  clearTimeout(batch.timer);
  const settle = (ns: string, read: Promise<KubeObject[]>): Promise<void> =>
    read.then(
      (items) => batch.namespaces.get(ns)?.forEach((w) => w.resolve(items)),
      (error: unknown) => batch.namespaces.get(ns)?.forEach((w) => w.reject(error)),
    );
  const names = [...batch.namespaces.keys()];
  const total = namespaceCount(client);
  if (
    names.length >= SHARE_FROM &&
    total !== undefined &&
    names.length >= total * SHARE_OF_CLUSTER &&
    !s.refused.has(type)
  ) {
    try {
      const byNamespace = new Map<string, KubeObject[]>(names.map((n) => [n, []]));
      for (const o of await client.listMetadata(apiVersion, kind))
        byNamespace.get(o.metadata.namespace ?? '')?.push(o);
      await Promise.all(names.map((n) => settle(n, Promise.resolve(byNamespace.get(n) ?? []))));
      return;
    } catch (error) {
      if (!(error instanceof KubeApiError)) throw error;
      if (error.code === 'FORBIDDEN') s.refused.add(type);
    }
  }
  await Promise.all(names.map((n) => settle(n, client.listMetadata(apiVersion, kind, { namespace: n }))));
}

/**
 * The objects of a namespaced kind in `namespace`, metadata only: one list of the namespace, or,
 * when other applies run on the client, its share of one list across the cluster.
 */
export function listInNamespace(
  client: KubeClient,
  apiVersion: string,
  kind: string,
  namespace: string,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const s = stateOf(client);
  const type = `${apiVersion}|${kind}`;
  if (s.running < SHARE_FROM || s.refused.has(type) || (apiVersion === 'v1' && kind === 'Secret')) {
    return client.listMetadata(apiVersion, kind, { namespace, ...(signal ? { signal } : {}) });
  }
  let batch = s.batches.get(type);
  if (batch === undefined) {
    const created: Batch = { namespaces: new Map(), timer: undefined };
    batch = created;
    s.batches.set(type, created);
    created.timer = setTimeout(() => {
      flush(client, s, apiVersion, kind, created).catch((error: unknown) => {
        for (const waiters of created.namespaces.values()) for (const w of waiters) w.reject(error);
      });
    }, WINDOW_MS);
  }
  const waiters = batch.namespaces.get(namespace) ?? [];
  batch.namespaces.set(namespace, waiters);
  const read = new Promise<KubeObject[]>((resolve, reject) => waiters.push({ resolve, reject }));
  read.catch(() => undefined);
  // Every running apply asked: no need to wait for the window's end.
  const current = batch;
  if (current.namespaces.size >= s.running) {
    clearTimeout(current.timer);
    setImmediate(() => {
      flush(client, s, apiVersion, kind, current).catch((error: unknown) => {
        for (const ws of current.namespaces.values()) for (const w of ws) w.reject(error);
      });
    });
    if (s.batches.get(type) === current) s.batches.delete(type);
  }
  return abortable(read, signal);
}
