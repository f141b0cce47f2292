/**
 * Benchmark of the local control plane: warm start-to-Ready with 3 and 500 fake nodes, then
 * 1,000 pods created directly and 1,000 replicas through a Deployment, until all are Running.
 * Runs on its own cluster ("bench"), never the one tests use.
 *
 *   npm run bench:control-plane            (figures printed and written to bench/results/)
 *
 * No peer tool runs here: kind, k3d and minikube need a container engine, and kwokctl's binary
 * runtime downloads release binaries; both are out of reach on this machine.
 */
import { readFile } from 'node:fs/promises';
import { KubeClient, loadClusterAccess, waitFor, writeFileAtomic, type KubeObject } from '@quai/core';
import * as devcluster from '@quai/devcluster';

const NAME = 'bench';
const results: Record<string, number | string> = {};

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const value = await fn();
  const s = Math.round((performance.now() - t) / 10) / 100;
  results[label] = s;
  log(`${label}: ${s}s`);
  return value;
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function countRunning(client: KubeClient, namespace: string): Promise<number> {
  const pods = await client.list<KubeObject & { status?: { phase?: string } }>('v1', 'Pod', { namespace });
  return pods.filter((p) => p.status?.phase === 'Running').length;
}

async function main(): Promise<void> {
  await devcluster.down({ name: NAME });
  // Binaries first, outside the timings (they are cached after the first build).
  await devcluster.up({ name: NAME, nodes: 0 });
  await devcluster.down({ name: NAME });

  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await devcluster.up({ name: NAME, nodes: 3 });
    starts.push((performance.now() - t) / 1000);
    await devcluster.down({ name: NAME });
  }
  results['warm start to Ready, 3 nodes (median of 3), s'] = Math.round(median(starts) * 100) / 100;
  log(`warm start, 3 nodes: ${starts.map((s) => s.toFixed(2)).join(', ')} s`);

  const up = await timed('warm start to Ready, 500 nodes, s', () =>
    devcluster.up({ name: NAME, nodes: 500 }),
  );
  const access = await loadClusterAccess({ kubeconfig: up.state.kubeconfig });
  const client = new KubeClient(access, { qps: 0, timeoutMs: 60_000 });
  try {
    const ns = 'bench-pods';
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    await waitFor(
      () => client.tryGet({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: ns, name: 'default' }),
      {
        timeoutMs: 60_000,
        what: 'default service account',
      },
    );
    const start = performance.now();
    const indexes = Array.from({ length: 1000 }, (_, i) => i);
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < indexes.length) {
          const i = next++;
          await client.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: `pod-${i}`, namespace: ns },
            spec: {
              containers: [
                {
                  name: 'c',
                  image: 'registry.example/app:1.0',
                  resources: { requests: { cpu: '10m', memory: '16Mi' } },
                },
              ],
            },
          });
        }
      }),
    );
    results['1,000 pods: all created, s'] = Math.round((performance.now() - start) / 10) / 100;
    await waitFor(async () => ((await countRunning(client, ns)) >= 1000 ? true : undefined), {
      timeoutMs: 600_000,
      intervalMs: 500,
      what: '1,000 Running pods',
    });
    results['1,000 pods: created and all Running, s'] = Math.round((performance.now() - start) / 10) / 100;
    log(`1,000 pods Running after ${String(results['1,000 pods: created and all Running, s'])}s`);

    await timed('Deployment of 1,000 replicas: all Ready, s', async () => {
      await client.apply(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'big', namespace: ns },
          spec: {
            replicas: 1000,
            selector: { matchLabels: { app: 'big' } },
            template: {
              metadata: { labels: { app: 'big' } },
              spec: {
                containers: [
                  {
                    name: 'c',
                    image: 'registry.example/app:1.0',
                    resources: { requests: { cpu: '10m', memory: '16Mi' } },
                  },
                ],
              },
            },
          },
        },
        { fieldManager: 'quai-bench' },
      );
      await waitFor(
        async () => {
          const d = await client.get<KubeObject & { status?: { readyReplicas?: number } }>({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: ns,
            name: 'big',
          });
          return (d.status?.readyReplicas ?? 0) >= 1000 ? true : undefined;
        },
        { timeoutMs: 900_000, intervalMs: 500, what: '1,000 ready replicas' },
      );
    });
    for (const p of up.state.processes) {
      results[`RSS of ${p.component} with 500 nodes and 2,000 pods, MiB`] = await rssMiB(p.pid);
    }
  } finally {
    client.close();
    await devcluster.down({ name: NAME });
  }
  const record = {
    date: new Date().toISOString(),
    machine: `${(await import('node:os')).cpus().length} cores`,
    versions: up.state.versions,
    results,
  };
  await writeFileAtomic(
    new URL('./results/control-plane.json', import.meta.url).pathname,
    `${JSON.stringify(record, null, 2)}\n`,
  );
  process.stdout.write('| measure | value |\n| --- | --- |\n');
  for (const [k, v] of Object.entries(results)) process.stdout.write(`| ${k} | ${v} |\n`);
}

await main();
