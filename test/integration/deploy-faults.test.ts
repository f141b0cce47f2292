// A real fault: the API server is killed in the middle of an apply, then started again. The next
// apply must complete and leave nothing orphaned. Runs on its own local cluster (not the shared
// one), so it is skipped when the tests use an external cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpec } from '@quai/contracts';
import { deploy, KubeClient, loadClusterAccess, model, render } from '@quai/core';
import * as devcluster from '@quai/devcluster';

const external = (process.env['QUAI_TEST_KUBECONFIG'] ?? '') !== '';
const NAME = 'faults';
let client: KubeClient;

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
    await devcluster.up({ name: NAME, nodes: 2 });
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
});
