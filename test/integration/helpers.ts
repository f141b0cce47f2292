import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import {
  backup,
  KubeClient,
  loadClusterAccess,
  waitFor,
  type KubeClientOptions,
  type KubeObject,
} from '@quai/core';

/** A client on the test cluster (see global-setup.ts). */
export async function testClient(options: KubeClientOptions = {}): Promise<KubeClient> {
  const context = inject('context');
  const access = await loadClusterAccess({
    kubeconfig: inject('kubeconfig'),
    ...(context === '' ? {} : { context }),
  });
  return new KubeClient(access, { qps: 50, burst: 100, ...options });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Creates a namespace and waits for its default service account (pods need it). */
export async function createNamespace(
  client: KubeClient,
  labels: Record<string, string> = {},
): Promise<string> {
  const name = uniqueName('quai-test');
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  await waitFor(
    async () => client.tryGet({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: name, name: 'default' }),
    { timeoutMs: 60_000, what: `the default service account in ${name}` },
  );
  return name;
}

/**
 * Makes quai-system as Quai makes it (restricted Pod Security enforced) if no earlier test did:
 * test files must not rely on the order they run in, and a later file may check its labels.
 */
export async function ensureSystemNamespace(client: KubeClient): Promise<void> {
  await backup.ensureSystemNamespace(client);
}

export async function deleteNamespace(client: KubeClient, name: string): Promise<void> {
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name }).catch(() => undefined);
}

export function deployment(name: string, namespace: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name } },
    spec: {
      replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'registry.example/web:1.0',
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}
