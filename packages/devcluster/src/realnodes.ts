import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, readlink, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { msg, type Message } from '@quai/contracts';
import { KubeApiError, QuaiError, type KubeClient, type KubeObject } from '@quai/core';
import type { NodeBinaries } from './binaries.js';
import { ensurePauseImage } from './images/pause.js';
import {
  deleteNetwork,
  DNS_SERVICE_IP,
  ensureNetwork,
  nodeAddress,
  podRange,
  SERVICE_CIDR,
  type RealNetwork,
} from './network.js';
import type { DevClusterPaths } from './paths.js';
import { CLIENTS, issueClientCert, pkiAt, type ClientName } from './pki.js';
import { freePort, stopProcesses, type ProcessRecord } from './processes.js';
import { httpOk, kubeconfigYaml, launch, waitReady, type Starter } from './runtime.js';

const run = promisify(execFile);

/*
 * Real nodes: a kubelet and a containerd per node, one kube-proxy, one CoreDNS and the
 * local-path provisioner, all inside the cluster's network namespace (network.ts), next to the
 * KWOK fake nodes. The registry runs on the host's loopback; socat pairs joined by Unix sockets
 * carry the API server's port and the registry's port into the namespace under the same
 * numbers, so that the kubeconfig and the image references are the same inside and outside.
 */

export const REAL_NODE_LABEL = 'quai.dev/node';
export const REAL_NODE_TAINT = 'quai.dev/real-node';
export const LOCAL_STORAGE_CLASS = 'quai-local';
export const LOCAL_PROVISIONER = 'quai.dev/local-path';

export interface RealNodesState {
  readonly count: number;
  /** Whether real nodes carry the quai.dev/real-node=true:NoSchedule taint. */
  readonly taint: boolean;
  readonly network: RealNetwork;
  /** Short-path folder for sockets and containerd's state: /run/quai/ID. */
  readonly runDir: string;
  /** cgroup parent of the kubelets' pods: one per node, quai-ID-N. */
  readonly cgroupRoot: string;
  readonly registry: { readonly port: number; readonly storageDir: string };
  /** Host sysctls the kubelet sets (it does so on every node); put back by `down`. */
  readonly sysctlsBefore: Readonly<Record<string, string>>;
  /** Host loopback ports carried into the namespace for pods (exposeHostPort). */
  readonly exposed: readonly number[];
}

export function realNodeName(index: number): string {
  return `quai-real-${index}`;
}

const KUBELET_SYSCTLS = [
  'vm/overcommit_memory',
  'vm/panic_on_oom',
  'kernel/panic',
  'kernel/panic_on_oops',
  'kernel/keys/root_maxkeys',
  'kernel/keys/root_maxbytes',
];

async function readSysctls(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of KUBELET_SYSCTLS) {
    out[key] = (await readFile(`/proc/sys/${key}`, 'utf8').catch(() => '')).trim();
  }
  return out;
}

async function restoreSysctls(before: Readonly<Record<string, string>>): Promise<void> {
  for (const [key, value] of Object.entries(before)) {
    if (value !== '') await writeFile(`/proc/sys/${key}`, value).catch(() => undefined);
  }
}

// ---- cgroups -----------------------------------------------------------------------------------

const CGROUP = '/sys/fs/cgroup';

async function cgroupHierarchies(): Promise<{ v2: boolean; dirs: string[] }> {
  if (existsSync(join(CGROUP, 'cgroup.controllers'))) return { v2: true, dirs: [CGROUP] };
  const dirs: string[] = [];
  for (const name of await readdir(CGROUP)) {
    if (name === 'unified') continue;
    const full = join(CGROUP, name);
    if ((await stat(full).catch(() => undefined))?.isDirectory()) dirs.push(full);
  }
  return { v2: false, dirs };
}

/** Creates the cgroup parent in every hierarchy (the kubelet checks they all exist). */
async function createCgroup(name: string): Promise<void> {
  const { v2, dirs } = await cgroupHierarchies();
  for (const dir of dirs) {
    const path = join(dir, name);
    await mkdir(path, { recursive: true });
    if (!v2 && dir.endsWith('/cpuset')) {
      for (const f of ['cpuset.cpus', 'cpuset.mems']) {
        const current = (await readFile(join(path, f), 'utf8')).trim();
        if (current === '') await writeFile(join(path, f), (await readFile(join(dir, f), 'utf8')).trim());
      }
    }
    if (v2) {
      const controllers = (await readFile(join(dir, 'cgroup.controllers'), 'utf8')).trim().split(/\s+/);
      await writeFile(join(path, 'cgroup.subtree_control'), controllers.map((c) => `+${c}`).join(' ')).catch(
        () => undefined,
      );
    }
  }
}

/** Every pid in a cgroup subtree (one hierarchy is enough: all hold the same processes). */
async function cgroupPids(name: string): Promise<number[]> {
  const { v2, dirs } = await cgroupHierarchies();
  const root = v2
    ? join(CGROUP, name)
    : join(dirs.find((d) => d.endsWith('/pids')) ?? dirs[0] ?? CGROUP, name);
  const pids: number[] = [];
  const walk = async (dir: string): Promise<void> => {
    const text = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
    for (const line of text.split('\n')) if (line.trim() !== '') pids.push(Number(line));
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(join(dir, entry.name));
    }
  };
  await walk(root);
  return pids;
}

/** Removes a cgroup subtree, deepest folders first (a cgroup is removed with rmdir). */
async function removeCgroup(name: string): Promise<void> {
  const { dirs } = await cgroupHierarchies();
  const remove = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await remove(join(dir, entry.name));
    }
    await rmdir(dir).catch(() => undefined);
  };
  for (const dir of dirs) await remove(join(dir, name));
}

// ---- configuration files -------------------------------------------------------------------------

interface NodeFiles {
  readonly dir: string;
  readonly containerdConfig: string;
  readonly containerdSocket: string;
  readonly kubeletConfig: string;
  readonly kubeletKubeconfig: string;
  readonly kubeletRoot: string;
}

function nodeFiles(paths: DevClusterPaths, state: RealNodesState, index: number): NodeFiles {
  const dir = join(paths.dataDir, 'real-nodes', String(index));
  return {
    dir,
    containerdConfig: join(dir, 'containerd.toml'),
    containerdSocket: join(state.runDir, `containerd-${index}.sock`),
    kubeletConfig: join(dir, 'kubelet.yaml'),
    kubeletKubeconfig: join(dir, 'kubelet.kubeconfig'),
    kubeletRoot: join(dir, 'kubelet'),
  };
}

function registryHost(state: RealNodesState): string {
  return `127.0.0.1:${state.registry.port}`;
}

function containerdToml(files: NodeFiles, state: RealNodesState, index: number): string {
  const reg = registryHost(state);
  return `# containerd of real node ${index} (written by quai dev cluster up).
version = 2
root = "${join(files.dir, 'containerd')}"
state = "${join(state.runDir, `containerd-${index}`)}"
[grpc]
  address = "${files.containerdSocket}"
[ttrpc]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${reg}/quai/pause:3"
  # runc cannot lower oom_score_adj in a container here; containerd asks it not to.
  restrict_oom_score_adj = true
  disable_apparmor = true
  enable_selinux = false
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${join(files.dir, 'cni')}"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."${reg}"]
    endpoint = ["http://${reg}"]
`;
}

function cniConfig(files: NodeFiles, state: RealNodesState, index: number): string {
  const net = state.network;
  const range = podRange(net, index, state.count);
  return JSON.stringify(
    {
      cniVersion: '1.0.0',
      name: 'quai',
      plugins: [
        {
          type: 'bridge',
          bridge: net.bridge,
          isGateway: true,
          ipMasq: false,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            dataDir: join(files.dir, 'ipam'),
            ranges: [
              [
                {
                  subnet: net.podSubnet,
                  gateway: net.bridgeAddress,
                  rangeStart: range.start,
                  rangeEnd: range.end,
                },
              ],
            ],
            // No default route: pods reach Services and the cluster's own block, nothing else.
            routes: [{ dst: SERVICE_CIDR }, { dst: net.block }],
          },
        },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  );
}

function kubeletYaml(paths: DevClusterPaths, files: NodeFiles, state: RealNodesState, index: number): string {
  const pki = pkiAt(paths.pkiDir);
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: ${nodeAddress(state.network, index)}
port: 10250
readOnlyPort: 0
healthzPort: 0
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: ${pki.caCert} }
authorization: { mode: Webhook }
# The machines this runs on may have cgroup v1 only.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /${state.cgroupRoot}-${index}
cgroupsPerQOS: true
failSwapOn: false
containerRuntimeEndpoint: unix://${files.containerdSocket}
podLogsDir: ${join(files.dir, 'pod-logs')}
clusterDNS: [${DNS_SERVICE_IP}]
clusterDomain: cluster.local
resolvConf: ""
registerNode: true
${state.taint ? `registerWithTaints: [{ key: ${REAL_NODE_TAINT}, value: "true", effect: NoSchedule }]\n` : ''}maxPods: 110
serializeImagePulls: false
imageMinimumGCAge: 2m
imageGCHighThresholdPercent: 95
imageGCLowThresholdPercent: 90
evictionHard: { memory.available: 100Mi, nodefs.available: 2%, imagefs.available: 2% }
nodeStatusReportFrequency: 10s
nodeStatusUpdateFrequency: 5s
syncFrequency: 10s
shutdownGracePeriod: 0s
`;
}

const CREDENTIALS: Readonly<Record<string, ClientName>> = {
  'kube-proxy': 'kubeProxy',
  coredns: 'coredns',
  provisioner: 'provisioner',
};

async function writeKubeconfig(
  file: string,
  server: string,
  caFile: string,
  user: string,
  cert: { cert: string; key: string },
): Promise<void> {
  await writeFile(
    file,
    kubeconfigYaml(server, Buffer.alloc(0), user, { certFile: cert.cert, keyFile: cert.key, caFile }),
    { mode: 0o600 },
  );
}

// ---- objects the real nodes need in the API ----------------------------------------------------

function clusterObjects(state: RealNodesState, apiPort: number): KubeObject[] {
  const dnsAddress = nodeAddress(state.network, 1);
  const managed = { 'app.kubernetes.io/managed-by': 'quai-devcluster' };
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'quai:coredns', labels: managed },
      rules: [
        {
          apiGroups: [''],
          resources: ['endpoints', 'services', 'pods', 'namespaces'],
          verbs: ['list', 'watch'],
        },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'quai:coredns', labels: managed },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'quai:coredns' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: CLIENTS.coredns.commonName }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'quai:local-path-provisioner', labels: managed },
      rules: [
        {
          apiGroups: [''],
          resources: ['persistentvolumes'],
          verbs: ['get', 'list', 'watch', 'create', 'delete'],
        },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'quai:local-path-provisioner', labels: managed },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'quai:local-path-provisioner',
      },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: CLIENTS.provisioner.commonName },
      ],
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: LOCAL_STORAGE_CLASS,
        labels: managed,
        annotations: {
          'quai.dev/description': 'Folders on the real nodes, made by the local-path provisioner',
        },
      },
      provisioner: LOCAL_PROVISIONER,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { ...managed, 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: DNS_SERVICE_IP,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        ],
      },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kube-dns-quai',
        namespace: 'kube-system',
        labels: {
          ...managed,
          'kubernetes.io/service-name': 'kube-dns',
          'endpointslice.kubernetes.io/managed-by': 'quai-devcluster',
        },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [dnsAddress], conditions: { ready: true } }],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    },
    {
      // The API server's endpoint reconciler is off (its advertised address is a placeholder):
      // pods reach it at the namespace's forward of its port.
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes-quai',
        namespace: 'default',
        labels: {
          ...managed,
          'kubernetes.io/service-name': 'kubernetes',
          'endpointslice.kubernetes.io/managed-by': 'quai-devcluster',
        },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [dnsAddress], conditions: { ready: true } }],
      ports: [{ name: 'https', port: apiPort, protocol: 'TCP' }],
    },
  ];
}

// ---- start ---------------------------------------------------------------------------------------

export interface StartRealNodesOptions {
  readonly paths: DevClusterPaths;
  readonly binaries: NodeBinaries;
  readonly starter: Starter;
  readonly admin: KubeClient;
  readonly server: string;
  readonly apiPort: number;
  readonly count: number;
  readonly taint: boolean;
  readonly registryDir?: string;
  /** The state of a previous start: same addresses, same registry port (a restart). */
  readonly previous?: RealNodesState;
  readonly progress: (message: Message) => void;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called once the state is known, before anything starts, so that a failure can clean up. */
  readonly onState: (state: RealNodesState) => Promise<void>;
}

function forwardSocket(state: RealNodesState, port: number): string {
  return join(state.runDir, `forward-${port}.sock`);
}

/** A socat pair carrying a host loopback port into the namespace under the same number. */
function startForward(
  starter: Starter,
  paths: DevClusterPaths,
  state: RealNodesState,
  name: string,
  port: number,
): ProcessRecord[] {
  const socket = forwardSocket(state, port);
  const host = launch(starter, paths, `forward-${name}-host`, '/usr/bin/socat', [
    `UNIX-LISTEN:${socket},fork,unlink-early,mode=600`,
    `TCP:127.0.0.1:${port}`,
  ]);
  const inside = launch(
    starter,
    paths,
    `forward-${name}-node`,
    '/usr/bin/socat',
    [`TCP-LISTEN:${port},fork,reuseaddr`, `UNIX-CONNECT:${socket}`],
    state.network.netns,
  );
  return [host, inside];
}

async function tcpOpenInNetns(netns: string, host: string, port: number): Promise<boolean> {
  try {
    await run(
      'nsenter',
      [`--net=/run/netns/${netns}`, '--', 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`],
      {
        timeout: 2000,
      },
    );
    return true;
  } catch {
    return false;
  }
}

/** The provisioner's entry point: the built JavaScript, or the TypeScript source under tsx. */
function provisionerCommand(): { binary: string; args: string[]; cwd: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const js = join(here, 'provisioner-main.js');
  if (existsSync(js)) return { binary: process.execPath, args: [js], cwd: here };
  return {
    binary: process.execPath,
    args: ['--conditions=@quai/source', '--import', 'tsx', join(here, 'provisioner-main.ts')],
    cwd: here,
  };
}

async function applyAll(client: KubeClient, objects: readonly KubeObject[]): Promise<void> {
  for (const o of objects) await client.apply(o, { fieldManager: 'quai-devcluster', force: true });
}

/**
 * Starts the real nodes and what they need; returns their state. Everything started is recorded
 * in the starter, so that the caller stops it all again on failure or Ctrl-C.
 */
export async function startRealNodes(o: StartRealNodesOptions): Promise<RealNodesState> {
  const { paths, starter, admin, count } = o;
  o.progress(msg('devcluster.progress.realNetwork'));
  const network = await ensureNetwork(paths.clusterDir, o.previous?.network);
  const runDir = join('/run/quai', network.id);
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  const state: RealNodesState = {
    count,
    taint: o.taint,
    network,
    runDir,
    cgroupRoot: `quai-${network.id}`,
    registry: {
      port: o.previous?.registry.port ?? (await freePort()),
      storageDir: o.registryDir ?? o.previous?.registry.storageDir ?? join(paths.dataDir, 'registry'),
    },
    sysctlsBefore: o.previous?.sysctlsBefore ?? (await readSysctls()),
    exposed: o.previous?.exposed ?? [],
  };
  await o.onState(state);
  for (let i = 1; i <= count; i++) await createCgroup(`${state.cgroupRoot}-${i}`);

  // Registry on the host's loopback, storage in the cluster's data folder (or the given one).
  await mkdir(state.registry.storageDir, { recursive: true });
  const registryConfig = join(paths.pkiDir, 'registry.yaml');
  await writeFile(
    registryConfig,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${state.registry.storageDir}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${state.registry.port}`,
      '',
    ].join('\n'),
  );
  const registry = launch(starter, paths, 'registry', '/usr/bin/docker-registry', ['serve', registryConfig]);
  await waitReady(
    starter,
    registry,
    'serving',
    () => httpOk(`http://127.0.0.1:${state.registry.port}/v2/`),
    o.timeoutMs,
    o.signal,
  );

  // The API server's and the registry's ports, inside the namespace.
  const forwards = [
    ...startForward(starter, paths, state, 'api', o.apiPort),
    ...startForward(starter, paths, state, 'registry', state.registry.port),
  ];
  for (const port of state.exposed) forwards.push(...startForward(starter, paths, state, String(port), port));
  for (const f of forwards.filter((r) => r.netns !== undefined)) {
    const port = Number(f.args?.[0]?.replace(/^TCP-LISTEN:(\d+).*/, '$1'));
    await waitReady(
      starter,
      f,
      'listening',
      () => tcpOpenInNetns(network.netns, '127.0.0.1', port),
      o.timeoutMs,
      o.signal,
    );
  }

  o.progress(msg('devcluster.progress.realPause'));
  await ensurePauseImage({
    cacheDir: paths.cacheDir,
    registry: registryHost(state),
    storageDir: state.registry.storageDir,
  });

  await applyAll(admin, clusterObjects(state, o.apiPort));
  const pki = pkiAt(paths.pkiDir);
  const credentials: Record<string, string> = {};
  for (const [component, client] of Object.entries(CREDENTIALS)) {
    const file = join(paths.pkiDir, `${CLIENTS[client].file}.kubeconfig`);
    await writeKubeconfig(file, o.server, pki.caCert, CLIENTS[client].commonName, pki.cert(client));
    credentials[component] = file;
  }

  for (let i = 1; i <= count; i++) {
    const name = realNodeName(i);
    o.progress(msg('devcluster.progress.realKubelet', { name, address: nodeAddress(network, i) }));
    const files = nodeFiles(paths, state, i);
    await mkdir(join(files.dir, 'cni'), { recursive: true });
    await writeFile(files.containerdConfig, containerdToml(files, state, i));
    await writeFile(join(files.dir, 'cni', '10-quai.conflist'), cniConfig(files, state, i));
    const containerd = launch(
      starter,
      paths,
      `containerd-${i}`,
      '/usr/bin/containerd',
      [`--config=${files.containerdConfig}`, '--log-level=warn'],
      network.netns,
    );
    await waitReady(
      starter,
      containerd,
      'serving',
      () => Promise.resolve(existsSync(files.containerdSocket)),
      o.timeoutMs,
      o.signal,
    );
    const cert = await issueClientCert(paths.pkiDir, `kubelet-${i}`, `system:node:${name}`, 'system:nodes');
    await writeKubeconfig(files.kubeletKubeconfig, o.server, pki.caCert, `system:node:${name}`, cert);
    await writeFile(files.kubeletConfig, kubeletYaml(paths, files, state, i));
    launch(
      starter,
      paths,
      `kubelet-${i}`,
      o.binaries.kubelet,
      [
        `--config=${files.kubeletConfig}`,
        `--kubeconfig=${files.kubeletKubeconfig}`,
        `--root-dir=${files.kubeletRoot}`,
        `--hostname-override=${name}`,
        `--node-ip=${nodeAddress(network, i)}`,
        `--node-labels=${REAL_NODE_LABEL}=real,quai.dev/devcluster-node=true,type=real,topology.kubernetes.io/zone=zone-real`,
        '--v=1',
      ],
      network.netns,
    );
  }

  o.progress(msg('devcluster.progress.realAddons'));
  const proxyConfig = join(paths.pkiDir, 'kube-proxy.yaml');
  await writeFile(
    proxyConfig,
    `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: { kubeconfig: ${credentials['kube-proxy'] ?? ''} }
hostnameOverride: ${realNodeName(1)}
mode: iptables
clusterCIDR: ${network.podSubnet}
healthzBindAddress: ${nodeAddress(network, 1)}:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: [${network.block}]
# Leave the kernel's connection-tracking settings alone (they are the host's).
conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s }
`,
  );
  const proxy = launch(
    starter,
    paths,
    'kube-proxy',
    o.binaries.kubeProxy,
    [`--config=${proxyConfig}`, '--v=1'],
    network.netns,
  );

  const dnsAddress = nodeAddress(network, 1);
  const corefile = join(paths.pkiDir, 'Corefile');
  // No `forward`: names outside the cluster are not resolved, so nothing asks the outside world.
  await writeFile(
    corefile,
    `.:53 {
    bind ${dnsAddress}
    errors
    health ${dnsAddress}:8181
    ready ${dnsAddress}:8182
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig ${credentials['coredns'] ?? ''} quai-dev
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    cache 30
}
`,
  );
  const coredns = launch(starter, paths, 'coredns', o.binaries.coredns, [`-conf=${corefile}`], network.netns);

  const prov = provisionerCommand();
  await mkdir(join(paths.dataDir, 'volumes'), { recursive: true });
  launch(starter, paths, 'local-path-provisioner', prov.binary, [
    ...prov.args,
    `--kubeconfig=${credentials['provisioner'] ?? ''}`,
    `--volumes=${join(paths.dataDir, 'volumes')}`,
    `--nodes=${Array.from({ length: count }, (_, i) => realNodeName(i + 1)).join(',')}`,
  ]);

  await waitReady(
    starter,
    proxy,
    'serving',
    () => httpOk(`http://${dnsAddress}:10256/healthz`),
    o.timeoutMs,
    o.signal,
  );
  await waitReady(
    starter,
    coredns,
    'ready',
    () => httpOk(`http://${dnsAddress}:8182/ready`),
    o.timeoutMs,
    o.signal,
  );
  await waitRealNodesReady(admin, count, o.progress, starter, o.timeoutMs, o.signal);
  return state;
}

async function waitRealNodesReady(
  client: KubeClient,
  count: number,
  progress: (message: Message) => void,
  starter: Starter,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    signal?.throwIfAborted();
    for (const [component, exit] of starter.exited) {
      if (/^(kubelet|containerd)-/.test(component)) {
        throw new QuaiError(
          'DEVCLUSTER_START_FAILED',
          msg('devcluster.realNode.componentExited', { component, exit }),
          { hint: msg('devcluster.realNode.componentExitedHint', { component }) },
        );
      }
    }
    const nodes = await client.list('v1', 'Node', { labelSelector: `${REAL_NODE_LABEL}=real` });
    const ready = nodes.filter((n) =>
      ((n as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      ),
    ).length;
    if (ready !== last) progress(msg('devcluster.progress.realReady', { ready, count }));
    last = ready;
    if (ready >= count) return;
    if (Date.now() > deadline) {
      throw new QuaiError('DEVCLUSTER_START_FAILED', msg('devcluster.realNode.notReady', { ready, count }), {
        hint: msg('devcluster.realNode.notReadyHint'),
      });
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Carries a host loopback port into the namespace: pods reach it at the first node's address. */
export function exposeForward(
  starter: Starter,
  paths: DevClusterPaths,
  state: RealNodesState,
  port: number,
): ProcessRecord[] {
  return startForward(starter, paths, state, String(port), port);
}

// ---- stop ----------------------------------------------------------------------------------------

async function mountPointsUnder(prefixes: readonly string[]): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const points = text
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .map((p) => p.replace(/\\040/g, ' '))
    .filter((p) => prefixes.some((x) => p === x || p.startsWith(`${x}/`)));
  // Deepest first.
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

async function unmountUnder(prefixes: readonly string[]): Promise<void> {
  for (const point of await mountPointsUnder(prefixes)) {
    await run('umount', ['-l', point]).catch(() => undefined);
  }
}

/** Network namespaces (/run/netns/cni-*) whose inode is one of `inodes`: the pods' own. */
async function podNetnsFiles(inodes: ReadonlySet<number>): Promise<string[]> {
  const files: string[] = [];
  for (const name of await readdir('/run/netns').catch(() => [])) {
    if (!name.startsWith('cni-')) continue;
    const s = await stat(join('/run/netns', name)).catch(() => undefined);
    if (s !== undefined && inodes.has(s.ino)) files.push(join('/run/netns', name));
  }
  return files;
}

async function netnsInode(pid: number): Promise<number | undefined> {
  const link = await readlink(`/proc/${pid}/ns/net`).catch(() => '');
  const m = /^net:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : undefined;
}

/** Shims of our containerds: `containerd-shim-runc-v2 ... -address SOCKET`. */
async function shimPids(sockets: readonly string[]): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (!(argv[0] ?? '').includes('containerd-shim')) continue;
    const i = argv.indexOf('-address');
    if (i >= 0 && sockets.includes(argv[i + 1] ?? '')) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Stops the real nodes and removes what they made: containers (killed through their cgroups,
 * their shims by pid), the pods' network namespaces, mounts, cgroups, the cluster's namespace,
 * and puts back the host sysctls the kubelet changed. Safe to run twice.
 */
export async function stopRealNodes(
  paths: DevClusterPaths,
  state: RealNodesState,
  processes: readonly ProcessRecord[],
): Promise<void> {
  const kubelets = processes.filter((p) => /^kubelet-\d+$/.test(p.component));
  const containerds = processes.filter((p) => /^containerd-\d+$/.test(p.component));
  const others = processes.filter(
    (p) =>
      p.component === 'kube-proxy' ||
      p.component === 'coredns' ||
      p.component === 'local-path-provisioner' ||
      p.component.startsWith('forward-') ||
      p.component === 'registry',
  );
  // The kubelets first, so that they restart nothing; then every container, by cgroup.
  await stopProcesses(kubelets, 5_000);
  const inodes = new Set<number>();
  for (let round = 0; round < 3; round++) {
    const pids: number[] = [];
    for (let i = 1; i <= state.count; i++) pids.push(...(await cgroupPids(`${state.cgroupRoot}-${i}`)));
    if (pids.length === 0) break;
    for (const pid of pids) {
      const ino = await netnsInode(pid);
      if (ino !== undefined) inodes.add(ino);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopProcesses([...containerds, ...others], 5_000);
  const sockets = Array.from(
    { length: state.count },
    (_, i) => nodeFiles(paths, state, i + 1).containerdSocket,
  );
  for (const pid of await shimPids(sockets)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  for (const file of await podNetnsFiles(inodes)) {
    await run('umount', [file]).catch(() => undefined);
    await rm(file, { force: true });
  }
  await unmountUnder([state.runDir, join(paths.dataDir, 'real-nodes'), join(paths.dataDir, 'volumes')]);
  for (let i = 1; i <= state.count; i++) await removeCgroup(`${state.cgroupRoot}-${i}`);
  await deleteNetwork(state.network);
  await rm(state.runDir, { recursive: true, force: true });
  await restoreSysctls(state.sysctlsBefore);
}

/** Real pods left on nodes (for down): deleted at once so that the kubelets tear them down. */
export async function deleteRealPods(client: KubeClient, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const pods = await client
      .list('v1', 'Pod', { fieldSelector: `spec.nodeName=${realNodeName(i)}` })
      .catch(() => [] as KubeObject[]);
    for (const pod of pods) {
      await client
        .delete(
          {
            apiVersion: 'v1',
            kind: 'Pod',
            namespace: pod.metadata.namespace ?? 'default',
            name: pod.metadata.name ?? '',
          },
          { gracePeriodSeconds: 0 },
        )
        .catch((e: unknown) => {
          if (!(e instanceof KubeApiError && e.code === 'NOT_FOUND')) throw e;
        });
    }
  }
}

/** Waits until no container of the real nodes runs (their cgroups are empty), or the time is up. */
export async function waitRealPodsGone(state: RealNodesState, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let pids = 0;
    for (let i = 1; i <= state.count; i++) {
      // The kubelet's own cgroups hold no process; pods are under kubepods.
      pids += (await cgroupPids(`${state.cgroupRoot}-${i}`)).length;
    }
    if (pids === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Makes the namespace, run folder and cgroups again (after a reboot) on the same addresses. */
export async function prepareRealNodesRestart(paths: DevClusterPaths, state: RealNodesState): Promise<void> {
  const net = await ensureNetwork(paths.clusterDir, state.network);
  if (net.slot !== state.network.slot) {
    await deleteNetwork(net);
    throw new QuaiError(
      'DEVCLUSTER_START_FAILED',
      msg('devcluster.realNode.addressesTaken', { block: state.network.block }),
      { hint: msg('devcluster.realNode.addressesTakenHint') },
    );
  }
  await mkdir(state.runDir, { recursive: true, mode: 0o700 });
  for (let i = 1; i <= state.count; i++) await createCgroup(`${state.cgroupRoot}-${i}`);
}

/**
 * Annotations that send every pod of a namespace to the real nodes (PodNodeSelector and
 * PodTolerationRestriction, enabled on the local API server): for workloads Quai renders
 * without node selection, such as a restored app or a backup's mover Jobs.
 */
export function realNodeNamespaceAnnotations(): Record<string, string> {
  return {
    'scheduler.alpha.kubernetes.io/node-selector': `${REAL_NODE_LABEL}=real`,
    'scheduler.alpha.kubernetes.io/defaultTolerations': JSON.stringify([
      { key: REAL_NODE_TAINT, operator: 'Exists', effect: 'NoSchedule' },
    ]),
  };
}
