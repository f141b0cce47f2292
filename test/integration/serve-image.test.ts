// `quai serve` as the cluster runs it: Quai's own image (built from Debian packages and this
// checkout's build, as `quai dev image build quai` makes it), deployed with the manifests
// `quai serve manifests` prints, on the real node. The web console is in the image and served;
// a token signs in, which writes the session into the SQLite store on the pod's volume (the
// image's Node.js runs the store on its own node:sqlite: the install runs no native build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverManifests } from '@quai/api';
import { waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { realNodeNamespaceAnnotations } from '@quai/devcluster';
import { hasRealNode, podLogs, realImage, realNodeAddress } from '../components/real-node.js';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';
import { createHash } from 'node:crypto';

const TOKEN = 'serve-image-e2e-token-0123456789abcdef';
let client: KubeClient;
let ns: string;
let url: string;

/** The manifests as a user applies them, with two changes for this cluster: its pods on the real node, a NodePort. */
function adapted(objects: readonly KubeObject[]): KubeObject[] {
  return objects.map((o) => {
    if (o.kind === 'Namespace')
      return { ...o, metadata: { ...o.metadata, annotations: realNodeNamespaceAnnotations() } };
    if (o.kind === 'PersistentVolumeClaim')
      // The local cluster has no default storage class: its real node's is named.
      return { ...o, spec: { ...(o['spec'] as object), storageClassName: 'quai-local' } };
    if (o.kind === 'Service') return { ...o, spec: { ...(o['spec'] as object), type: 'NodePort' } };
    return o;
  });
}

beforeAll(async () => {
  if (!hasRealNode()) return;
  client = await testClient();
  ns = uniqueName('quai-serve-image');
  const objects = adapted(
    serverManifests({
      namespace: ns,
      image: await realImage('quai'),
      storage: 'sqlite',
      replicas: 1,
      config: {
        auth: {
          tokens: [
            {
              user: 'serve-image-admin',
              groups: [],
              sha256: createHash('sha256').update(TOKEN).digest('hex'),
            },
          ],
          sessionTtl: 3_600_000,
          idleTimeout: 3_600_000,
          loginAttemptsPerMinute: 10,
        },
      },
    }),
  );
  for (const o of objects) await client.apply(o, { fieldManager: 'quai-serve-image-test', force: true });
  const service = await client.get<KubeObject & { spec: { ports: { nodePort: number }[] } }>({
    apiVersion: 'v1',
    kind: 'Service',
    namespace: ns,
    name: 'quai',
  });
  url = `http://${await realNodeAddress()}:${service.spec.ports[0]?.nodePort ?? 0}`;
  // On a timeout, the pods' state, the namespace's events and the server's log say why.
  let seen = '';
  await waitFor(
    async () => {
      const d = await client.get<KubeObject & { status?: { readyReplicas?: number } }>({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: ns,
        name: 'quai',
      });
      if ((d.status?.readyReplicas ?? 0) >= 1) return true;
      const pods = await client.list('v1', 'Pod', { namespace: ns });
      const events = await client.list('v1', 'Event', { namespace: ns });
      const logs = await Promise.all(
        pods.map((p) => podLogs(client, ns, p.metadata.name ?? '').catch((e: unknown) => String(e))),
      );
      seen = JSON.stringify(
        {
          pods: pods.map((p) => p['status']),
          events: events.map((e) => `${String(e['reason'])}: ${String(e['message'])}`),
          logs: logs.map((l) => String(l ?? '').slice(-2000)),
        },
        null,
        1,
      );
      return undefined;
    },
    { timeoutMs: 240_000, intervalMs: 2000, what: `quai serve Ready in ${ns}` },
    () => seen,
  );
  // Ready is not yet reachable: kube-proxy programs the NodePort after the endpoints change (CI
  // met ECONNREFUSED right after Ready on a loaded machine).
  await waitFor(
    async () => ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true ? true : undefined),
    { timeoutMs: 120_000, intervalMs: 1000, what: `quai serve to answer on ${url}` },
  );
}, 300_000);

afterAll(async () => {
  if (client === undefined) return;
  await deleteNamespace(client, ns);
  for (const kind of ['ClusterRole', 'ClusterRoleBinding'])
    await client
      .delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, name: 'quai-server' })
      .catch(() => undefined);
});

describe.skipIf(!hasRealNode())("quai serve in Quai's image, on the real node", () => {
  it('serves the web console and signs a token in, keeping the session in SQLite', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${url}/${script ?? ''}`)).status).toBe(200);

    expect((await fetch(`${url}/api/v1/auth/me`)).status).toBe(401);
    const signIn = await fetch(`${url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = await fetch(`${url}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user?: string }).user).toBe('serve-image-admin');
  }, 60_000);
});
