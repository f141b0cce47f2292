import { inject } from 'vitest';
import { waitFor, type KubeClient, type KubeObject } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { uniqueName } from '../integration/helpers.js';

/*
 * The real node of the local test cluster (`up --real-nodes 1` in the global setup): images from
 * Debian packages pushed to its registry, host ports carried into its network for pods, and
 * namespaces whose pods all land on it.
 */

/** Whether the test cluster has a real node (false on an external cluster, or without root). */
export function hasRealNode(): boolean {
  return inject('realNode');
}

/** The reference of a standard image in the real node's registry (built once, cached). */
export async function realImage(name: devcluster.StandardImage): Promise<string> {
  return (await devcluster.clusterImage(name)).reference;
}

/** A host loopback port (a test server's) as pods and the host both reach it. */
export async function exposeToPods(port: number): Promise<{ address: string; port: number; url: string }> {
  return devcluster.exposeHostPort({ port });
}

/** The address of the real node: NodePorts answer there, from the host and from pods. */
export async function realNodeAddress(): Promise<string> {
  const s = await devcluster.status();
  if (s.realNodes === undefined) throw new Error('the test cluster has no real node');
  return s.realNodes.address;
}

/**
 * A namespace under the restricted Pod Security Standard whose every pod lands on the real node
 * (PodNodeSelector and PodTolerationRestriction annotations), even pods Quai renders or creates
 * without node selection (mover and dump Jobs, restored apps).
 */
export async function realNamespace(client: KubeClient, prefix = 'quai-real'): Promise<string> {
  const name = uniqueName(prefix);
  await client.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
      annotations: devcluster.realNodeNamespaceAnnotations(),
    },
  });
  await waitFor(
    async () => client.tryGet({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: name, name: 'default' }),
    { timeoutMs: 60_000, what: `the default service account in ${name}` },
  );
  return name;
}

interface PodLike extends KubeObject {
  readonly spec?: { readonly nodeName?: string };
  readonly status?: {
    readonly phase?: string;
    readonly podIP?: string;
    readonly conditions?: readonly { type: string; status: string }[];
    readonly containerStatuses?: readonly { imageID?: string; ready?: boolean }[];
  };
}

/** Waits until a pod is Ready (real readiness: its probe answered), returning it. */
export async function waitPodReady(
  client: KubeClient,
  namespace: string,
  name: string,
  timeoutMs = 120_000,
): Promise<PodLike> {
  return waitFor(
    async () => {
      const pod = await client.tryGet<PodLike>({ apiVersion: 'v1', kind: 'Pod', namespace, name });
      return pod?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? pod
        : undefined;
    },
    { timeoutMs, what: `pod ${namespace}/${name} Ready` },
  );
}

/** A pod's logs (through the API server and the real kubelet). */
export async function podLogs(
  client: KubeClient,
  namespace: string,
  name: string,
  container?: string,
): Promise<string> {
  return client.request<string>({
    path: `/api/v1/namespaces/${namespace}/pods/${name}/log`,
    ...(container ? { query: { container } } : {}),
  });
}
