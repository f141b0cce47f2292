// Several apps applied at once on one client (as `quai apply a.yaml b.yaml ...` does) share their
// reads: one list of the namespaces, one list per kind across the cluster. Safety must not change:
// another app's object is still refused before any write, pruning still finds what the set no
// longer renders, and a deployer who may not list across the cluster reads namespace by namespace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpec, Component } from '@quai/contracts';
import type { KubeClient } from '@quai/core';
import { deploy, model, render, sleep, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
const namespaces: string[] = [];
const cleanup: KubeObject[] = [];
const platform = model.defaultPlatform();

beforeAll(async () => {
  client = await testClient({ qps: 0 });
});

afterAll(async () => {
  for (const o of cleanup) {
    await client
      .delete({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' })
      .catch(() => undefined);
  }
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client.close();
});

const web = (image = 'registry.example/shop/web:1.0.0'): Component => ({
  image,
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
});

function spec(name: string, components: Record<string, Component>, namespace?: string): AppSpec {
  const ns = namespace ?? uniqueName(`quai-shared-${name}`);
  if (namespace === undefined) namespaces.push(ns);
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name },
    spec: { namespace: ns, components },
  };
}

function rendered(s: AppSpec): { target: deploy.AppTarget; objects: readonly KubeObject[] } {
  const r = render.render({ app: s, platform, environment: 'prod' });
  return {
    target: { app: s.metadata.name, environment: 'prod', namespace: r.namespace },
    objects: r.objects,
  };
}

/** Counts the requests a client sends, by method and path shape (names and namespaces taken out). */
function counting(c: KubeClient): {
  counts: Map<string, number>;
  /** The server-side applies that asked for the object's metadata only, and those that did not. */
  answers: { metadata: number; whole: number };
  reset: () => void;
} {
  const counts = new Map<string, number>();
  const answers = { metadata: 0, whole: 0 };
  const inner = c as unknown as {
    send: (
      o: { method?: string; path: string; accept?: string; contentType?: string },
      ...rest: unknown[]
    ) => unknown;
  };
  const send = inner.send.bind(c);
  inner.send = (o, ...rest) => {
    const shape = `${o.method ?? 'GET'} ${o.path
      .replace(/\?.*$/, '')
      .replace(/\/namespaces\/[^/]+\//, '/namespaces/NS/')
      .replace(/\/namespaces\/[^/]+$/, '/namespaces/NAME')}`;
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
    if (o.contentType === 'application/apply-patch+yaml') {
      if (o.accept?.includes('as=PartialObjectMetadata;') === true) answers.metadata++;
      else answers.whole++;
    }
    return send(o, ...rest);
  };
  return {
    counts,
    answers,
    reset: () => {
      counts.clear();
      answers.metadata = 0;
      answers.whole = 0;
    },
  };
}

const deploymentIn = (s: AppSpec, name: string): Promise<KubeObject | undefined> =>
  client.tryGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: s.spec.namespace!, name });

const sum = (counts: Map<string, number>, match: (shape: string) => boolean): number =>
  [...counts].filter(([k]) => match(k)).reduce((n, [, v]) => n + v, 0);

describe('apps applied together share their reads', () => {
  it('reads the namespaces with one list and what exists with one list per kind, and still refuses, prunes and records', async () => {
    const own = await testClient({ qps: 0 });
    const seen = counting(own);
    // Shared lists need a batch of a twentieth of the cluster's namespaces: twice that many apps
    // (other tests' namespaces count too), at least 8.
    const total = (await client.listMetadata('v1', 'Namespace')).length;
    const count = Math.min(40, Math.max(8, Math.ceil((total + 8) / 10)));
    const apps = Array.from({ length: count }, (_, i) =>
      spec(`shared${i}`, { web: web(), ...(i === 0 ? { extra: web() } : {}) }),
    );
    const first = await Promise.all(
      apps.map((s) => deploy.apply(own, rendered(s).target, rendered(s).objects, { wait: false })),
    );
    expect(first.map((r) => r.status)).toEqual(Array(count).fill('deployed'));
    // One list of the namespaces, not a read each.
    expect(seen.counts.get('GET /api/v1/namespaces') ?? 0).toBe(1);
    expect(seen.counts.get('GET /api/v1/namespaces/NAME') ?? 0).toBe(0);

    // By hand, in app 2's namespace, a Service its next version renders: not app 2's to take.
    const byHand: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'cache', namespace: apps[2]!.spec.namespace! },
      spec: { ports: [{ name: 'redis', port: 6379 }], selector: { app: 'someone-else' } },
    };
    await client.create(byHand);
    seen.reset();
    const next = apps.map((s, i) =>
      i === 0
        ? spec('shared0', { web: web() }, s.spec.namespace) // extra is gone: pruned
        : i === 2
          ? spec('shared2', { web: web(), cache: web('registry.example/cache:1') }, s.spec.namespace)
          : spec(s.metadata.name, { web: web('registry.example/shop/web:1.1.0') }, s.spec.namespace),
    );
    const second = await Promise.allSettled(
      next.map((s) => deploy.apply(own, rendered(s).target, rendered(s).objects, { wait: false })),
    );
    const refused = second[2];
    expect(refused?.status).toBe('rejected');
    expect(String((refused as PromiseRejectedResult).reason)).toMatch(/Service .*\/cache/);
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    // Refused before any write: app 2's Deployment "cache" was never created.
    expect(await deploymentIn(apps[2]!, 'cache')).toBeUndefined();
    for (const [i, r] of second.entries()) if (i !== 2) expect(r.status, `app ${i}`).toBe('fulfilled');
    const pruned = second[0] as PromiseFulfilledResult<deploy.ApplyResult>;
    expect(pruned.value.pruned).toContain(`Deployment ${apps[0]!.spec.namespace!}/extra`);
    expect(await deploymentIn(apps[0]!, 'extra')).toBeUndefined();

    // What exists of each kind: fewer lists than apps (one across the cluster per batch).
    const acrossCluster = seen.counts.get('GET /apis/apps/v1/deployments') ?? 0;
    const perNamespace = seen.counts.get('GET /apis/apps/v1/namespaces/NS/deployments') ?? 0;
    expect(acrossCluster).toBeGreaterThanOrEqual(1);
    expect(acrossCluster + perNamespace).toBeLessThan(apps.length);
    // Secrets are never listed across the cluster; the parent and the history come from one list.
    expect(seen.counts.get('GET /api/v1/secrets') ?? 0).toBe(0);
    expect(sum(seen.counts, (k) => k.startsWith('GET /api/v1/namespaces/NS/secrets/'))).toBe(0);

    // Each app wrote its own revision and left the previous one as it was: it reads superseded.
    const revisionWrites = (n: number): number =>
      sum(
        seen.counts,
        (k) => k.startsWith('PATCH /api/v1/namespaces/NS/secrets/quai-rev-') && k.endsWith(`-v${n}`),
      );
    expect(revisionWrites(1)).toBe(0);
    expect(revisionWrites(2)).toBe(count - 1);
    const history = await deploy.listRevisions(client, apps[1]!.spec.namespace!, 'shared1');
    expect(history.map((h) => h.status)).toEqual(['superseded', 'deployed']);
    // Every write of an apply asked for the metadata only (the whole object is not sent back).
    expect(seen.answers.whole).toBe(0);
    expect(seen.answers.metadata).toBeGreaterThanOrEqual(count * 4);
    own.close();
  });

  it('gives a server-side apply answered with metadata only its own apiVersion and kind', async () => {
    const ns = uniqueName('quai-shared-meta');
    namespaces.push(ns);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: ns },
      data: { MODE: 'prod' },
    };
    const first = await client.applyWithStatus(cm, { fieldManager: 'quai-test', metadataOnly: true });
    expect(first.created).toBe(true);
    expect(first.object.apiVersion).toBe('v1');
    expect(first.object.kind).toBe('ConfigMap');
    expect(first.object.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect((first.object as { data?: unknown }).data).toBeUndefined();
    const again = await client.applyWithStatus(cm, { fieldManager: 'quai-test', metadataOnly: true });
    expect(again.created).toBe(false);
    expect(again.object.metadata.resourceVersion).toBe(first.object.metadata.resourceVersion);
    // Without the option, the whole object.
    const whole = await client.apply(cm, { fieldManager: 'quai-test' });
    expect((whole as { data?: unknown }).data).toEqual({ MODE: 'prod' });
  });

  it('reads namespace by namespace for a deployer who may not list across the cluster', async () => {
    const user = uniqueName('quai-shared-deployer');
    const apps = Array.from({ length: 5 }, (_, i) => spec(`narrow${i}`, { web: web() }));
    const rbac = 'rbac.authorization.k8s.io/v1';
    const role: KubeObject = {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: user },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'patch', 'create'] }],
    };
    // Everything inside its namespaces (a RoleBinding each), nothing across the cluster.
    const inside: KubeObject = {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: `${user}-inside` },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    };
    const binding: KubeObject = {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: user },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: user },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    };
    cleanup.push(binding, role, inside);
    await client.create(role);
    await client.create(inside);
    await client.create(binding);
    for (const s of apps) {
      const ns = s.spec.namespace!;
      await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      await client.create({
        apiVersion: rbac,
        kind: 'RoleBinding',
        metadata: { name: 'deployer', namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${user}-inside` },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
      });
    }
    // RBAC is read from a cache: wait until the last binding applies.
    for (let i = 0; i < 50; i++) {
      const probe = await testClient({ qps: 0, impersonate: { user } });
      const ok = await probe
        .listMetadata('apps/v1', 'Deployment', { namespace: apps.at(-1)!.spec.namespace! })
        .then(() => true)
        .catch(() => false);
      probe.close();
      if (ok) break;
      await sleep(200);
    }
    const narrow = await testClient({ qps: 0, impersonate: { user } });
    const seen = counting(narrow);
    const run = (): Promise<deploy.ApplyResult[]> =>
      Promise.all(
        apps.map((s) => deploy.apply(narrow, rendered(s).target, rendered(s).objects, { wait: false })),
      );
    expect((await run()).map((r) => r.status)).toEqual(Array(5).fill('deployed'));
    expect((await run()).map((r) => r.status)).toEqual(Array(5).fill('deployed'));
    // The list of the namespaces refused once, then a read each; each kind namespace by namespace.
    expect(seen.counts.get('GET /api/v1/namespaces') ?? 0).toBe(1);
    expect(seen.counts.get('GET /api/v1/namespaces/NAME') ?? 0).toBe(10);
    expect(seen.counts.get('GET /apis/apps/v1/deployments') ?? 0).toBeLessThanOrEqual(1);
    expect(seen.counts.get('GET /apis/apps/v1/namespaces/NS/deployments') ?? 0).toBeGreaterThanOrEqual(5);
    narrow.close();
  });
});

describe('the apply lock', () => {
  it('is renewed by the time left: at half its duration, not more often', async () => {
    const ns = uniqueName('quai-shared-lock');
    namespaces.push(ns);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const own = await testClient({ qps: 0 });
    const seen = counting(own);
    const lock = await deploy.acquireAppLock(
      own,
      ns,
      'held',
      {
        user: 'test',
        environment: 'prod',
        digest: 'sha256:0',
        images: [],
        message: '',
        startedAt: new Date().toISOString(),
      },
      { leaseSeconds: 4 },
    );
    await sleep(5_000);
    const renewals = sum(seen.counts, (k) => k.startsWith('PUT ') && k.includes('/leases/'));
    // At 2 s and 4 s: twice (a renewal every third of the duration, as before, made three).
    expect(renewals).toBe(2);
    const lease = await client.get<KubeObject & { spec: { renewTime: string; holderIdentity: string } }>({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: ns,
      name: 'quai-apply-held',
    });
    expect(lease.spec.holderIdentity).toBe(lock.holder);
    expect(Date.now() - Date.parse(lease.spec.renewTime)).toBeLessThan(2_500);
    expect(lock.lost.aborted).toBe(false);
    await lock.release();
    own.close();
  });
});
