import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuaiError } from '@quai/core';
import { KubeApiError, KubeClient, waitFor, type KubeObject } from '@quai/core';
import { createNamespace, deleteNamespace, deployment, testClient, uniqueName } from './helpers.js';

interface PodObject extends KubeObject {
  readonly spec: { readonly nodeName?: string };
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

let client: KubeClient;
let ns: string;

beforeAll(async () => {
  client = await testClient();
  ns = await createNamespace(client);
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

describe('the local control plane is a real Kubernetes', () => {
  it('runs a Deployment of 3 replicas as 3 Ready pods on the fake nodes', async () => {
    const name = uniqueName('web');
    await client.apply(deployment(name, ns, 3), { fieldManager: 'quai-test' });
    const ready = await waitFor(
      async () => {
        const d = await client.get<KubeObject & { status?: { readyReplicas?: number } }>({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: ns,
          name,
        });
        return (d.status?.readyReplicas ?? 0) === 3 ? d : undefined;
      },
      { timeoutMs: 90_000, what: `3 ready replicas of ${name}` },
    );
    expect(ready.status?.readyReplicas).toBe(3);
    const pods = await client.list<PodObject>('v1', 'Pod', {
      namespace: ns,
      labelSelector: `app.kubernetes.io/name=${name}`,
    });
    expect(pods).toHaveLength(3);
    const nodes = new Set((await client.list('v1', 'Node')).map((n) => n.metadata.name));
    for (const pod of pods) {
      expect(nodes.has(pod.spec.nodeName)).toBe(true);
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
  });

  it('runs a Job to completion', async () => {
    const name = uniqueName('setup');
    await client.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: ns },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'migrate', image: 'registry.example/migrate:1.0' }],
          },
        },
      },
    });
    const job = await waitFor(
      async () => {
        const j = await client.get<
          KubeObject & { status?: { succeeded?: number; conditions?: { type: string; status: string }[] } }
        >({
          apiVersion: 'batch/v1',
          kind: 'Job',
          namespace: ns,
          name,
        });
        return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')
          ? j
          : undefined;
      },
      { timeoutMs: 90_000, what: `job ${name} to complete` },
    );
    expect(job.status?.succeeded).toBe(1);
  });

  it('deletes a namespace with its content (the controller-manager at work)', async () => {
    const doomed = await createNamespace(client);
    await client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: doomed },
      data: { a: '1' },
    });
    await client.apply(deployment('api', doomed, 1), { fieldManager: 'quai-test' });
    await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: doomed });
    await waitFor(
      async () =>
        (await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: doomed })) === undefined
          ? true
          : undefined,
      { timeoutMs: 90_000, what: `namespace ${doomed} to disappear` },
    );
    const left = await client.list('v1', 'ConfigMap', { namespace: doomed });
    expect(left).toHaveLength(0);
  });

  it('reports field conflicts between two server-side apply managers, and --force takes over', async () => {
    const name = uniqueName('cfg');
    const cm = (value: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: ns },
      data: { mode: value },
    });
    await client.apply(cm('alpha'), { fieldManager: 'team-a' });
    const error = await client.apply(cm('beta'), { fieldManager: 'team-b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeApiError);
    const e = error as KubeApiError;
    expect(e.code).toBe('CONFLICT');
    expect(e.status).toBe(409);
    expect(e.serverMessage).toContain('team-a');
    expect(e.causes.some((c) => c.reason === 'FieldManagerConflict' && c.field === '.data.mode')).toBe(true);
    expect(e.hint).toContain('--force-conflicts');
    const forced = await client.apply<KubeObject & { data: { mode: string } }>(cm('beta'), {
      fieldManager: 'team-b',
      force: true,
    });
    expect(forced.data.mode).toBe('beta');
    const managers = (forced.metadata.managedFields as { manager: string }[]).map((m) => m.manager);
    expect(managers).toContain('team-b');
    expect(managers).not.toContain('team-a');
  });

  it("returns the API server's own validation message for a server-side dry-run of an invalid object", async () => {
    const bad = deployment('Invalid_Name', ns, -1);
    const error = await client
      .apply(bad, { fieldManager: 'quai-test', dryRun: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeApiError);
    const e = error as KubeApiError;
    expect(e.code).toBe('INVALID');
    expect(e.status).toBe(422);
    expect(e.serverMessage).toMatch(/metadata\.name: Invalid value: "Invalid_Name"/);
    expect(e.serverMessage).toMatch(/spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
    expect(e.causes.map((c) => c.field)).toEqual(expect.arrayContaining(['metadata.name', 'spec.replicas']));
  });

  it('dry-run creates nothing', async () => {
    const name = uniqueName('dry');
    await client.apply(deployment(name, ns, 1), { fieldManager: 'quai-test', dryRun: true });
    expect(
      await client.tryGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name }),
    ).toBeUndefined();
  });

  it('rejects a privileged pod in a namespace enforcing the restricted Pod Security Standard', async () => {
    const restricted = await createNamespace(client, { 'pod-security.kubernetes.io/enforce': 'restricted' });
    try {
      const error = await client
        .create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'root', namespace: restricted },
          spec: {
            containers: [{ name: 'c', image: 'registry.example/x:1', securityContext: { privileged: true } }],
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KubeApiError);
      const e = error as KubeApiError;
      expect(e.code).toBe('FORBIDDEN');
      expect(e.serverMessage).toContain('violates PodSecurity "restricted:latest"');
      expect(e.serverMessage).toContain('privileged');
    } finally {
      await deleteNamespace(client, restricted);
    }
  });

  it('gives typed NotFound errors and tryGet returns undefined', async () => {
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'does-not-exist' };
    await expect(client.get(ref)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await client.tryGet(ref)).toBeUndefined();
  });

  it('names the missing RBAC right precisely (verb, resource, namespace)', async () => {
    const sa = uniqueName('viewer');
    await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ns } });
    const tokenRequest = await client.request<{ status: { token: string } }>({
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 600 },
      },
    });
    const limited = new KubeClient(
      { ...client.access, auth: { kind: 'token', token: tokenRequest.status.token } },
      { retries: 0 },
    );
    try {
      const error = await limited.list('v1', 'Secret', { namespace: ns }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KubeApiError);
      const e = error as KubeApiError;
      expect(e.code).toBe('FORBIDDEN');
      expect(e.serverMessage).toContain(`system:serviceaccount:${ns}:${sa}`);
      expect(e.serverMessage).toContain('cannot list resource "secrets"');
      expect(e.serverMessage).toContain(`in the namespace "${ns}"`);
    } finally {
      limited.close();
    }
  });

  it('refuses expired or wrong credentials with UNAUTHORIZED', async () => {
    const wrong = new KubeClient(
      { ...client.access, auth: { kind: 'token', token: 'not-a-token' } },
      { retries: 0 },
    );
    try {
      const error = (await wrong
        .version()
        .then(() => wrong.list('v1', 'Namespace'))
        .catch((e: unknown) => e)) as QuaiError;
      expect(error.code).toBe('UNAUTHORIZED');
    } finally {
      wrong.close();
    }
  });

  it('fails with a clear error for a kind the cluster does not serve', async () => {
    const error = (await client
      .apply(
        { apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w', namespace: ns } },
        { fieldManager: 'quai-test' },
      )
      .catch((e: unknown) => e)) as QuaiError;
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('does not serve kind "Widget" in "example.org/v1"');
  });
});
