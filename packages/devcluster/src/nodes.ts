import { KubeApiError, mapLimit, type KubeClient, type KubeObject } from '@quai/core';

/** Capacity of each fake node; defaults look like a mid-size VM of the team's hypervisor. */
export interface NodeSize {
  readonly cpu: string;
  readonly memory: string;
  readonly pods: number;
  readonly ephemeralStorage: string;
}

export const DEFAULT_NODE_SIZE: NodeSize = {
  cpu: '8',
  memory: '32Gi',
  pods: 110,
  ephemeralStorage: '100Gi',
};

const DEV_NODE_LABEL = 'quai.dev/devcluster-node';
const ZONES = ['zone-a', 'zone-b', 'zone-c'] as const;

function nodeName(index: number): string {
  return `quai-node-${String(index).padStart(3, '0')}`;
}

/** A fake node that KWOK manages (annotation kwok.x-k8s.io/node=fake). */
function fakeNode(index: number, size: NodeSize): KubeObject {
  const name = nodeName(index);
  const resources = {
    cpu: size.cpu,
    memory: size.memory,
    pods: String(size.pods),
    'ephemeral-storage': size.ephemeralStorage,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        [DEV_NODE_LABEL]: 'true',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': name,
        'node-role.kubernetes.io/worker': '',
        'topology.kubernetes.io/region': 'local',
        'topology.kubernetes.io/zone': ZONES[(index - 1) % ZONES.length] ?? 'zone-a',
        type: 'kwok',
      },
    },
    spec: {},
    status: {
      allocatable: resources,
      capacity: resources,
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        kubeletVersion: 'fake',
        kubeProxyVersion: 'fake',
        containerRuntimeVersion: 'kwok',
        osImage: 'KWOK fake node',
      },
      phase: 'Running',
    },
  };
}

/** Creates fake nodes 1..count that do not exist yet; returns how many were created. */
export async function createNodes(
  client: KubeClient,
  count: number,
  size: NodeSize,
  signal?: AbortSignal,
): Promise<number> {
  let created = 0;
  const indexes = Array.from({ length: count }, (_, i) => i + 1);
  await mapLimit(indexes, 16, async (i) => {
    try {
      await client.create(fakeNode(i, size), signal ? { signal } : {});
      created++;
    } catch (error) {
      if (!(error instanceof KubeApiError && error.code === 'ALREADY_EXISTS')) throw error;
    }
  });
  return created;
}

interface NodeLike extends KubeObject {
  readonly status?: { readonly conditions?: readonly { type: string; status: string }[] };
}

function isNodeReady(node: KubeObject): boolean {
  return ((node as NodeLike).status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export interface NodeCounts {
  readonly all: { readonly total: number; readonly ready: number };
  /** KWOK's fake nodes (label type=kwok). */
  readonly fake: { readonly total: number; readonly ready: number };
  /** Real nodes, run by a kubelet (label type=real). */
  readonly real: { readonly total: number; readonly ready: number };
}

/** Counts the dev cluster's nodes and how many are Ready, fake and real apart. */
export async function countReadyNodes(client: KubeClient, signal?: AbortSignal): Promise<NodeCounts> {
  const nodes = await client.list('v1', 'Node', {
    labelSelector: `${DEV_NODE_LABEL}=true`,
    ...(signal ? { signal } : {}),
  });
  const count = (list: readonly KubeObject[]): { total: number; ready: number } => ({
    total: list.length,
    ready: list.filter(isNodeReady).length,
  });
  return {
    all: count(nodes),
    fake: count(nodes.filter((n) => n.metadata.labels?.['type'] !== 'real')),
    real: count(nodes.filter((n) => n.metadata.labels?.['type'] === 'real')),
  };
}
