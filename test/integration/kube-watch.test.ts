// The Kubernetes client against the real API server: list+watch from a resourceVersion, bookmarks,
// shared caches, cancellation, and the limit that follows API Priority and Fairness. (410 Gone,
// the API server restart and etcd compaction are in deploy-faults.test.ts, on a cluster of their
// own.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Informer, KubeClient, mapLimit, sleep, type KubeObject, type WatchEvent } from '@quai/core';
import { createNamespace, deleteNamespace, testClient } from './helpers.js';

let client: KubeClient;
let ns: string;

beforeAll(async () => {
  client = await testClient({ qps: 0 });
  ns = await createNamespace(client);
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

function configMap(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
}

async function until<T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('list and watch', () => {
  it('sees every change after the list, from its resourceVersion', async () => {
    await client.create(configMap('before'));
    const { items, resourceVersion } = await client.listWithVersion('v1', 'ConfigMap', { namespace: ns });
    expect(items.map((i) => i.metadata.name)).toContain('before');
    const controller = new AbortController();
    const events: WatchEvent[] = [];
    const stream = await client.watch('v1', 'ConfigMap', {
      namespace: ns,
      resourceVersion,
      signal: controller.signal,
    });
    const reading = (async () => {
      for await (const e of stream) events.push(e);
    })().catch((e: unknown) => e);
    await client.create(configMap('after', { a: '1' }));
    await client.apply(configMap('after', { a: '2' }), { fieldManager: 'test', force: true });
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'before' });
    await until('three events', () => (events.length >= 3 ? true : undefined));
    const changes = events.filter(
      (e): e is Extract<WatchEvent, { object: KubeObject }> => e.type !== 'BOOKMARK',
    );
    expect(changes.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).toEqual([
      'ADDED after',
      'MODIFIED after',
      'DELETED before',
    ]);
    expect(changes[1]?.object.kind).toBe('ConfigMap');
    // The watch ends at once on abort.
    const t = Date.now();
    controller.abort(new Error('done'));
    expect(await reading).toMatchObject({ message: 'done' });
    expect(Date.now() - t).toBeLessThan(500);
  });

  it('moves its resourceVersion on with bookmarks when only other namespaces change, and resumes without a list', async () => {
    // The API server sends a watch a bookmark about once a minute and 2 s before the watch's
    // timeout, once its cache has moved past the watch's resourceVersion: a Secret changed in
    // another namespace moves it; this namespace's watch sees no event, only the bookmark.
    const informer = new Informer(
      client,
      { apiVersion: 'v1', kind: 'Secret', namespace: ns },
      { watchSeconds: 12 },
    );
    const elsewhere = await createNamespace(client);
    try {
      informer.start();
      await informer.synced;
      const start = informer.stats();
      const other = await client.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'elsewhere', namespace: elsewhere },
        stringData: { a: 'b' },
      });
      await until('a bookmark', () => (informer.stats().bookmarks > 0 ? true : undefined), 90_000);
      const after = informer.stats();
      expect(after.events).toBe(start.events);
      expect(BigInt(after.resourceVersion!)).toBeGreaterThanOrEqual(BigInt(other.metadata.resourceVersion!));
      await until(
        'a second watch',
        () => (informer.stats().watches > start.watches ? true : undefined),
        30_000,
      );
      expect(informer.stats().lists).toBe(start.lists);
    } finally {
      informer.stop();
      await deleteNamespace(client, elsewhere);
    }
  }, 150_000);
});

describe('shared caches (informers)', () => {
  it('serves every reader from one list and one watch per kind and namespace, and stays current', async () => {
    await client.resourceType('v1', 'ConfigMap');
    const before = client.requestCount;
    const readers = Array.from({ length: 20 }, () =>
      client.informers.acquire({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns }),
    );
    try {
      await Promise.all(readers.map((r) => r.informer.synced));
      expect(new Set(readers.map((r) => r.informer)).size).toBe(1);

      const seen: string[] = [];
      const stop = readers[0]!.informer.subscribe((e) =>
        seen.push(`${e.type} ${e.object.metadata.name ?? ''}`),
      );
      await client.create(configMap('shared'));
      await until('the new object in the cache', () => readers[7]!.informer.get('shared'));
      stop();
      expect(seen).toContain('ADDED shared');
      // One list and one watch for twenty readers, plus the create: no request to see the new
      // object, the watch brought it. (Discovery was read before, once per client.)
      expect(readers[0]!.informer.stats()).toMatchObject({ lists: 1, watches: 1 });
      expect(client.requestCount - before).toBe(3);
      // Managed fields are not kept: they are most of an object's size and no reader needs them.
      expect(readers[3]!.informer.get('shared')?.metadata.managedFields).toBeUndefined();
    } finally {
      for (const r of readers) r.release();
    }
  });

  it('fails a reader at once when it may not list the kind', async () => {
    const sa = 'no-rights';
    await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ns } });
    const token = await client.request<{ status: { token: string } }>({
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 600 },
      },
    });
    const limited = new KubeClient({ ...client.access, auth: { kind: 'token', token: token.status.token } });
    try {
      const lease = limited.informers.acquire({ apiVersion: 'v1', kind: 'Pod', namespace: ns });
      await expect(lease.informer.synced).rejects.toMatchObject({ code: 'FORBIDDEN' });
      lease.release();
    } finally {
      limited.close();
    }
  });
});

describe('the client limit follows API Priority and Fairness', () => {
  it('backs off on the real server’s 429s, names the priority level, and completes every request', async () => {
    // A priority level with a single seat that rejects the rest, for one service account.
    const sa = 'apf-tiny';
    const suffix = ns.slice(-8);
    await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ns } });
    await client.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'view', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
    });
    const level = await client.create({
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
      kind: 'PriorityLevelConfiguration',
      metadata: { name: `quai-test-tiny-${suffix}` },
      spec: {
        type: 'Limited',
        limited: {
          nominalConcurrencyShares: 1,
          lendablePercent: 0,
          borrowingLimitPercent: 0,
          limitResponse: { type: 'Reject' },
        },
      },
    });
    await client.create({
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
      kind: 'FlowSchema',
      metadata: { name: `quai-test-tiny-${suffix}` },
      spec: {
        priorityLevelConfiguration: { name: `quai-test-tiny-${suffix}` },
        matchingPrecedence: 100,
        distinguisherMethod: { type: 'ByUser' },
        rules: [
          {
            subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: sa, namespace: ns } }],
            resourceRules: [
              { verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true },
            ],
            nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
          },
        ],
      },
    });
    const token = await client.request<{ status: { token: string } }>({
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 600 },
      },
    });
    const access = { ...client.access, auth: { kind: 'token' as const, token: token.status.token } };
    try {
      // Lists of 2 MB each: long enough for a burst to need more seats than the level has.
      await mapLimit(
        Array.from({ length: 100 }, (_, i) => i),
        16,
        (i) => client.create(configMap(`big-${i}`, { data: 'x'.repeat(20_000) })),
      );
      // The API server takes a moment to apply a new flow schema: wait until it judges by it.
      const probe = new KubeClient(access, { retries: 0 });
      for (let i = 0; i < 50; i++) {
        const answers = await Promise.allSettled(
          Array.from({ length: 30 }, () => probe.list('v1', 'ConfigMap', { namespace: ns })),
        );
        if (answers.some((a) => a.status === 'rejected')) break;
        await sleep(200);
      }
      probe.close();
      // Without following the server, a burst fails: the old way, no retry.
      const blunt = new KubeClient(access, { retries: 0 });
      const bluntAnswers = await Promise.allSettled(
        Array.from({ length: 60 }, () => blunt.list('v1', 'ConfigMap', { namespace: ns })),
      );
      blunt.close();
      const refused = bluntAnswers.filter((a) => a.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]).toMatchObject({ reason: { code: 'TOO_MANY_REQUESTS' } });
      // Following it, every request completes, and the client says which level held it back.
      const follower = new KubeClient(access);
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 60 }, () => follower.list('v1', 'ConfigMap', { namespace: ns })),
      );
      const stats = follower.limiter.stats();
      follower.close();
      expect(answers).toHaveLength(60);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(stats.throttles).toBeGreaterThan(0);
      expect(stats.priorityLevelUid).toBe(level.metadata.uid);
      expect(stats.limit).toBeLessThan(64);
    } finally {
      await client
        .delete({
          apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
          kind: 'FlowSchema',
          name: `quai-test-tiny-${suffix}`,
        })
        .catch(() => undefined);
      await client
        .delete({
          apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
          kind: 'PriorityLevelConfiguration',
          name: `quai-test-tiny-${suffix}`,
        })
        .catch(() => undefined);
    }
  });
});
