import { abortable, KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';

// The namespace reads of applies and plans that start together on one client (`quai apply` of
// several apps runs them in parallel) are answered by one metadata-only list of the namespaces
// instead of one read each: the list is as current as a read sent at the same moment, and it
// carries what the ownership check reads (labels and annotations). A caller allowed to read its
// namespaces but not to list them all gets its own read, as before.

/** From how many namespaces read together one list is sent instead of a read each. */
const LIST_FROM = 4;

interface Batch {
  readonly names: Map<
    string,
    { resolve: (o: KubeObject | undefined) => void; reject: (e: unknown) => void }[]
  >;
}

const collecting = new WeakMap<KubeClient, Batch>();
/** Clients not allowed to list the namespaces: they read each one. */
const refused = new WeakSet<KubeClient>();
/** How many namespaces the cluster had at the last list of them, per client. */
const counted = new WeakMap<KubeClient, number>();

/** How many namespaces the cluster has, as last listed on this client (undefined: never listed). */
export function namespaceCount(client: KubeClient): number | undefined {
  return counted.get(client);
}

async function flush(client: KubeClient, batch: Batch): Promise<void> {
  const names = [...batch.names.keys()];
  const settle = (name: string, read: Promise<KubeObject | undefined>): Promise<void> =>
    read.then(
      (o) => batch.names.get(name)?.forEach((w) => w.resolve(o)),
      (e: unknown) => batch.names.get(name)?.forEach((w) => w.reject(e)),
    );
  const one = (name: string): Promise<KubeObject | undefined> =>
    client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name });
  if (names.length >= LIST_FROM && !refused.has(client)) {
    try {
      const all = new Map(
        (await client.listMetadata('v1', 'Namespace')).map((n) => [n.metadata.name ?? '', n] as const),
      );
      counted.set(client, all.size);
      await Promise.all(names.map((n) => settle(n, Promise.resolve(all.get(n)))));
      return;
    } catch (error) {
      // Not allowed to list every namespace (or the list failed): one read each, as alone.
      if (!(error instanceof KubeApiError)) throw error;
      if (error.code === 'FORBIDDEN') refused.add(client);
    }
  }
  await Promise.all(names.map((n) => settle(n, one(n))));
}

/**
 * The namespace `name` (undefined when it does not exist), read together with the other
 * namespaces asked for on this client in the same turn of the event loop.
 */
export function readNamespace(
  client: KubeClient,
  name: string,
  signal?: AbortSignal,
): Promise<KubeObject | undefined> {
  let batch = collecting.get(client);
  if (batch === undefined) {
    const created: Batch = { names: new Map() };
    batch = created;
    collecting.set(client, created);
    setImmediate(() => {
      collecting.delete(client);
      flush(client, created).catch((error: unknown) => {
        for (const waiters of created.names.values()) for (const w of waiters) w.reject(error);
      });
    });
  }
  const waiters = batch.names.get(name) ?? [];
  batch.names.set(name, waiters);
  const read = new Promise<KubeObject | undefined>((resolve, reject) => waiters.push({ resolve, reject }));
  // A caller that stopped waiting leaves no unhandled rejection behind.
  read.catch(() => undefined);
  return abortable(read, signal);
}
