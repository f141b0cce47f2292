// Real faults: the API server is killed (SIGKILL, by pid) in the middle of an apply, of a wait and
// of a watch, then started again; etcd is compacted meanwhile. Runs on its own local cluster (not
// the shared one), so it is skipped when the tests use an external cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, type AppSpec } from '@quai/contracts';
import {
  deploy,
  Informer,
  isGone,
  KubeClient,
  loadClusterAccess,
  model,
  render,
  sleep,
  type KubeObject,
} from '@quai/core';
import * as devcluster from '@quai/devcluster';

const external = (process.env['QUAI_TEST_KUBECONFIG'] ?? '') !== '';
const NAME = 'faults';
let client: KubeClient;
let etcd = '';

function spec(components: number): AppSpec {
  const all: AppSpec['spec']['components'] = {};
  for (let i = 0; i < components; i++) {
    all[`svc${i}`] = {
      image: `registry.example/shop/svc${i}:1.0.0`,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    };
  }
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name: 'shop' },
    spec: { components: all },
  };
}

describe.skipIf(external)('deploy when the API server dies mid-apply', () => {
  beforeAll(async () => {
    const up = await devcluster.up({ name: NAME, nodes: 2 });
    etcd = `http://127.0.0.1:${up.state.ports['etcd'] ?? 0}`;
    const access = await loadClusterAccess({ kubeconfig: await devcluster.kubeconfigPath({ name: NAME }) });
    client = new KubeClient(access, { qps: 0, retries: 1, backoffMs: 50, timeoutMs: 5000 });
  }, 600_000);

  afterAll(async () => {
    client?.close();
    await devcluster.down({ name: NAME });
  });

  it('completes on the next run and leaves no orphan', async () => {
    const r = render.render({ app: spec(12), platform: model.defaultPlatform(), environment: 'prod' });
    const target = { app: 'shop', environment: 'prod', namespace: r.namespace };
    let applied = 0;
    let killed: Promise<void> | undefined;
    const first = await deploy
      .apply(client, target, r.objects, {
        concurrency: 1,
        onEvent: (e) => {
          if (e.kind === 'applied' && ++applied === 10 && killed === undefined) {
            killed = devcluster.killComponent({ name: NAME, component: 'kube-apiserver' });
          }
        },
      })
      .catch((e: unknown) => e);
    await killed;
    expect(first).toMatchObject({
      code: expect.stringMatching(/CLUSTER_UNREACHABLE|TIMEOUT|SERVER_ERROR/) as unknown,
    });
    await devcluster.startComponent({ name: NAME, component: 'kube-apiserver' });

    // The render changes meanwhile: half the components are gone.
    const smaller = render.render({ app: spec(6), platform: model.defaultPlatform(), environment: 'prod' });
    const second = await deploy.apply(client, target, smaller.objects, { timeoutMs: 120_000 });
    expect(second.status).toBe('deployed');
    const history = await deploy.listRevisions(client, target.namespace, 'shop');
    expect(history.map((h) => h.status)).toEqual(['interrupted', 'deployed']);
    const id = deploy.applySetId({ name: 'quai-applyset-shop', namespace: target.namespace });
    const wanted = new Set(smaller.objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`));
    for (const [apiVersion, kind] of [
      ['apps/v1', 'Deployment'],
      ['v1', 'Service'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
      ['policy/v1', 'PodDisruptionBudget'],
    ] as const) {
      for (const m of await client.list(apiVersion, kind, {
        namespace: target.namespace,
        labelSelector: `${deploy.LABEL_PART_OF}=${id}`,
      })) {
        expect(
          wanted.has(`${kind}/${m.metadata.name ?? ''}`),
          `${kind}/${m.metadata.name ?? ''} orphaned`,
        ).toBe(true);
      }
    }
    const deployments = await client.list('apps/v1', 'Deployment', { namespace: target.namespace });
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'svc0',
      'svc1',
      'svc2',
      'svc3',
      'svc4',
      'svc5',
    ]);
  });

  it('does not try to roll back in prod when the connection is lost, and leaves no revision pending', async () => {
    const ns = `shop-lost-${Date.now().toString(36)}`;
    const app = (image: string): ReturnType<typeof render.render> =>
      render.render({
        app: {
          ...spec(4),
          metadata: { name: 'lost' },
          spec: {
            namespace: ns,
            components: Object.fromEntries(
              Object.entries(spec(4).spec.components).map(([k, c]) => [k, { ...c, image: `${image}-${k}` }]),
            ),
          },
        },
        platform: model.defaultPlatform(),
        environment: 'prod',
      });
    const target = { app: 'lost', environment: 'prod', namespace: ns };
    const v1 = app('registry.example/lost:1');
    expect((await deploy.apply(client, target, v1.objects, { timeoutMs: 120_000 })).status).toBe('deployed');
    const steps: string[] = [];
    let applied = 0;
    let killed: Promise<void> | undefined;
    const v2 = app('registry.example/lost:2');
    const outcome = await deploy
      .apply(client, target, v2.objects, {
        concurrency: 1,
        rollbackOnFailure: true,
        onEvent: (e) => {
          if (e.kind === 'step') steps.push(e.message.id);
          if (e.kind === 'applied' && ++applied === 6 && killed === undefined) {
            killed = devcluster.killComponent({ name: NAME, component: 'kube-apiserver' });
          }
        },
      })
      .catch((e: unknown) => e);
    await killed;
    expect(outcome).toMatchObject({ code: expect.stringMatching(/CLUSTER_UNREACHABLE|TIMEOUT/) as unknown });
    // No rollback was attempted: it could only have failed, and left a half-written revision.
    expect(steps).not.toContain('deploy.step.rollingBack');
    await devcluster.startComponent({ name: NAME, component: 'kube-apiserver' });
    const history = await deploy.listRevisions(client, ns, 'lost');
    expect(history.map((h) => h.status)).toEqual(['deployed', 'interrupted']);
    const next = await deploy.apply(client, target, v2.objects, {
      timeoutMs: 120_000,
      rollbackOnFailure: true,
    });
    expect(next.status).toBe('deployed');
    expect((await deploy.listRevisions(client, ns, 'lost')).map((h) => h.status)).toEqual([
      'superseded',
      'interrupted',
      'deployed',
    ]);
  });

  it('keeps waiting for readiness across an API server restart, by watch', async () => {
    const ns = `shop-wait-${Date.now().toString(36)}`;
    const r = render.render({
      app: {
        ...spec(2),
        metadata: { name: 'wait' },
        spec: {
          namespace: ns,
          components: {
            svc0: { ...spec(1).spec.components['svc0']!, replicas: 3 },
            svc1: spec(2).spec.components['svc1']!,
          },
        },
      },
      platform: model.defaultPlatform(),
      environment: 'prod',
    });
    let restarted: Promise<void> | undefined;
    const result = await deploy.apply(
      client,
      { app: 'wait', environment: 'prod', namespace: ns },
      r.objects,
      {
        timeoutMs: 120_000,
        onEvent: (e) => {
          if (e.kind === 'step' && e.message.id === 'deploy.step.waiting' && restarted === undefined) {
            restarted = (async () => {
              await devcluster.killComponent({ name: NAME, component: 'kube-apiserver' });
              await sleep(2000);
              await devcluster.startComponent({ name: NAME, component: 'kube-apiserver' });
            })();
          }
        },
      },
    );
    await restarted;
    expect(result.failure === undefined ? '' : t('en', result.failure.reason)).toBe('');
    expect(result.status).toBe('deployed');
  });

  it('relists on 410 Gone after a restart with etcd compacted, and reports what changed meanwhile', async () => {
    const ns = `watch-gone-${Date.now().toString(36)}`;
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const cm = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: ns },
      data: { v: name },
    });
    await client.create(cm('kept'));
    await client.create(cm('removed-while-down'));
    const informer = new Informer(
      client,
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns },
      { maxBackoffMs: 500 },
    ).start();
    const events: string[] = [];
    informer.subscribe((e) => events.push(`${e.type} ${e.object.metadata.name ?? ''}`));
    try {
      await informer.synced;
      const rvBefore = informer.stats().resourceVersion ?? '';
      expect(informer.list().map((o) => o.metadata.name)).toEqual(
        expect.arrayContaining(['kept', 'removed-while-down']),
      );
      await devcluster.killComponent({ name: NAME, component: 'kube-apiserver' });
      // While the API server is down: a change straight in etcd (the informer cannot see it by
      // watch), then a compaction of etcd's history up to it.
      const key = Buffer.from(`/registry/configmaps/${ns}/removed-while-down`).toString('base64');
      const deleted = (await (
        await fetch(`${etcd}/v3/kv/deleterange`, { method: 'POST', body: JSON.stringify({ key }) })
      ).json()) as { header: { revision: string }; deleted?: string };
      expect(deleted.deleted).toBe('1');
      const compacted = await fetch(`${etcd}/v3/kv/compaction`, {
        method: 'POST',
        body: JSON.stringify({ revision: deleted.header.revision, physical: true }),
      });
      expect(compacted.ok).toBe(true);
      // Watching from the old version now is 410 Gone: the server says so, typed.
      await devcluster.startComponent({ name: NAME, component: 'kube-apiserver' });
      const gone = await (async () => {
        for await (const e of await client.watch('v1', 'ConfigMap', {
          namespace: ns,
          resourceVersion: rvBefore,
        }))
          void e;
      })().catch((e: unknown) => e);
      expect(isGone(gone)).toBe(true);
      // The informer relists by itself and reports the deletion it could not watch.
      for (let i = 0; i < 300 && !events.includes('DELETED removed-while-down'); i++) await sleep(100);
      expect(events).toContain('DELETED removed-while-down');
      expect(informer.stats().relistsAfterGone).toBeGreaterThanOrEqual(1);
      expect(informer.get('removed-while-down')).toBeUndefined();
      // And watches again from the new list: a change after the restart arrives by watch.
      const watchesBefore = informer.stats().watches;
      await client.create(cm('after-restart'));
      for (let i = 0; i < 100 && informer.get('after-restart') === undefined; i++) await sleep(50);
      expect(informer.get('after-restart')).toBeDefined();
      expect(informer.stats().lists).toBe(2);
      expect(informer.stats().watches).toBeGreaterThanOrEqual(watchesBefore);
    } finally {
      informer.stop();
    }
  });
});
