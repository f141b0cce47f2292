import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  KubeClient,
  parseYaml,
  QuaiError,
  writeFileAtomic,
  type ClusterAccess,
  type KubeObject,
} from '@quai/core';
import { binariesFor, ensureBinaries, pinnedVersions, type Binaries } from './binaries.js';
import { countReadyNodes, createNodes, DEFAULT_NODE_SIZE, type NodeSize } from './nodes.js';
import { ASSETS_DIR, devClusterPaths, type DevClusterPaths, type Versions } from './paths.js';
import { CLIENTS, createPki, pkiAt, type ClientName, type Pki } from './pki.js';
import { freePort, isOurs, logTail, startProcess, stopProcesses, type ProcessRecord } from './processes.js';

export const DEFAULT_CLUSTER_NAME = 'quai';
const SERVICE_CIDR = '10.96.0.0/16';
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
}

export type ProgressEvent =
  | { readonly kind: 'step'; readonly message: string }
  | { readonly kind: 'build'; readonly line: string }
  | { readonly kind: 'done'; readonly message: string; readonly seconds: number };

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
  readonly nodes?: { readonly total: number; readonly ready: number };
}

function clusterName(options: CommonOptions): string {
  const name = options.name ?? DEFAULT_CLUSTER_NAME;
  if (!/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(name)) {
    throw new QuaiError('USAGE', `Invalid cluster name "${name}".`, {
      hint: 'Use 1 to 32 lower-case letters, digits and dashes.',
    });
  }
  return name;
}

async function readState(paths: DevClusterPaths): Promise<DevClusterState | undefined> {
  try {
    return JSON.parse(await readFile(paths.stateFile, 'utf8')) as DevClusterState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new QuaiError('DEVCLUSTER_START_FAILED', `The state file ${paths.stateFile} is unreadable.`, {
      hint: `Stop any leftover processes listed in ${paths.logsDir}, then delete ${paths.clusterDir}.`,
      cause: error,
    });
  }
}

/** Access for one identity of the dev cluster, built in memory from its files. */
async function accessFor(pki: Pki, server: string, client: ClientName): Promise<ClusterAccess> {
  const files = pki.cert(client);
  return {
    source: 'quai dev cluster',
    contextName: 'quai-dev',
    server,
    namespace: 'default',
    ca: await readFile(pki.caCert),
    insecureSkipTlsVerify: false,
    auth: { kind: 'clientCert', cert: await readFile(files.cert), key: await readFile(files.key) },
  };
}

function kubeconfigYaml(
  server: string,
  ca: Buffer,
  user: string,
  cred: { cert: Buffer; key: Buffer } | { certFile: string; keyFile: string; caFile: string },
): string {
  const embedded = 'cert' in cred;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'quai-dev',
        cluster: embedded
          ? { server, 'certificate-authority-data': ca.toString('base64') }
          : { server, 'certificate-authority': cred.caFile },
      },
    ],
    users: [
      {
        name: user,
        user: embedded
          ? {
              'client-certificate-data': cred.cert.toString('base64'),
              'client-key-data': cred.key.toString('base64'),
            }
          : { 'client-certificate': cred.certFile, 'client-key': cred.keyFile },
      },
    ],
    contexts: [{ name: 'quai-dev', context: { cluster: 'quai-dev', user, namespace: 'default' } }],
    'current-context': 'quai-dev',
  });
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
          `Another quai command (pid ${pid}) holds ${paths.lockDir}.`,
          {
            hint: 'Wait for it to finish, or delete the lock folder if that process is gone.',
          },
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

interface Starter {
  readonly records: ProcessRecord[];
  readonly exited: Map<string, string>;
}

function launch(
  starter: Starter,
  paths: DevClusterPaths,
  component: string,
  binary: string,
  args: readonly string[],
): ProcessRecord {
  const log = join(paths.logsDir, `${component}.log`);
  const record = startProcess(component, binary, args, log, (code, sig) => {
    starter.exited.set(component, sig === null ? `exit code ${String(code)}` : `signal ${sig}`);
  });
  starter.records.push(record);
  return record;
}

/** Waits until `probe` succeeds, failing fast if the component exits. */
async function waitReady(
  starter: Starter,
  record: ProcessRecord,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const exit = starter.exited.get(record.component);
    if (exit !== undefined) throw await componentFailed(record, `exited (${exit}) while starting`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw await componentFailed(record, `was not ${what} after ${Math.round(timeoutMs / 1000)}s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function componentFailed(record: ProcessRecord, what: string): Promise<QuaiError> {
  const tail = await logTail(record.log);
  const busy = /address already in use|bind: .*in use/i.test(tail);
  return new QuaiError(
    busy ? 'PORT_IN_USE' : 'DEVCLUSTER_START_FAILED',
    `${record.component} ${what}${busy ? ': its port was taken by another process' : ''}. Log: ${record.log}`,
    {
      hint: busy
        ? 'Run the command again: Quai picks new free ports each time.'
        : `Read ${record.log}; everything started was stopped again.`,
      details: { component: record.component, log: record.log, logTail: tail },
    },
  );
}

function httpOk(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
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
  progress({ kind: 'step', message: 'Updating KWOK stages (restarting KWOK only)' });
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
    throw new QuaiError('USAGE', `Invalid node count ${String(nodes)}.`, {
      hint: `Give a whole number from 0 to ${MAX_NODES}.`,
    });
  }
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

  return withLock(paths, signal, async () => {
    const existing = await readState(paths);
    if (existing !== undefined) {
      const current = await statusOf(paths, existing);
      if (current.state === 'running') {
        progress({ kind: 'step', message: `Reusing the running cluster "${name}" (${existing.server})` });
        const client = await adminClient(paths, existing);
        try {
          if (nodes > existing.nodes) {
            progress({ kind: 'step', message: `Adding nodes: ${existing.nodes} -> ${nodes}` });
            await createNodes(client, nodes, existing.nodeSize, signal);
          }
          await createStorageClass(client, binariesFor(paths, existing.versions));
          const refreshed = await refreshKwok(paths, existing, progress, signal);
          const want = Math.max(nodes, existing.nodes);
          await waitNodesReady(client, want, progress, timeoutMs, signal);
          const state = { ...refreshed, nodes: want };
          await writeFileAtomic(paths.stateFile, JSON.stringify(state, null, 2));
          lap('reuse');
          return { state, reused: true, timings };
        } finally {
          client.close();
        }
      }
      progress({ kind: 'step', message: `Cleaning up a stopped or broken cluster "${name}"` });
      await stopAndClean(paths, existing);
    }

    const versions = await pinnedVersions(env);
    progress({
      kind: 'step',
      message: `Control plane: Kubernetes ${versions.kubernetes}, etcd ${versions.etcd}, KWOK ${versions.kwok}`,
    });
    const binaries = await ensureBinaries({
      paths,
      versions,
      env,
      onLine: (line) => progress({ kind: 'build', line }),
      ...(signal ? { signal } : {}),
    });
    lap('binaries');

    await rm(paths.dataDir, { recursive: true, force: true });
    await rm(paths.pkiDir, { recursive: true, force: true });
    await rm(paths.logsDir, { recursive: true, force: true });
    await mkdir(paths.logsDir, { recursive: true });
    await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
    progress({ kind: 'step', message: 'Making certificates and keys' });
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
      progress({ kind: 'step', message: `Starting etcd on 127.0.0.1:${etcdPort}` });
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

      progress({ kind: 'step', message: `Starting kube-apiserver on ${server}` });
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
        '--authorization-mode=RBAC',
        '--allow-privileged=true',
        '--profiling=false',
        '--endpoint-reconciler-type=none',
        '--max-requests-inflight=800',
        '--max-mutating-requests-inflight=400',
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

      progress({ kind: 'step', message: 'Starting kube-controller-manager, kube-scheduler and KWOK' });
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
        if (exit !== undefined) throw await componentFailed(r, `exited (${exit}) while starting`);
      }
      lap('controllers');

      await createStorageClass(admin, binaries);
      progress({ kind: 'step', message: `Creating ${nodes} fake node${nodes === 1 ? '' : 's'}` });
      await createNodes(admin, nodes, nodeSize, signal);
      await waitNodesReady(admin, nodes, progress, timeoutMs, signal);
      lap('nodes');
      const state = await saveState(nodes);
      const total = Math.round(performance.now() - t0) / 1000;
      progress({ kind: 'done', message: `Cluster "${name}" is up at ${server}`, seconds: total });
      return { state, reused: false, timings };
    } catch (error) {
      await stopProcesses(starter.records, 5_000);
      await rm(paths.stateFile, { force: true });
      await rm(paths.dataDir, { recursive: true, force: true });
      if (signal?.aborted) {
        throw new QuaiError('INTERRUPTED', 'Interrupted: every component started so far was stopped.', {
          cause: error,
        });
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
    const { ready } = await countReadyNodes(client, signal);
    if (ready !== last) {
      progress({ kind: 'step', message: `Nodes Ready: ${ready}/${want}` });
      last = ready;
    }
    if (ready >= want) return;
    if (Date.now() > deadline) {
      throw new QuaiError(
        'DEVCLUSTER_START_FAILED',
        `Only ${ready} of ${want} fake nodes became Ready in time.`,
        {
          hint: 'Read the kwok log in the logs folder (`quai dev cluster status` names it).',
        },
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
  let nodes: { total: number; ready: number } | undefined;
  if (components.some((c) => c.component === 'kube-apiserver' && c.running) && existsSync(paths.pkiDir)) {
    const client = await adminClient(paths, state);
    try {
      apiserverReady = await client.request({ path: '/readyz' }).then(
        () => true,
        () => false,
      );
      if (apiserverReady) nodes = await countReadyNodes(client).catch(() => undefined);
    } finally {
      client.close();
    }
  }
  const expected = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'];
  const allUp = expected.every((c) => components.some((s) => s.component === c && s.running));
  return {
    name: state.name,
    state: allUp && apiserverReady ? 'running' : components.some((c) => c.running) ? 'degraded' : 'stopped',
    server: state.server,
    kubeconfig: state.kubeconfig,
    versions: state.versions,
    components,
    apiserverReady,
    ...(nodes === undefined ? {} : { nodes }),
  };
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
    throw new QuaiError('DEVCLUSTER_NOT_RUNNING', `The local cluster "${name}" is not running.`, {
      hint: 'Start it with `quai dev cluster up`.',
    });
  }
  return state.kubeconfig;
}

export type Component = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

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
      `${options.component} of the local cluster "${name}" is not running.`,
    );
  }
  process.kill(record.pid, 'SIGKILL');
  for (let i = 0; i < 100 && (await isOurs(record)); i++) await new Promise((r) => setTimeout(r, 50));
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
        `The local cluster "${name}" has no ${options.component} to start.`,
      );
    }
    if (await isOurs(record)) return;
    const starter: Starter = { records: [], exited: new Map() };
    const started = launch(starter, paths, options.component, record.binary, record.args);
    const probe =
      options.component === 'kube-apiserver'
        ? async () => {
            const client = await adminClient(paths, state);
            try {
              return await client.request({ path: '/readyz' }).then(
                () => true,
                () => false,
              );
            } finally {
              client.close();
            }
          }
        : options.component === 'etcd'
          ? () => httpOk(`http://127.0.0.1:${state.ports['etcd'] ?? 0}/health`)
          : () => Promise.resolve(true);
    await waitReady(starter, started, 'ready', probe, 120_000, options.signal);
    const next = {
      ...state,
      processes: state.processes.map((p) => (p.component === options.component ? started : p)),
    };
    await writeFileAtomic(paths.stateFile, JSON.stringify(next, null, 2));
  });
}
