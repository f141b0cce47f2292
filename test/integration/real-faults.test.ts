// Faults of the real node: containerd and the kubelet killed in the middle of a rollout and
// started again (`quai dev cluster up` restarts only what is down): pods come back and Quai
// reports the rollout as it went. And the control plane itself: the API server killed by pid,
// `up` brings it back on the same port with the same data.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, type AppSpec, type Component } from '@quai/contracts';
import { deploy, KubeClient, loadClusterAccess, model, render, type KubeObject } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { hasRealNode, realImage, realNamespace } from '../components/real-node.js';
import { deleteNamespace, testClient } from './helpers.js';

let client: KubeClient;
const namespaces: string[] = [];
let nginx: string;
const platform = model.defaultPlatform();

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
  if (hasRealNode()) nginx = await realImage('nginx');
}, 900_000);

afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client?.close();
});

function appSpec(namespace: string, image: string, replicas: number): AppSpec {
  const web: Component = {
    image,
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    replicas,
    probes: { readiness: { http: { path: '/', port: 'http' }, periodSeconds: 1 } },
  };
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name: 'shop' },
    spec: { namespace, components: { web } },
  };
}

function rendered(spec: AppSpec): { target: deploy.AppTarget; objects: readonly KubeObject[] } {
  const r = render.render({ app: spec, platform, environment: 'prod' });
  return {
    target: { app: spec.metadata.name, environment: 'prod', namespace: r.namespace },
    objects: r.objects,
  };
}

async function readyPods(namespace: string): Promise<number> {
  const pods = await client.list<
    KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
  >('v1', 'Pod', {
    namespace,
  });
  return pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .length;
}

describe.skipIf(!hasRealNode())('the real node under faults', () => {
  for (const component of ['containerd-1', 'kubelet-1'] as const) {
    it(`${component} killed in the middle of a rollout and started again: pods come back, the rollout is reported as it went`, async () => {
      const ns = await realNamespace(client, `quai-real-${component.replace('-1', '')}`);
      namespaces.push(ns);
      const spec = appSpec(ns, nginx, 3);
      const start = Date.now();
      // What the wait saw: a container whose start failed because the runtime was gone is waited
      // out (the kubelet tries again), not taken for a broken app.
      const seen = new Set<string>();
      const rollout = deploy.apply(client, rendered(spec).target, rendered(spec).objects, {
        timeoutMs: 180_000,
        onEvent: (e) => {
          if (e.kind !== 'progress') return;
          for (const s of e.states) {
            const text = textOf('en', s.readiness.message);
            for (const r of ['RunContainerError', 'CreateContainerError']) if (text.includes(r)) seen.add(r);
          }
        },
      });
      // Kill it once the first pod of the rollout runs.
      for (let i = 0; i < 200 && (await readyPods(ns)) === 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      await devcluster.killComponent({ component });
      expect((await devcluster.status()).state).toBe('degraded');
      await new Promise((r) => setTimeout(r, 3000));
      // `up` on a degraded cluster restarts only what is down.
      const before = await devcluster.status();
      const up = await devcluster.up({ nodes: 3 });
      expect(up.reused).toBe(true);
      const after = await devcluster.status();
      expect(after.state).toBe('running');
      for (const c of before.components.filter((x) => x.running)) {
        expect(after.components.find((x) => x.component === c.component)?.pid).toBe(c.pid);
      }
      const result = await rollout;
      expect(result.status, JSON.stringify(result.failure)).toBe('deployed');
      expect(await readyPods(ns)).toBe(3);
      process.stderr.write(
        `[real-faults] rollout with ${component} killed and restarted: ${((Date.now() - start) / 1000).toFixed(1)}s, runtime errors waited out: ${[...seen].join(', ') || 'none'}\n`,
      );
      // The pods answer after the restart: they were restored by the kubelet and containerd.
      const health = await deploy.status(client, rendered(spec).target);
      expect(health.healthy).toBe(true);
    }, 300_000);
  }
});

describe('a degraded control plane', () => {
  const NAME = 'restart';
  let own: KubeClient;

  beforeAll(async () => {
    await devcluster.down({ name: NAME });
    await devcluster.up({ name: NAME, nodes: 1 });
    own = new KubeClient(
      await loadClusterAccess({ kubeconfig: await devcluster.kubeconfigPath({ name: NAME }) }),
    );
  }, 600_000);

  afterAll(async () => {
    own?.close();
    await devcluster.down({ name: NAME });
  });

  it('the API server killed by pid: `up` restarts it alone, on the same port, with the same data', async () => {
    await own.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'survivor' } });
    const before = await devcluster.status({ name: NAME });
    const api = before.components.find((c) => c.component === 'kube-apiserver');
    expect(api?.running).toBe(true);
    process.kill(api?.pid ?? 0, 'SIGKILL');
    await expect
      .poll(async () => (await devcluster.status({ name: NAME })).state, { timeout: 10_000 })
      .toBe('degraded');
    const up = await devcluster.up({ name: NAME, nodes: 1 });
    expect(up.reused).toBe(true);
    expect(up.state.server).toBe(before.server);
    const after = await devcluster.status({ name: NAME });
    expect(after.state).toBe('running');
    for (const c of before.components.filter((x) => x.component !== 'kube-apiserver')) {
      expect(after.components.find((x) => x.component === c.component)?.pid).toBe(c.pid);
    }
    expect(after.components.find((x) => x.component === 'kube-apiserver')?.pid).not.toBe(api?.pid);
    expect(await own.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: 'survivor' })).toBeDefined();
    // The kubeconfig written before still works: same port, same certificates.
    const kubeconfig = readFileSync(await devcluster.kubeconfigPath({ name: NAME }), 'utf8');
    expect(kubeconfig).toContain(before.server ?? 'none');
    const v = await devcluster.pinnedVersions();
    const kubectl = `${devcluster.devClusterPaths(NAME).binDir}/kubernetes-${v.kubernetes}/kubectl`;
    expect(
      execFileSync(
        kubectl,
        [
          '--kubeconfig',
          await devcluster.kubeconfigPath({ name: NAME }),
          'get',
          'ns',
          'survivor',
          '-o',
          'name',
        ],
        {
          encoding: 'utf8',
        },
      ).trim(),
    ).toBe('namespace/survivor');
  });
});
