import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { msg, type Message } from '@quai/contracts';
import { KubeClient, parseYaml, QuaiError, writeFileAtomic, type KubeObject } from '@quai/core';
import {
  binariesFor,
  ensureBinaries,
  ensureNodeBinaries,
  pinnedVersions,
  type Binaries,
} from './binaries.js';
import { countReadyNodes, createNodes, DEFAULT_NODE_SIZE, type NodeCounts, type NodeSize } from './nodes.js';
import { MAX_REAL_NODES, nodeAddress, SERVICE_CIDR } from './network.js';
import { checkRealNodePrerequisites } from './prerequisites.js';
import {
  deleteRealPods,
  exposeForward,
  prepareRealNodesRestart,
  startRealNodes,
  stopRealNodes,
  waitRealPodsGone,
  type RealNodesState,
} from './realnodes.js';
import { ASSETS_DIR, devClusterPaths, type DevClusterPaths, type Versions } from './paths.js';
import { CLIENTS, createPki, pkiAt, type ClientName } from './pki.js';
import { freePort, isOurs, stopProcesses, waitExited, type ProcessRecord } from './processes.js';
import {
  accessFor,
  componentFailed,
  httpOk,
  kubeconfigYaml,
  launch,
  waitReady,
  type Starter,
} from './runtime.js';

export const DEFAULT_CLUSTER_NAME = 'quai';
const SERVICE_IP = '10.96.0.1';
/** kube-apiserver needs a non-loopback address to advertise; nothing ever connects to it. */
const ADVERTISE_ADDRESS = '10.10.10.10';
const MAX_NODES = 5000;

/** What `up` records so that any later command (or another process) can find the cluster. */
export interface DevClusterState {
  readonly version: 1;
  readonly name: string;
  readonly createdAt: string;
  readonly versions: Versions;
  readonly server: string;
  readonly kubeconfig: string;
  readonly logsDir: string;
  readonly ports: Readonly<Record<string, number>>;
  readonly nodes: number;
  readonly nodeSize: NodeSize;
  readonly processes: readonly ProcessRecord[];
  /** Real nodes, when the cluster has any (`up --real-nodes N`). */
  readonly realNodes?: RealNodesState;
  /** The API server was started able to talk to kubelets (client certificate, Node authorizer). */
  readonly kubeletReady?: boolean;
}

export type ProgressEvent =
  | { readonly kind: 'step'; readonly message: Message }
  /** A line of a build tool's own output, shown as it is. */
  | { readonly kind: 'build'; readonly line: string }
  | { readonly kind: 'done'; readonly message: Message; readonly seconds: number };

interface CommonOptions {
  readonly name?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface UpOptions extends CommonOptions {
  /** Fake nodes to have (default 3). A running cluster with fewer gets more. */
  readonly nodes?: number;
  readonly nodeSize?: NodeSize;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly signal?: AbortSignal;
  /** Time limit for each component to become ready, in milliseconds (default 120 s). */
  readonly startTimeoutMs?: number;
  /**
   * Real nodes (containerd, kubelet) next to the fake ones. Unset keeps what a running cluster
   * has (none for a new one); 0 on a cluster with real nodes is refused (restart it instead).
   */
  readonly realNodes?: number;
  /** Taint real nodes so that only pods that tolerate quai.dev/real-node land there (default true). */
  readonly realNodeTaint?: boolean;
  /** Where the registry of the real nodes stores images (default: the cluster's data folder). */
  readonly registryDir?: string;
}

export interface UpResult {
  readonly state: DevClusterState;
  /** True when a healthy running cluster was reused. */
  readonly reused: boolean;
  /** Seconds spent in each phase. */
  readonly timings: Readonly<Record<string, number>>;
}

export interface ComponentStatus {
  readonly component: string;
  readonly pid: number;
  readonly running: boolean;
  readonly log: string;
}

export interface DevClusterStatus {
  readonly name: string;
  readonly state: 'running' | 'degraded' | 'stopped';
  readonly server?: string;
  readonly kubeconfig?: string;
  readonly versions?: Versions;
  readonly components: readonly ComponentStatus[];
  readonly apiserverReady: boolean;
  /** Every node of the cluster, then fake (KWOK) and real (kubelet) nodes apart. */
  readonly nodes?: NodeCounts['all'];
  readonly fakeNodes?: NodeCounts['fake'];
  readonly realNodes?: NodeCounts['real'] & {
    /** Pods reach the host's exposed ports and the nodes at this address. */
    readonly address: string;
    readonly registry: string;
    readonly network: string;
  };
}

function clusterName(options: CommonOptions): string {
  const name = options.name ?? DEFAULT_CLUSTER_NAME;
  if (!/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(name)) {
    throw new QuaiError('USAGE', msg('devcluster.badName', { name }), {
      hint: msg('devcluster.badNameHint'),
    });
  }
  return name;
}

async function readState(paths: DevClusterPaths): Promise<DevClusterState | undefined> {
  try {
    return JSON.parse(await readFile(paths.stateFile, 'utf8')) as DevClusterState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new QuaiError(
      'DEVCLUSTER_START_FAILED',
      msg('devcluster.stateUnreadable', { file: paths.stateFile }),
      {
        hint: msg('devcluster.stateUnreadableHint', { logs: paths.logsDir, folder: paths.clusterDir }),
        cause: error,
      },
    );
  }
}

/** Takes the cluster's lock (a folder: atomic to create); a dead holder's lock is taken over. */
async function withLock<T>(
  paths: DevClusterPaths,
  signal: AbortSignal | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  await mkdir(paths.clusterDir, { recursive: true });
  const owner = join(paths.lockDir, 'pid');
  for (let waited = 0; ; waited += 500) {
    try {
      await mkdir(paths.lockDir);
      await writeFile(owner, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(owner, 'utf8').catch(() => '')) || NaN);
      let alive = false;
      try {
        if (Number.isInteger(pid)) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
      if (!alive && waited >= 1000) {
        await rm(paths.lockDir, { recursive: true, force: true });
        continue;
      }
      if (waited > 30 * 60_000) {
        throw new QuaiError(
          'DEVCLUSTER_START_FAILED',
          msg('devcluster.locked', { pid, lock: paths.lockDir }),
          { hint: msg('devcluster.lockedHint') },
        );
      }
      signal?.throwIfAborted();
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(paths.lockDir, { recursive: true, force: true });
  }
}

/** KWOK's default StorageClass: PVCs of it are bound by KWOK's volume stages, like a real provisioner. */
async function createStorageClass(client: KubeClient, binaries: Binaries): Promise<void> {
  const file = join(binaries.stagesDir, 'volume-fast-storage-class.yaml');
  if (!existsSync(file)) return;
  const object = parseYaml(await readFile(file, 'utf8'), { file }) as KubeObject;
  await client.apply(object, { fieldManager: 'quai-devcluster' });
}

/** Where Quai's own KWOK stages live (pods that never become ready, crash loops). */
const QUAI_STAGES = join(ASSETS_DIR, 'stages');

/** KWOK's fast pod-ready stage, made to skip pods that Quai's simulation stages handle. */
function withoutSimulatedPods(text: string, file: string): string {
  const stage = parseYaml(text, { file }) as { spec: { selector: { matchExpressions: unknown[] } } };
  stage.spec.selector.matchExpressions.push({
    key: '.metadata.annotations["quai.dev/simulate"]',
    operator: 'DoesNotExist',
  });
  return stringify(stage);
}

async function stageConfig(binaries: Binaries): Promise<string> {
  // Fast pod stages (Running and Ready at once, Jobs complete), node initialise and heartbeat
  // with leases (so the node lifecycle controller never marks them NotReady), volume binding,
  // and Quai's simulation stages.
  const wanted = /^(node-fast-|node-heartbeat-with-lease-|pod-fast-|volume-fast-(pv|pvc)-)/;
  const files = (await readdir(binaries.stagesDir)).filter((f) => wanted.test(f)).sort();
  const docs: string[] = [];
  for (const f of files) {
    const text = await readFile(join(binaries.stagesDir, f), 'utf8');
    docs.push(f === 'pod-fast-pod-ready.yaml' ? withoutSimulatedPods(text, f) : text);
  }
  for (const f of (await readdir(QUAI_STAGES)).filter((n) => n.endsWith('.yaml')).sort()) {
    docs.push(await readFile(join(QUAI_STAGES, f), 'utf8'));
  }
  return docs.map((d) => d.trim()).join('\n---\n') + '\n';
}

function kwokArgs(paths: DevClusterPaths, stageFile: string, kwokPort: number): string[] {
  return [
    `--kubeconfig=${join(paths.pkiDir, `${CLIENTS.kwok.file}.kubeconfig`)}`,
    `--config=${stageFile}`,
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    '--node-lease-duration-seconds=40',
    '--cidr=10.244.0.1/16',
    `--node-ip=${ADVERTISE_ADDRESS}`,
    `--server-address=127.0.0.1:${kwokPort}`,
  ];
}

/** Restarts KWOK alone when its stage configuration changed (a newer Quai); the rest keeps running. */
async function refreshKwok(
  paths: DevClusterPaths,
  state: DevClusterState,
  progress: (e: ProgressEvent) => void,
  signal?: AbortSignal,
): Promise<DevClusterState> {
  const binaries = binariesFor(paths, state.versions);
  const stageFile = join(paths.pkiDir, 'kwok-stages.yaml');
  const wanted = await stageConfig(binaries);
  const current = await readFile(stageFile, 'utf8').catch(() => '');
  if (current === wanted) return state;
  progress({ kind: 'step', message: msg('devcluster.progress.stages') });
  await writeFile(stageFile, wanted);
  const old = state.processes.filter((p) => p.component === 'kwok');
  await stopProcesses(old);
  // The old KWOK holds the node leases for 40 s; free them so the new one takes over at once.
  const client = await adminClient(paths, state);
  try {
    for (const lease of await client.list('coordination.k8s.io/v1', 'Lease', {
      namespace: 'kube-node-lease',
    })) {
      if (lease.metadata.name?.startsWith('quai-node-')) {
        await client.delete({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          namespace: 'kube-node-lease',
          name: lease.metadata.name,
        });
      }
    }
  } finally {
    client.close();
  }
  const kwokPort = state.ports['kwok'] ?? (await freePort());
  const starter: Starter = { records: [], exited: new Map() };
  const kwok = launch(starter, paths, 'kwok', binaries.kwok, kwokArgs(paths, stageFile, kwokPort));
  await waitReady(
    starter,
    kwok,
    'serving',
    () => httpOk(`http://127.0.0.1:${kwokPort}/healthz`),
    60_000,
    signal,
  );
  return { ...state, processes: [...state.processes.filter((p) => p.component !== 'kwok'), kwok] };
}

/**
 * Brings the local control plane up (or reuses a healthy one): builds missing binaries, makes
 * certificates, starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and KWOK on
 * free loopback ports, creates fake nodes and waits until they are Ready. On any failure or
 * Ctrl-C, everything it started is stopped again.
 */
export async function up(options: UpOptions = {}): Promise<UpResult> {
  const name = clusterName(options);
  const env = options.env ?? process.env;
  const paths = devClusterPaths(name, env);
  const nodes = options.nodes ?? 3;
  if (!Number.isInteger(nodes) || nodes < 0 || nodes > MAX_NODES) {
    throw new QuaiError('USAGE', msg('devcluster.badNodeCount', { count: String(nodes) }), {
      hint: msg('devcluster.countHint', { max: MAX_NODES }),
    });
  }
  const realNodes = options.realNodes;
  if (
    realNodes !== undefined &&
    (!Number.isInteger(realNodes) || realNodes < 0 || realNodes > MAX_REAL_NODES)
  ) {
    throw new QuaiError('USAGE', msg('devcluster.badRealNodeCount', { count: String(realNodes) }), {
      hint: msg('devcluster.countHint', { max: MAX_REAL_NODES }),
    });
  }
  // What real nodes need is checked before anything starts or stops.
  if ((realNodes ?? 0) > 0) checkRealNodePrerequisites(env);
  const taint = options.realNodeTaint ?? true;
  const nodeSize = options.nodeSize ?? DEFAULT_NODE_SIZE;
  const progress = options.onProgress ?? (() => undefined);
  const signal = options.signal;
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  let mark = t0;
  const lap = (phase: string): void => {
    const now = performance.now();
    timings[phase] = Math.round(now - mark) / 1000;
    mark = now;
  };

  const reuse = async (existing: DevClusterState): Promise<UpResult> => {
    const have = existing.realNodes?.count ?? 0;
    if (realNodes !== undefined && have > 0 && realNodes !== have) {
      throw new QuaiError('USAGE', msg('devcluster.realNodesChange', { name, count: have }), {
        hint: msg('devcluster.restartHint', { count: realNodes }),
      });
    }
    if ((realNodes ?? 0) > 0 && have === 0 && existing.kubeletReady !== true) {
      throw new QuaiError('USAGE', msg('devcluster.olderCluster', { name }), {
        hint: msg('devcluster.restartHint', { count: realNodes ?? 1 }),
      });
    }
    const client = await adminClient(paths, existing);
    const starter: Starter = { records: [], exited: new Map() };
    let real: RealNodesState | undefined;
    try {
      if (nodes > existing.nodes) {
        progress({
          kind: 'step',
          message: msg('devcluster.progress.addingNodes', { from: existing.nodes, to: nodes }),
        });
        await createNodes(client, nodes, existing.nodeSize, signal);
      }
      await createStorageClass(client, binariesFor(paths, existing.versions));
      let state: DevClusterState = await refreshKwok(paths, existing, progress, signal);
      const want = Math.max(nodes, existing.nodes);
      await waitNodesReady(client, want, progress, timeoutMs, signal);
      state = { ...state, nodes: want };
      if ((realNodes ?? 0) > 0 && have === 0) {
        const nodeBinaries = await ensureNodeBinaries({
          paths,
          versions: state.versions,
          env,
          onLine: (line) => progress({ kind: 'build', line }),
          ...(signal ? { signal } : {}),
        });
        real = await startRealNodes({
          paths,
          binaries: nodeBinaries,
          starter,
          admin: client,
          server: state.server,
          apiPort: state.ports['apiserver'] ?? 0,
          count: realNodes ?? 0,
          taint,
          ...(options.registryDir !== undefined ? { registryDir: options.registryDir } : {}),
          progress: (message) => progress({ kind: 'step', message }),
          timeoutMs,
          ...(signal ? { signal } : {}),
          onState: async (r) => {
            real = r;
            await writeFileAtomic(
              paths.stateFile,
              JSON.stringify(
                { ...state, realNodes: r, processes: [...state.processes, ...starter.records] },
                null,
                2,
              ),
            );
          },
        });
        state = { ...state, realNodes: real, processes: [...state.processes, ...starter.records] };
      }
      await writeFileAtomic(paths.stateFile, JSON.stringify(state, null, 2));
      lap('reuse');
      return { state, reused: true, timings };
    } catch (error) {
      if (real !== undefined) {
        await stopRealNodes(paths, real, starter.records);
        await writeFileAtomic(paths.stateFile, JSON.stringify(existing, null, 2));
      }
      throw error;
    } finally {
      client.close();
    }
  };

  return withLock(paths, signal, async () => {
    let existing = await readState(paths);
    if (existing !== undefined) {
      let current = await statusOf(paths, existing);
      if (current.state !== 'running' && canRestart(paths, existing)) {
        // Degraded (a component died) or stopped (the machine restarted): start again only
        // what is down, on the same data, ports and addresses.
        existing = await restartDown(paths, existing, progress, timeoutMs, signal);
        current = await statusOf(paths, existing);
        lap('restart');
      }
      if (current.state === 'running') {
        progress({
          kind: 'step',
          message: msg('devcluster.progress.reusing', { name, server: existing.server }),
        });
        return await reuse(existing);
      }
      progress({
        kind: 'step',
        message: msg('devcluster.progress.cleaningBroken', { name }),
      });
      await stopAndClean(paths, existing);
    }

    const versions = await pinnedVersions(env);
    progress({
      kind: 'step',
      message: msg('devcluster.progress.versions', {
        kubernetes: versions.kubernetes,
        etcd: versions.etcd,
        kwok: versions.kwok,
      }),
    });
    const binaries = await ensureBinaries({
      paths,
      versions,
      env,
      onLine: (line) => progress({ kind: 'build', line }),
      ...(signal ? { signal } : {}),
    });
    const nodeBinaries =
      (realNodes ?? 0) > 0
        ? await ensureNodeBinaries({
            paths,
            versions,
            env,
            onLine: (line) => progress({ kind: 'build', line }),
            ...(signal ? { signal } : {}),
          })
        : undefined;
    lap('binaries');

    await rm(paths.dataDir, { recursive: true, force: true });
    await rm(paths.pkiDir, { recursive: true, force: true });
    await rm(paths.logsDir, { recursive: true, force: true });
    await mkdir(paths.logsDir, { recursive: true });
    await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
    progress({ kind: 'step', message: msg('devcluster.progress.certificates') });
    const pki = await createPki(paths.pkiDir, SERVICE_IP);
    lap('pki');

    const [etcdPort, etcdPeerPort, apiPort, kwokPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const ports = { etcd: etcdPort, etcdPeer: etcdPeerPort, apiserver: apiPort, kwok: kwokPort };
    const server = `https://127.0.0.1:${apiPort}`;
    const starter: Starter = { records: [], exited: new Map() };
    let real: RealNodesState | undefined;
    const saveState = async (nodeCount: number): Promise<DevClusterState> => {
      const state: DevClusterState = {
        version: 1,
        name,
        createdAt: new Date().toISOString(),
        versions,
        server,
        kubeconfig: paths.kubeconfig,
        logsDir: paths.logsDir,
        ports,
        nodes: nodeCount,
        nodeSize,
        processes: [...starter.records],
        kubeletReady: true,
        ...(real !== undefined ? { realNodes: real } : {}),
      };
      await writeFileAtomic(paths.stateFile, JSON.stringify(state, null, 2));
      return state;
    };

    const componentKubeconfig = async (client: ClientName): Promise<string> => {
      const file = join(paths.pkiDir, `${CLIENTS[client].file}.kubeconfig`);
      const files = pki.cert(client);
      await writeFile(
        file,
        kubeconfigYaml(server, Buffer.alloc(0), CLIENTS[client].commonName, {
          certFile: files.cert,
          keyFile: files.key,
          caFile: pki.caCert,
        }),
        { mode: 0o600 },
      );
      return file;
    };

    let admin: KubeClient | undefined;
    try {
      progress({ kind: 'step', message: msg('devcluster.progress.etcd', { port: etcdPort }) });
      const etcd = launch(starter, paths, 'etcd', binaries.etcd, [
        '--name=quai',
        `--data-dir=${join(paths.dataDir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=quai=http://127.0.0.1:${etcdPeerPort}`,
        '--unsafe-no-fsync',
        '--quota-backend-bytes=8589934592',
        '--log-level=warn',
      ]);
      await saveState(0);
      await waitReady(
        starter,
        etcd,
        'healthy',
        () => httpOk(`http://127.0.0.1:${etcdPort}/health`),
        timeoutMs,
        signal,
      );
      lap('etcd');

      progress({ kind: 'step', message: msg('devcluster.progress.apiserver', { server }) });
      const apiserver = launch(starter, paths, 'kube-apiserver', binaries.kubeApiserver, [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--advertise-address=${ADVERTISE_ADDRESS}`,
        `--cert-dir=${join(paths.dataDir, 'apiserver-certs')}`,
        `--tls-cert-file=${pki.serverCert}`,
        `--tls-private-key-file=${pki.serverKey}`,
        `--client-ca-file=${pki.caCert}`,
        `--service-account-key-file=${pki.serviceAccountPub}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        // Node: kubelets of real nodes see their own pods and secrets only.
        '--authorization-mode=Node,RBAC',
        // PodNodeSelector and PodTolerationRestriction: a namespace annotated for real nodes sends
        // all its pods there (see docs/control-plane.md).
        '--enable-admission-plugins=NodeRestriction,PodNodeSelector,PodTolerationRestriction',
        `--kubelet-client-certificate=${pki.cert('kubeletClient').cert}`,
        `--kubelet-client-key=${pki.cert('kubeletClient').key}`,
        '--kubelet-preferred-address-types=InternalIP',
        '--allow-privileged=true',
        '--profiling=false',
        '--endpoint-reconciler-type=none',
        '--max-requests-inflight=800',
        '--max-mutating-requests-inflight=400',
        // The aggregation layer, as kubeadm sets it up: extension API servers (metrics-server for
        // metrics.k8s.io) trust the user the API server forwards in these headers.
        `--requestheader-client-ca-file=${pki.caCert}`,
        `--requestheader-allowed-names=${CLIENTS.frontProxy.commonName}`,
        '--requestheader-username-headers=X-Remote-User',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        `--proxy-client-cert-file=${pki.cert('frontProxy').cert}`,
        `--proxy-client-key-file=${pki.cert('frontProxy').key}`,
        '--v=1',
      ]);
      await saveState(0);
      const probeClient = new KubeClient(await accessFor(pki, server, 'admin'), {
        retries: 0,
        qps: 0,
        timeoutMs: 3000,
      });
      try {
        await waitReady(
          starter,
          apiserver,
          'ready',
          async () =>
            await probeClient.request<string>({ path: '/readyz' }).then(
              () => true,
              () => false,
            ),
          timeoutMs,
          signal,
        );
      } finally {
        probeClient.close();
      }
      lap('kube-apiserver');

      progress({ kind: 'step', message: msg('devcluster.progress.controllers') });
      const kcmKubeconfig = await componentKubeconfig('controllerManager');
      const schedulerKubeconfig = await componentKubeconfig('scheduler');
      const kcm = launch(starter, paths, 'kube-controller-manager', binaries.kubeControllerManager, [
        `--kubeconfig=${kcmKubeconfig}`,
        `--authentication-kubeconfig=${kcmKubeconfig}`,
        `--authorization-kubeconfig=${kcmKubeconfig}`,
        '--secure-port=0',
        '--leader-elect=false',
        '--use-service-account-credentials=true',
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--kube-api-qps=200',
        '--kube-api-burst=400',
        '--concurrent-deployment-syncs=10',
        '--concurrent-replicaset-syncs=10',
        '--v=1',
      ]);
      const scheduler = launch(starter, paths, 'kube-scheduler', binaries.kubeScheduler, [
        `--kubeconfig=${schedulerKubeconfig}`,
        `--authentication-kubeconfig=${schedulerKubeconfig}`,
        `--authorization-kubeconfig=${schedulerKubeconfig}`,
        '--secure-port=0',
        '--leader-elect=false',
        '--kube-api-qps=200',
        '--kube-api-burst=400',
        '--v=1',
      ]);
      const stageFile = join(paths.pkiDir, 'kwok-stages.yaml');
      await writeFile(stageFile, await stageConfig(binaries));
      await componentKubeconfig('kwok');
      const kwok = launch(starter, paths, 'kwok', binaries.kwok, kwokArgs(paths, stageFile, kwokPort));
      await saveState(0);

      admin = new KubeClient(await accessFor(pki, server, 'admin'), { qps: 200, burst: 400 });
      const adminClientRef = admin;
      await writeFileAtomic(
        paths.kubeconfig,
        kubeconfigYaml(server, await readFile(pki.caCert), 'quai-admin', {
          cert: await readFile(pki.cert('admin').cert),
          key: await readFile(pki.cert('admin').key),
        }),
        0o600,
      );
      // The controller-manager is at work once the default namespace has its service account.
      await waitReady(
        starter,
        kcm,
        'creating service accounts',
        async () =>
          (await adminClientRef.tryGet({
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            namespace: 'default',
            name: 'default',
          })) !== undefined,
        timeoutMs,
        signal,
      );
      await waitReady(
        starter,
        kwok,
        'serving',
        () => httpOk(`http://127.0.0.1:${kwokPort}/healthz`),
        timeoutMs,
        signal,
      );
      for (const r of [scheduler]) {
        const exit = starter.exited.get(r.component);
        if (exit !== undefined)
          throw await componentFailed(r, msg('devcluster.component.exitedStarting', { exit }));
      }
      lap('controllers');

      await createStorageClass(admin, binaries);
      progress({ kind: 'step', message: msg('devcluster.progress.creatingNodes', { count: nodes }) });
      await createNodes(admin, nodes, nodeSize, signal);
      await waitNodesReady(admin, nodes, progress, timeoutMs, signal);
      lap('nodes');
      if (nodeBinaries !== undefined && (realNodes ?? 0) > 0) {
        await startRealNodes({
          paths,
          binaries: nodeBinaries,
          starter,
          admin,
          server,
          apiPort,
          count: realNodes ?? 0,
          taint,
          ...(options.registryDir !== undefined ? { registryDir: options.registryDir } : {}),
          progress: (message) => progress({ kind: 'step', message }),
          timeoutMs,
          ...(signal ? { signal } : {}),
          onState: async (r) => {
            real = r;
            await saveState(nodes);
          },
        });
        lap('real nodes');
      }
      const state = await saveState(nodes);
      const total = Math.round(performance.now() - t0) / 1000;
      progress({ kind: 'done', message: msg('devcluster.progress.up', { name, server }), seconds: total });
      return { state, reused: false, timings };
    } catch (error) {
      if (real !== undefined) await stopRealNodes(paths, real, starter.records);
      await stopProcesses(starter.records, 5_000);
      await rm(paths.stateFile, { force: true });
      await rm(paths.dataDir, { recursive: true, force: true });
      if (signal?.aborted) {
        throw new QuaiError('INTERRUPTED', msg('devcluster.interrupted'), { cause: error });
      }
      throw error;
    } finally {
      admin?.close();
    }
  });
}

async function waitNodesReady(
  client: KubeClient,
  want: number,
  progress: (e: ProgressEvent) => void,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + Math.max(timeoutMs, want * 200);
  let last = -1;
  for (;;) {
    signal?.throwIfAborted();
    const { ready } = (await countReadyNodes(client, signal)).fake;
    if (ready !== last) {
      progress({ kind: 'step', message: msg('devcluster.progress.fakeReady', { ready, want }) });
      last = ready;
    }
    if (ready >= want) return;
    if (Date.now() > deadline) {
      throw new QuaiError(
        'DEVCLUSTER_START_FAILED',
        msg('devcluster.fakeNodesNotReady', { ready, count: want }),
        { hint: msg('devcluster.fakeNodesNotReadyHint') },
      );
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function adminClient(paths: DevClusterPaths, state: DevClusterState): Promise<KubeClient> {
  return new KubeClient(await accessFor(pkiAt(paths.pkiDir), state.server, 'admin'), {
    qps: 200,
    burst: 400,
    retries: 1,
    timeoutMs: 5000,
  });
}

async function statusOf(paths: DevClusterPaths, state: DevClusterState): Promise<DevClusterStatus> {
  const components: ComponentStatus[] = [];
  for (const p of state.processes) {
    components.push({ component: p.component, pid: p.pid, running: await isOurs(p), log: p.log });
  }
  let apiserverReady = false;
  let counts: NodeCounts | undefined;
  if (components.some((c) => c.component === 'kube-apiserver' && c.running) && existsSync(paths.pkiDir)) {
    const client = await adminClient(paths, state);
    try {
      apiserverReady = await client.request({ path: '/readyz' }).then(
        () => true,
        () => false,
      );
      if (apiserverReady) counts = await countReadyNodes(client).catch(() => undefined);
    } finally {
      client.close();
    }
  }
  // Every component the cluster started must run: the control plane, and the real nodes' own.
  const allUp = components.length > 0 && components.every((c) => c.running);
  const real = state.realNodes;
  return {
    name: state.name,
    state: allUp && apiserverReady ? 'running' : components.some((c) => c.running) ? 'degraded' : 'stopped',
    server: state.server,
    kubeconfig: state.kubeconfig,
    versions: state.versions,
    components,
    apiserverReady,
    ...(counts === undefined ? {} : { nodes: counts.all, fakeNodes: counts.fake }),
    ...(counts !== undefined && real !== undefined
      ? {
          realNodes: {
            ...counts.real,
            address: nodeAddress(real.network, 1),
            registry: `127.0.0.1:${real.registry.port}`,
            network: real.network.netns,
          },
        }
      : {}),
  };
}

/** Whether a stopped or degraded cluster can start again on its own data and certificates. */
function canRestart(paths: DevClusterPaths, state: DevClusterState): boolean {
  return (
    existsSync(join(paths.dataDir, 'etcd')) &&
    existsSync(pkiAt(paths.pkiDir).caKey) &&
    state.processes.every((p) => p.args !== undefined)
  );
}

/** Probes that say a restarted component serves again (others are checked by the node waits). */
function restartProbe(
  paths: DevClusterPaths,
  state: DevClusterState,
  component: string,
): (() => Promise<boolean>) | undefined {
  if (component === 'etcd') return () => httpOk(`http://127.0.0.1:${state.ports['etcd'] ?? 0}/health`);
  if (component === 'kube-apiserver') {
    return async () => {
      const client = await adminClient(paths, state);
      try {
        return await client.request({ path: '/readyz' }).then(
          () => true,
          () => false,
        );
      } finally {
        client.close();
      }
    };
  }
  if (component === 'registry' && state.realNodes !== undefined) {
    return () => httpOk(`http://127.0.0.1:${state.realNodes?.registry.port ?? 0}/v2/`);
  }
  return undefined;
}

/**
 * Starts again, in their first order and with their recorded arguments, the components that
 * are down; the rest keeps running. The real nodes' namespace and cgroups are made again
 * first when they are gone (after a reboot). A component that cannot start is reported with
 * its log; nothing is deleted.
 */
async function restartDown(
  paths: DevClusterPaths,
  state: DevClusterState,
  progress: (e: ProgressEvent) => void,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<DevClusterState> {
  const down: ProcessRecord[] = [];
  for (const p of state.processes) if (!(await isOurs(p))) down.push(p);
  progress({
    kind: 'step',
    message: msg('devcluster.progress.restarting', { components: down.map((p) => p.component).join(', ') }),
  });
  if (state.realNodes !== undefined) await prepareRealNodesRestart(paths, state.realNodes);
  const starter: Starter = { records: [], exited: new Map() };
  const replaced = new Map<string, ProcessRecord>();
  for (const old of down) {
    // Killed a moment ago, it may still hold its port: started now, the new one would find it taken.
    await waitExited(old.pid);
    const started = launch(starter, paths, old.component, old.binary, old.args ?? [], old.netns);
    replaced.set(old.component, started);
    const probe = restartProbe(paths, state, old.component);
    if (probe !== undefined) await waitReady(starter, started, 'ready', probe, timeoutMs, signal);
    if (/^containerd-\d+$/.test(old.component)) {
      const socket = /--config=(.*)$/.exec(old.args?.[0] ?? '')?.[1];
      const address =
        socket === undefined ? '' : /address = "(.*\.sock)"/.exec(await readFile(socket, 'utf8'))?.[1];
      if (address)
        await waitReady(
          starter,
          started,
          'serving',
          () => Promise.resolve(existsSync(address)),
          timeoutMs,
          signal,
        );
    }
  }
  const next: DevClusterState = {
    ...state,
    processes: state.processes.map((p) => replaced.get(p.component) ?? p),
  };
  await writeFileAtomic(paths.stateFile, JSON.stringify(next, null, 2));
  // Give the others a moment to fail if they will (a port taken since), then report it.
  await new Promise((r) => setTimeout(r, 500));
  for (const [component, exit] of starter.exited) {
    const record = replaced.get(component);
    if (record !== undefined)
      throw await componentFailed(record, msg('devcluster.component.exitedRestart', { exit }));
  }
  return next;
}

/** Reports whether the dev cluster runs, each component's pid and log, and node readiness. */
export async function status(options: CommonOptions = {}): Promise<DevClusterStatus> {
  const name = clusterName(options);
  const paths = devClusterPaths(name, options.env ?? process.env);
  const state = await readState(paths);
  if (state === undefined) return { name, state: 'stopped', components: [], apiserverReady: false };
  return statusOf(paths, state);
}

async function stopAndClean(paths: DevClusterPaths, state: DevClusterState): Promise<string[]> {
  const running: string[] = [];
  for (const p of state.processes) if (await isOurs(p)) running.push(p.component);
  if (state.realNodes !== undefined) {
    // Pods first, through the API while it answers: the kubelets stop their sandboxes (network
    // teardown included); whatever is left is killed by cgroup afterwards.
    try {
      const client = await adminClient(paths, state);
      try {
        await deleteRealPods(client, state.realNodes.count);
      } finally {
        client.close();
      }
      await waitRealPodsGone(state.realNodes, 15_000);
    } catch {
      // the API server is down: the cgroup sweep below does it
    }
    await stopRealNodes(paths, state.realNodes, state.processes);
  }
  // In stages: clients of the API first, then the API server while etcd still answers (it
  // shuts down in a second then, not after a timeout), etcd last.
  const stages = [['kwok', 'kube-scheduler', 'kube-controller-manager'], ['kube-apiserver'], ['etcd']];
  for (const stage of stages) {
    await stopProcesses(state.processes.filter((p) => stage.includes(p.component)));
  }
  await stopProcesses(state.processes);
  await rm(paths.stateFile, { force: true });
  await rm(paths.dataDir, { recursive: true, force: true });
  await rm(paths.kubeconfig, { force: true });
  await rm(paths.pkiDir, { recursive: true, force: true });
  return running;
}

/** Stops every component and deletes the cluster's data; logs are kept for a post-mortem. */
export async function down(
  options: CommonOptions = {},
): Promise<{ readonly stopped: readonly string[]; readonly logsDir: string }> {
  const name = clusterName(options);
  const paths = devClusterPaths(name, options.env ?? process.env);
  return withLock(paths, undefined, async () => {
    const state = await readState(paths);
    if (state === undefined) return { stopped: [], logsDir: paths.logsDir };
    return { stopped: await stopAndClean(paths, state), logsDir: paths.logsDir };
  });
}

/** The path of the running dev cluster's admin kubeconfig. */
export async function kubeconfigPath(options: CommonOptions = {}): Promise<string> {
  const name = clusterName(options);
  const paths = devClusterPaths(name, options.env ?? process.env);
  const state = await readState(paths);
  if (state === undefined || !existsSync(state.kubeconfig)) {
    throw new QuaiError('DEVCLUSTER_NOT_RUNNING', msg('devcluster.clusterNotRunning', { name }), {
      hint: msg('devcluster.startHint'),
    });
  }
  return state.kubeconfig;
}

/** A component of the cluster: the control plane's, or a real node's (`kubelet-1`, `containerd-1`). */
export type Component =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kwok'
  | 'registry'
  | 'kube-proxy'
  | 'coredns'
  | 'local-path-provisioner'
  | `kubelet-${number}`
  | `containerd-${number}`;

export interface ComponentOptions extends CommonOptions {
  readonly component: Component;
  readonly signal?: AbortSignal;
}

/**
 * Stops one component of a running dev cluster abruptly (SIGKILL), as a crash would: for fault
 * tests. The rest keeps running; `startComponent` brings it back with the same arguments.
 */
export async function killComponent(options: ComponentOptions): Promise<void> {
  const name = clusterName(options);
  const paths = devClusterPaths(name, options.env ?? process.env);
  const state = await readState(paths);
  const record = state?.processes.find((p) => p.component === options.component);
  if (state === undefined || record === undefined || !(await isOurs(record))) {
    throw new QuaiError(
      'DEVCLUSTER_NOT_RUNNING',
      msg('devcluster.componentNotRunning', { component: options.component, name }),
    );
  }
  process.kill(record.pid, 'SIGKILL');
  for (let i = 0; i < 100 && (await isOurs(record)); i++) await new Promise((r) => setTimeout(r, 50));
  await waitExited(record.pid);
}

/** Starts a stopped component again with its recorded arguments, and waits until it serves. */
export async function startComponent(options: ComponentOptions): Promise<void> {
  const name = clusterName(options);
  const paths = devClusterPaths(name, options.env ?? process.env);
  await withLock(paths, options.signal, async () => {
    const state = await readState(paths);
    const record = state?.processes.find((p) => p.component === options.component);
    if (state === undefined || record?.args === undefined) {
      throw new QuaiError(
        'DEVCLUSTER_NOT_RUNNING',
        msg('devcluster.noComponent', { name, component: options.component }),
      );
    }
    if (await isOurs(record)) return;
    await waitExited(record.pid);
    const starter: Starter = { records: [], exited: new Map() };
    const started = launch(starter, paths, options.component, record.binary, record.args, record.netns);
    const probe = restartProbe(paths, state, options.component) ?? (() => Promise.resolve(true));
    await waitReady(starter, started, 'ready', probe, 120_000, options.signal);
    const next = {
      ...state,
      processes: state.processes.map((p) => (p.component === options.component ? started : p)),
    };
    await writeFileAtomic(paths.stateFile, JSON.stringify(next, null, 2));
  });
}

/**
 * Carries a port of the host's loopback (a test's S3 server, a database) into the real nodes'
 * network: pods reach it at the returned address, and so does the host. Needs real nodes.
 */
export async function exposeHostPort(
  options: CommonOptions & { readonly port: number; readonly signal?: AbortSignal },
): Promise<{ readonly address: string; readonly port: number; readonly url: string }> {
  const name = clusterName(options);
  const paths = devClusterPaths(name, options.env ?? process.env);
  return withLock(paths, options.signal, async () => {
    const state = await readState(paths);
    const real = state?.realNodes;
    if (state === undefined || real === undefined) {
      throw new QuaiError('DEVCLUSTER_NOT_RUNNING', msg('devcluster.noRealNodes', { name }), {
        hint: msg('devcluster.startRealNodesHint'),
      });
    }
    const address = nodeAddress(real.network, 1);
    const answer = { address, port: options.port, url: `http://${address}:${options.port}` };
    const existing = state.processes.filter((p) => p.component.startsWith(`forward-${options.port}-`));
    if (existing.length === 2 && (await Promise.all(existing.map((p) => isOurs(p)))).every(Boolean))
      return answer;
    await stopProcesses(existing);
    const starter: Starter = { records: [], exited: new Map() };
    const records = exposeForward(starter, paths, real, options.port);
    const next: DevClusterState = {
      ...state,
      realNodes: { ...real, exposed: [...new Set([...real.exposed, options.port])] },
      processes: [...state.processes.filter((p) => !existing.includes(p)), ...records],
    };
    await writeFileAtomic(paths.stateFile, JSON.stringify(next, null, 2));
    await waitReady(
      starter,
      records[1] ?? records[0]!,
      'listening',
      () =>
        new Promise<boolean>((resolve) => {
          const socket = connect({ host: address, port: options.port, timeout: 1000 }, () => {
            socket.destroy();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
          socket.on('timeout', () => {
            socket.destroy();
            resolve(false);
          });
        }),
      30_000,
      options.signal,
    );
    return answer;
  });
}

/** The running cluster's state (for images and tests that need its registry or addresses). */
export async function clusterState(options: CommonOptions = {}): Promise<DevClusterState> {
  const name = clusterName(options);
  const paths = devClusterPaths(name, options.env ?? process.env);
  const state = await readState(paths);
  if (state === undefined) {
    throw new QuaiError('DEVCLUSTER_NOT_RUNNING', msg('devcluster.clusterNotRunning', { name }), {
      hint: msg('devcluster.startHint'),
    });
  }
  return state;
}
