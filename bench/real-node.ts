/**
 * Benchmark of the real nodes: a cluster with one real node from nothing to Ready (binaries
 * cached), an image built from Debian packages (empty cache, cached packages, cached image), a
 * pod from create to Ready (image pulled first, then present), and the memory of containerd, the
 * kubelet, kube-proxy and CoreDNS with pods running. Runs on its own cluster ("bench-real").
 *
 *   npm run bench:real-node            (as root; figures printed and written to bench/results/)
 *
 * No peer tool runs here: kind, k3d and minikube need a container engine, and k3s's installer
 * downloads a release binary; both are out of reach on this machine (see docs/control-plane.md).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, loadClusterAccess, waitFor, writeFileAtomic, type KubeObject } from '@quai/core';
import * as devcluster from '@quai/devcluster';

const NAME = 'bench-real';
const results: Record<string, number | string> = {};

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function seconds(t: number): number {
  return Math.round((performance.now() - t) / 10) / 100;
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function pod(namespace: string, name: string, image: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'web',
          image,
          ports: [{ containerPort: 8080 }],
          readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            readOnlyRootFilesystem: true,
          },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };
}

async function podToReady(
  client: KubeClient,
  namespace: string,
  name: string,
  image: string,
): Promise<number> {
  const t = performance.now();
  await client.create(pod(namespace, name, image));
  await waitFor(
    async () => {
      const p = await client.tryGet<
        KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
      >({
        apiVersion: 'v1',
        kind: 'Pod',
        namespace,
        name,
      });
      return p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') || undefined;
    },
    { timeoutMs: 180_000, intervalMs: 100, what: `pod ${name} Ready` },
  );
  return seconds(t);
}

async function main(): Promise<void> {
  await devcluster.down({ name: NAME });
  // Binaries first, outside the timings (cached after the first build: build.sh node).
  await devcluster.up({ name: NAME, nodes: 0, realNodes: 1 });
  await devcluster.down({ name: NAME });

  let t = performance.now();
  const up = await devcluster.up({ name: NAME, nodes: 3, realNodes: 1 });
  results['cluster with 1 real node + 3 fake, from nothing to Ready (binaries cached), s'] = seconds(t);
  results['of which the real node (namespace, registry, containerd, kubelet, kube-proxy, CoreDNS), s'] =
    up.timings['real nodes'] ?? NaN;
  t = performance.now();
  await devcluster.up({ name: NAME, nodes: 3 });
  results['up on the running cluster (nothing to do), s'] = seconds(t);

  // An image from Debian packages: empty cache (every package downloaded), then a new recipe with
  // the packages cached, then the same recipe (the cached image).
  const emptyCache = await mkdtemp(join(tmpdir(), 'quai-bench-cache-'));
  t = performance.now();
  await devcluster.buildImage('nginx', { name: NAME, env: { ...process.env, QUAI_CACHE_DIR: emptyCache } });
  results['nginx image from Debian packages, empty cache, s'] = seconds(t);
  await rm(emptyCache, { recursive: true, force: true });
  const marker = `bench ${new Date().toISOString()}`;
  t = performance.now();
  await devcluster.buildImage(
    {
      repository: 'quai/bench-nginx',
      packages: ['nginx-light'],
      files: [{ path: 'etc/quai-bench', content: marker }],
      user: 'www-data',
      config: { cmd: ['nginx', '-g', 'daemon off;'] },
    },
    { name: NAME },
  );
  results['nginx image, new recipe, packages cached, s'] = seconds(t);
  t = performance.now();
  const nginx = await devcluster.clusterImage('nginx', { name: NAME });
  results['nginx image cached, pushed to the registry, s'] = seconds(t);

  const client = new KubeClient(
    await loadClusterAccess({ kubeconfig: await devcluster.kubeconfigPath({ name: NAME }) }),
    {
      qps: 100,
      burst: 200,
    },
  );
  try {
    const ns = 'bench';
    await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, annotations: devcluster.realNodeNamespaceAnnotations() },
    });
    await waitFor(
      () => client.tryGet({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: ns, name: 'default' }),
      {
        timeoutMs: 60_000,
        what: 'the default service account',
      },
    );
    results['pod create to Ready, image pulled first (38 MB), s'] = await podToReady(
      client,
      ns,
      'first',
      nginx.reference,
    );
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await podToReady(client, ns, `warm-${i}`, nginx.reference));
    results['pod create to Ready, image present (median of 5), s'] =
      [...warm].sort((a, b) => a - b)[2] ?? NaN;
    const status = await devcluster.status({ name: NAME });
    for (const component of ['containerd-1', 'kubelet-1', 'kube-proxy', 'coredns']) {
      const pid = status.components.find((c) => c.component === component)?.pid ?? 0;
      results[`${component} RSS with 6 pods, MiB`] = await rssMiB(pid);
    }
  } finally {
    client.close();
  }
  t = performance.now();
  await devcluster.down({ name: NAME });
  results['down (6 pods, real node, control plane), s'] = seconds(t);

  for (const [k, v] of Object.entries(results)) log(`${k}: ${v}`);
  await writeFileAtomic(
    join('bench', 'results', 'real-node.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine: '2 cores, shared', results }, null, 2)}\n`,
  );
}

await main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await devcluster.down({ name: NAME }).catch(() => undefined);
  process.exit(1);
});
