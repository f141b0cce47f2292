import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, type AppSpec, type Component } from '@quai/contracts';
import { deploy, KubeApiError, KubeClient, model, render, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
const namespaces: string[] = [];
const platform = model.defaultPlatform();

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
});

afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client.close();
});

function web(overrides: Partial<Component> = {}): Component {
  return {
    image: 'registry.example/shop/web:1.0.0',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    replicas: 2,
    ...overrides,
  };
}

function app(name: string, components: Record<string, Component>): AppSpec {
  const ns = uniqueName(`quai-test-${name}`);
  namespaces.push(ns);
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name },
    spec: { namespace: ns, components },
  };
}

function rendered(spec: AppSpec): { target: deploy.AppTarget; objects: readonly KubeObject[] } {
  const r = render.render({ app: spec, platform, environment: 'prod' });
  return {
    target: { app: spec.metadata.name, environment: 'prod', namespace: r.namespace },
    objects: r.objects,
  };
}

function withComponents(spec: AppSpec, components: Record<string, Component>): AppSpec {
  return { ...spec, spec: { ...spec.spec, components } };
}

describe('deploy on a real cluster', () => {
  it('applies several apps, then plans only the changed one, field by field', async () => {
    const a = app('alpha', { web: web() });
    const b = app('beta', {
      web: web(),
      cache: { image: 'redis:7.4', ports: [{ name: 'redis', port: 6379, protocol: 'TCP' }] },
    });
    const results = await Promise.all(
      [a, b].map((s) => deploy.apply(client, rendered(s).target, rendered(s).objects, { timeoutMs: 60_000 })),
    );
    expect(results.map((r) => [r.status, r.revision])).toEqual([
      ['deployed', 1],
      ['deployed', 1],
    ]);
    const changed = withComponents(b, {
      ...b.spec.components,
      web: web({ image: 'registry.example/shop/web:1.1.0' }),
    });
    const planA = await deploy.plan(client, rendered(a).target, rendered(a).objects);
    const planB = await deploy.plan(client, rendered(changed).target, rendered(changed).objects);
    expect(planA.summary).toMatchObject({ create: 0, update: 0, delete: 0, conflict: 0 });
    expect(planB.summary).toMatchObject({ create: 0, update: 1, delete: 0, conflict: 0 });
    const update = planB.changes.find((c) => c.kind === 'update');
    expect(update?.object).toBe(`Deployment ${b.spec.namespace}/web`);
    expect(update?.fields.map((f) => f.path)).toEqual([
      'spec.template.metadata.labels.app.kubernetes.io/version',
      'spec.template.spec.containers[0].image',
    ]);
  });

  it('prunes a removed component, and records who did what in the cluster', async () => {
    const s = app('gamma', { web: web(), worker: { image: 'registry.example/shop/worker:1.0.0' } });
    await deploy.apply(client, rendered(s).target, rendered(s).objects, { timeoutMs: 60_000 });
    const smaller = withComponents(s, { web: web() });
    const plan = await deploy.plan(client, rendered(smaller).target, rendered(smaller).objects);
    expect(
      plan.changes
        .filter((c) => c.kind === 'delete')
        .map((c) => c.object)
        .sort(),
    ).toEqual([`Deployment ${s.spec.namespace}/worker`, `Service ${s.spec.namespace}/worker`]);
    const result = await deploy.apply(client, rendered(smaller).target, rendered(smaller).objects, {
      timeoutMs: 60_000,
      message: 'drop the worker',
    });
    expect([...result.pruned].sort()).toEqual([
      `Deployment ${s.spec.namespace}/worker`,
      `Service ${s.spec.namespace}/worker`,
    ]);
    expect(
      await client.tryGet({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: s.spec.namespace!,
        name: 'worker',
      }),
    ).toBeUndefined();
    const history = await deploy.listRevisions(client, s.spec.namespace!, 'gamma');
    expect(history.map((r) => [r.number, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    expect(history[1]?.deployedBy).not.toBe('unknown');
    expect(history[1]?.message).toBe('drop the worker');
    expect(history[1]?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('rolls back automatically when a rollout never becomes ready', async () => {
    const s = app('delta', { web: web() });
    await deploy.apply(client, rendered(s).target, rendered(s).objects, { timeoutMs: 60_000 });
    const bad = withComponents(s, {
      web: web({
        image: 'registry.example/shop/web:2.0.0-broken',
        annotations: { 'quai.dev/simulate': 'never-ready' },
      }),
    });
    const result = await deploy.apply(client, rendered(bad).target, rendered(bad).objects, {
      timeoutMs: 8_000,
      rollbackOnFailure: true,
    });
    expect(result.status).toBe('rolled-back');
    expect(t('en', result.failure!.reason)).toContain('not ready after 8 s');
    expect(result.rolledBackTo).toBe(3);
    const live = await client.get<KubeObject & { spec: any; status: any }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: s.spec.namespace!,
      name: 'web',
    });
    expect(live.spec.template.spec.containers[0].image).toBe('registry.example/shop/web:1.0.0');
    const history = await deploy.listRevisions(client, s.spec.namespace!, 'delta');
    expect(history.map((r) => r.status)).toEqual(['superseded', 'rolled-back', 'deployed']);
    const health = await deploy.status(client, rendered(s).target);
    expect(health.healthy).toBe(true);
  });

  it('fails fast on a crash loop, naming the pod, its state and its events', async () => {
    const s = app('epsilon', { web: web({ annotations: { 'quai.dev/simulate': 'crash-loop' } }) });
    const start = Date.now();
    const result = await deploy.apply(client, rendered(s).target, rendered(s).objects, { timeoutMs: 60_000 });
    expect(Date.now() - start).toBeLessThan(30_000);
    expect(result.status).toBe('failed');
    expect(t('en', result.failure!.reason)).toMatch(
      /pod web-[a-z0-9]+-[a-z0-9]+: container web is in CrashLoopBackOff/,
    );
    expect(result.failure?.object).toBe(`Deployment ${s.spec.namespace}/web`);
    const history = await deploy.listRevisions(client, s.spec.namespace!, 'epsilon');
    expect(history.map((r) => r.status)).toEqual(['failed']);
  });

  it('shows fields edited by hand as conflicts, and takes them over only when forced', async () => {
    const s = app('zeta', { web: web() });
    const { target, objects } = rendered(s);
    await deploy.apply(client, target, objects, { timeoutMs: 60_000 });
    // Someone scales by hand with another field manager, taking ownership of spec.replicas.
    await client.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: target.namespace },
        spec: { replicas: 5 },
      },
      { fieldManager: 'kubectl-edit', force: true },
    );
    const plan = await deploy.plan(client, target, objects);
    const conflict = plan.changes.find((c) => c.kind === 'conflict');
    expect(conflict?.object).toBe(`Deployment ${target.namespace}/web`);
    expect(conflict?.conflicts?.join('\n')).toContain('.spec.replicas');
    const refused = await deploy
      .apply(client, target, objects, { timeoutMs: 30_000 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    const forced = await deploy.apply(client, target, objects, { timeoutMs: 60_000, force: true });
    expect(forced.status).toBe('deployed');
    const live = await client.get<KubeObject & { spec: { replicas: number } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: target.namespace,
      name: 'web',
    });
    expect(live.spec.replicas).toBe(2);
  });

  it('completes after an interrupted apply and leaves no orphan', async () => {
    const s = app('eta', {
      web: web(),
      api: web({ image: 'registry.example/shop/api:1.0.0' }),
      worker: { image: 'registry.example/shop/worker:1.0.0' },
    });
    const { target, objects } = rendered(s);
    const controller = new AbortController();
    let applied = 0;
    const interrupted = await deploy
      .apply(client, target, objects, {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.kind === 'applied' && ++applied === 6) controller.abort(new Error('killed mid-apply'));
        },
      })
      .catch((e: unknown) => e);
    expect(interrupted).toBeInstanceOf(Error);
    const smaller = withComponents(s, { web: web() });
    const result = await deploy.apply(client, target, rendered(smaller).objects, { timeoutMs: 60_000 });
    expect(result.status).toBe('deployed');
    const history = await deploy.listRevisions(client, target.namespace, 'eta');
    expect(history.map((r) => r.status)).toEqual(['interrupted', 'deployed']);
    // Nothing labelled as part of the set but absent from the new render.
    const id = deploy.applySetId({ name: 'quai-applyset-eta', namespace: target.namespace });
    const wanted = new Set(rendered(smaller).objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`));
    for (const [apiVersion, kind] of [
      ['apps/v1', 'Deployment'],
      ['v1', 'Service'],
      ['v1', 'ConfigMap'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
    ] as const) {
      const members = await client.list(apiVersion, kind, {
        namespace: target.namespace,
        labelSelector: `${deploy.LABEL_PART_OF}=${id}`,
      });
      for (const m of members)
        expect(
          wanted.has(`${kind}/${m.metadata.name ?? ''}`),
          `${kind}/${m.metadata.name ?? ''} orphaned`,
        ).toBe(true);
    }
  });

  it("fails fast when pods are refused (quota exceeded), with the server's reason", async () => {
    const s = app('iota', { web: web({ replicas: 3 }) });
    const { target, objects } = rendered(s);
    const quota: KubeObject = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'pods', namespace: target.namespace },
      spec: { hard: { pods: '1' } },
    };
    const start = Date.now();
    const result = await deploy.apply(client, target, [...objects, quota], { timeoutMs: 60_000 });
    expect(Date.now() - start).toBeLessThan(45_000);
    expect(result.status).toBe('failed');
    expect(t('en', result.failure!.reason)).toContain('pods cannot be created');
    expect(t('en', result.failure!.reason)).toContain('exceeded quota');
  });

  it('names the missing RBAC right and changes nothing', async () => {
    const s = app('theta', { web: web() });
    const { target, objects } = rendered(s);
    await deploy.apply(client, target, objects, { timeoutMs: 60_000 });
    // A deployer that may read but not write in the namespace.
    const sa = 'read-only';
    await client.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: sa, namespace: target.namespace },
    });
    await client.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'view', namespace: target.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: sa, namespace: target.namespace }],
    });
    const token = await client.request<{ status: { token: string } }>({
      method: 'POST',
      path: `/api/v1/namespaces/${target.namespace}/serviceaccounts/${sa}/token`,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 600 },
      },
    });
    const limited = new KubeClient(
      { ...client.access, auth: { kind: 'token', token: token.status.token } },
      { retries: 0 },
    );
    try {
      const error = await deploy
        .apply(limited, target, objects, { timeoutMs: 10_000 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KubeApiError);
      expect((error as KubeApiError).code).toBe('FORBIDDEN');
      // The first write is the app's lock (the namespace, unchanged, is not written again).
      expect((error as KubeApiError).serverMessage).toMatch(/cannot create resource "leases"/);
      expect(
        (await deploy.listRevisions(client, target.namespace, 'theta')).map((r) => [r.number, r.status]),
      ).toEqual([[1, 'deployed']]);
    } finally {
      limited.close();
    }
  });
});
