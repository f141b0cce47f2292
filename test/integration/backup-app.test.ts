import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpec } from '@quai/contracts';
import { backup, deploy, model, QuaiError, render, type KubeClient } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

// `--app`: an app is found by its ApplySet parent (written by `quai apply`); a namespace shared
// with other apps is narrowed by the app label, in backups and in restores.
let client: KubeClient;
let root: string;
let target: backup.DirectoryTarget;
const key = backup.keyFrom(Buffer.alloc(32, 9));
const own = uniqueName('quai-test-app-own');
const shared = uniqueName('quai-test-app-shared');
const restored = uniqueName('quai-test-app-restored');
const platform = model.defaultPlatform();

function spec(name: string, namespace: string, component = 'web'): AppSpec {
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name },
    spec: {
      namespace,
      components: {
        [component]: {
          image: `registry.example/${name}/web:1.0.0`,
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          replicas: 1,
        },
      },
    },
  };
}

async function applyApp(s: AppSpec, takeOwnership = false): Promise<void> {
  const r = render.render({ app: s, platform, environment: 'prod' });
  await deploy.apply(
    client,
    { app: s.metadata.name, environment: 'prod', namespace: r.namespace },
    r.objects,
    { timeoutMs: 60_000, takeOwnership },
  );
}

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
  root = mkdtempSync(join(tmpdir(), 'quai-backup-app-'));
  target = new backup.DirectoryTarget(root);
  await applyApp(spec('solo', own));
  await applyApp(spec('beta', shared));
  // Component names are unique per namespace. The namespace's guardrails (LimitRange, default
  // NetworkPolicies), rendered with each app, belong to the first: the second app takes them over
  // explicitly (deploy never takes another app's objects silently).
  await applyApp(spec('gamma', shared, 'api'), true);
}, 180_000);

afterAll(async () => {
  for (const ns of [own, shared, restored]) await deleteNamespace(client, ns);
  client.close();
  rmSync(root, { recursive: true, force: true });
});

describe('backups and restores of one app', () => {
  it('finds an app by its ApplySet parent, narrowed by its label where the namespace is shared', async () => {
    expect(await backup.appScope(client, 'solo')).toEqual({ namespaces: [own] });
    expect(await backup.appScope(client, 'beta')).toEqual({
      namespaces: [shared],
      labelSelector: 'app.kubernetes.io/part-of=beta',
    });
    const missing = await backup.appScope(client, 'never-deployed').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QuaiError);
    expect((missing as QuaiError).code).toBe('NOT_FOUND');
    expect((missing as QuaiError).message).toContain('never-deployed');
  });

  it("backs up an app's scope, and restores one app of a shared namespace under another name", async () => {
    const scope = await backup.appScope(client, 'beta');
    const index = await backup.createBackup(client, target, {
      name: 'beta-only',
      namespaces: scope.namespaces,
      ...(scope.labelSelector ? { labelSelector: scope.labelSelector } : {}),
      clusterResources: 'auto',
      key,
    });
    expect(index.status).toBe('completed');
    const deployments = await backup.readBackup(target, 'beta-only', key);
    const names = deployments.objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    expect(names).toEqual(['web']);

    // A whole-namespace backup holds both apps; restoring --app beta brings back beta alone.
    await backup.createBackup(client, target, {
      name: 'shared-all',
      namespaces: [shared],
      clusterResources: 'auto',
      key,
    });
    const result = await backup.restoreBackup(client, target, 'shared-all', {
      key,
      app: 'beta',
      namespaceMapping: { [shared]: restored },
    });
    expect(result.status).toBe('completed');
    const listed = await client.list('apps/v1', 'Deployment', { namespace: restored });
    expect(listed.map((d) => d.metadata.name)).toEqual(['web']);
    const parent = await client.tryGet({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: restored,
      name: deploy.applySetParentName('beta'),
    });
    expect(parent).toBeDefined();

    const wrong = await backup
      .restoreBackup(client, target, 'shared-all', { key, app: 'solo', dryRun: true })
      .catch((e: unknown) => e);
    expect((wrong as QuaiError).code).toBe('USAGE');
    expect((wrong as QuaiError).message).toContain('holds no app "solo"');
  });
});
