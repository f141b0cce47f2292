import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as devcluster from '@quai/devcluster';
import { parseYamlStream, type KubeClient, type KubeObject } from '@quai/core';

const METRICS_SERVER_VERSION = 'v0.8.0';
const KWOK_CRDS = 'kwok-crds-v0.8.0';

/** Nodes managed by the metrics KWOK carry this annotation value (the cluster's KWOK ignores them). */
export const METRICS_NODE_ANNOTATION = 'quai-metrics';
export const METRICS_NODE_LABEL = 'quai.dev/metrics-node';

function cacheDir(): string {
  return (
    process.env['QUAI_CACHE_DIR'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'quai')
  );
}

function testComponent(...parts: string[]): string {
  return join(cacheDir(), 'test-components', ...parts);
}

/** Builds metrics-server, Prometheus and copies KWOK's CRDs when missing (build.sh, cached). */
export function ensureCapacityComponents(): void {
  if (
    existsSync(testComponent(`metrics-server-${METRICS_SERVER_VERSION}`, 'metrics-server')) &&
    existsSync(testComponent(KWOK_CRDS, 'kwok.x-k8s.io_metrics.yaml'))
  ) {
    return;
  }
  execFileSync('bash', [join(dirname(fileURLToPath(import.meta.url)), 'build.sh')], { stdio: 'inherit' });
}

interface Proc {
  readonly child: ChildProcess;
  readonly log: string;
  readonly exited: Promise<void>;
}

function start(bin: string, args: readonly string[], dir: string, name: string): Proc {
  const log = join(dir, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, log, exited };
}

function tail(p: Proc): string {
  return existsSync(p.log) ? readFileSync(p.log, 'utf8').slice(-4000) : '';
}

async function stop(p: Proc): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await Promise.race([p.exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}

async function until<T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined>,
  proc?: Proc,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (proc !== undefined && proc.child.exitCode !== null)
      throw new Error(`${what}: the process exited\n${tail(proc)}`);
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError ?? '')}\n${proc ? tail(proc) : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The metrics pipeline of a real cluster, on KWOK: a KWOK of its own that manages the "metrics"
 * nodes and serves, per node, the kubelet's /metrics/resource endpoint from KWOK's Metric object,
 * with CPU and memory usage from KWOK's ClusterResourceUsage and ResourceUsage objects; and a real
 * metrics-server v0.8.0 that scrapes those endpoints and serves metrics.k8s.io through the API
 * server's aggregation layer (an APIService), exactly where the HPA controller and `quai
 * capacity` read it.
 */
export interface MetricsStack {
  /** The KWOK server's address: Prometheus scrapes the same endpoints. */
  readonly kwokAddress: string;
  /** Creates fake nodes that this KWOK manages and metrics-server scrapes. */
  createNodes(names: readonly string[], size: { cpu: string; memory: string; pods?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startMetricsStack(client: KubeClient, kubeconfig: string): Promise<MetricsStack> {
  ensureCapacityComponents();
  const versions = await devcluster.pinnedVersions();
  const binDir = devcluster.devClusterPaths(devcluster.DEFAULT_CLUSTER_NAME).binDir;
  const kwokBin = join(binDir, `kwok-${versions.kwok}`, 'kwok');
  const stagesDir = join(binDir, `kwok-${versions.kwok}`, 'stages');
  const dir = mkdtempSync(join(tmpdir(), 'quai-metrics-'));
  // KWOK's CRDs for metrics and usage, and the Metric that simulates kubelet's /metrics/resource.
  const crdDir = testComponent(KWOK_CRDS);
  for (const f of readdirSync(crdDir).filter((f) => f.startsWith('kwok.x-k8s.io_'))) {
    for (const doc of parseYamlStream(readFileSync(join(crdDir, f), 'utf8'), { file: f })) {
      await client.apply(doc as KubeObject, { fieldManager: 'quai-test-metrics', force: true });
    }
  }
  await until('KWOK CRDs to be established', 60_000, async () => {
    const crd = await client.tryGet({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: 'metrics.kwok.x-k8s.io',
    });
    const conditions =
      (crd?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    return conditions.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
  });
  const metric = parseYamlStream(readFileSync(join(crdDir, 'metrics-resource.yaml'), 'utf8'), {
    file: 'metrics-resource.yaml',
  })[0] as KubeObject;
  await client.apply(metric, { fieldManager: 'quai-test-metrics', force: true });

  // KWOK's stages for its nodes and their pods, as the local cluster uses them.
  const wanted = /^(node-fast-|node-heartbeat-with-lease-|pod-fast-)/;
  const stageFile = join(dir, 'stages.yaml');
  writeFileSync(
    stageFile,
    readdirSync(stagesDir)
      .filter((f) => wanted.test(f))
      .sort()
      .map((f) => readFileSync(join(stagesDir, f), 'utf8').trim())
      .join('\n---\n') + '\n',
  );
  const port = await devcluster.freePort();
  const kwok = start(
    kwokBin,
    [
      `--kubeconfig=${kubeconfig}`,
      `--config=${stageFile}`,
      '--manage-all-nodes=false',
      `--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=${METRICS_NODE_ANNOTATION}`,
      '--node-lease-duration-seconds=40',
      '--cidr=10.246.0.1/16',
      '--node-ip=127.0.0.1',
      `--node-port=${port}`,
      `--server-address=127.0.0.1:${port}`,
      '--enable-crds=Metric,ClusterResourceUsage,ResourceUsage',
    ],
    dir,
    'kwok',
  );
  await until(
    'the metrics KWOK to answer',
    60_000,
    async () => {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      return r?.ok ? true : undefined;
    },
    kwok,
  );

  // metrics-server, out of the cluster as KWOK's own tooling runs it, behind an APIService; it
  // reads the KWOK server's endpoints over plain HTTP.
  const metricsServer = await startMetricsServer(client, kubeconfig, dir, {
    nodeSelector: `${METRICS_NODE_LABEL}=true`,
    kubelet: ['--kubelet-use-node-status-port', '--deprecated-kubelet-completely-insecure'],
  });

  const created: string[] = [];
  return {
    kwokAddress: `127.0.0.1:${port}`,
    createNodes: async (names, size) => {
      for (const name of names) {
        const resources = { cpu: size.cpu, memory: size.memory, pods: String(size.pods ?? 110) };
        await client.create({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name,
            annotations: {
              'kwok.x-k8s.io/node': METRICS_NODE_ANNOTATION,
              'node.alpha.kubernetes.io/ttl': '0',
              // Where metrics-server reads this node's resource metrics on the KWOK server.
              'metrics.k8s.io/resource-metrics-path': `/metrics/nodes/${name}/metrics/resource`,
            },
            labels: {
              [METRICS_NODE_LABEL]: 'true',
              'kubernetes.io/hostname': name,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/arch': 'amd64',
              'topology.kubernetes.io/zone': 'metrics-a',
              type: 'kwok',
            },
          },
          spec: {},
          status: { allocatable: resources, capacity: resources },
        });
        created.push(name);
      }
      await until(
        'the metrics nodes to be ready',
        120_000,
        async () => {
          const nodes = await client.list('v1', 'Node', { labelSelector: `${METRICS_NODE_LABEL}=true` });
          const ready = nodes.filter((n) => {
            const status = n['status'] as { conditions?: { type: string; status: string }[] };
            const taints = ((n['spec'] as { taints?: { key: string }[] }).taints ?? []).map((t) => t.key);
            return (
              (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') &&
              !taints.some((k) => k.startsWith('node.kubernetes.io/'))
            );
          });
          return names.every((n) => ready.some((r) => r.metadata.name === n)) ? true : undefined;
        },
        kwok,
      );
    },
    stop: async () => {
      await metricsServer.stop();
      for (const name of created)
        await client.delete({ apiVersion: 'v1', kind: 'Node', name }).catch(() => undefined);
      await stop(kwok);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A running metrics-server. */
export interface MetricsServer {
  stop(): Promise<void>;
}

/**
 * A real metrics-server v0.8.0 out of the cluster, serving metrics.k8s.io through the API server's
 * aggregation layer (an APIService and its Service), for the nodes `nodeSelector` selects, with
 * `kubelet` telling it how to reach their kubelets.
 */
export async function startMetricsServer(
  client: KubeClient,
  kubeconfig: string,
  dir: string,
  options: { readonly nodeSelector: string; readonly kubelet: readonly string[] },
): Promise<MetricsServer> {
  ensureCapacityComponents();
  const msPort = await devcluster.freePort();
  const metricsServer = start(
    testComponent(`metrics-server-${METRICS_SERVER_VERSION}`, 'metrics-server'),
    [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${msPort}`,
      `--cert-dir=${join(dir, 'certs')}`,
      '--kubelet-preferred-address-types=InternalIP',
      ...options.kubelet,
      `--node-selector=${options.nodeSelector}`,
      '--metric-resolution=15s',
      '--kubelet-request-timeout=5s',
    ],
    dir,
    'metrics-server',
  );
  await client.apply(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: 'kube-system' },
      spec: { type: 'ExternalName', externalName: 'localhost', ports: [{ name: 'https', port: msPort }] },
    },
    { fieldManager: 'quai-test-metrics', force: true },
  );
  await client.apply(
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name: 'metrics-server', namespace: 'kube-system', port: msPort },
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
    { fieldManager: 'quai-test-metrics', force: true },
  );
  await until(
    'metrics.k8s.io to be served',
    120_000,
    async () => {
      const s = await client.tryGet({
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        name: 'v1beta1.metrics.k8s.io',
      });
      const conditions =
        (s?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
      return conditions.some((c) => c.type === 'Available' && c.status === 'True') ? true : undefined;
    },
    metricsServer,
  );

  return {
    stop: async () => {
      await client
        .delete({
          apiVersion: 'apiregistration.k8s.io/v1',
          kind: 'APIService',
          name: 'v1beta1.metrics.k8s.io',
        })
        .catch(() => undefined);
      await client
        .delete({ apiVersion: 'v1', kind: 'Service', namespace: 'kube-system', name: 'metrics-server' })
        .catch(() => undefined);
      await stop(metricsServer);
    },
  };
}
