import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, type AppSpec } from '@quai/contracts';
import type { KubeClient } from '@quai/core';
import { backup, deploy, model, render, waitFor, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let ns: string;
let root: string;
let target: backup.DirectoryTarget;
const key = backup.keyFrom(Buffer.alloc(32, 7));
const namespaces: string[] = [];

const app = (namespace: string): AppSpec => ({
  apiVersion: 'quai.dev/v1alpha1',
  kind: 'App',
  metadata: { name: 'ledger' },
  spec: {
    namespace,
    components: {
      web: {
        image: 'registry.example/ledger/web:3.1.0',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        replicas: 2,
        secretEnv: { DB_PASSWORD: { secret: 'ledger-db', key: 'password' } },
        volumes: [
          {
            name: 'uploads',
            mountPath: '/srv/uploads',
            type: 'persistent',
            size: '2Gi',
            accessMode: 'ReadWriteMany',
          },
        ],
      },
    },
  },
});

async function gone(name: string): Promise<void> {
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name });
  await waitFor(
    async () =>
      (await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name })) === undefined ? true : undefined,
    {
      timeoutMs: 120_000,
      what: `namespace ${name} deleted`,
    },
  );
}

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
  ns = uniqueName('quai-test-ledger');
  namespaces.push(ns);
  const r = render.render({
    app: app(ns),
    platform: model.defaultPlatform(),
    environment: 'prod',
    secrets: { 'ledger-db': { password: 's3cret-Value-42' } },
  });
  const result = await deploy.apply(
    client,
    { app: 'ledger', environment: 'prod', namespace: ns },
    r.objects,
    { timeoutMs: 60_000 },
  );
  expect(result.status).toBe('deployed');
  // A RoleBinding to a service account of the namespace, to check namespace mapping.
  await client.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'auditor', namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'ServiceAccount', name: 'ledger', namespace: ns }],
  });
  root = mkdtempSync(join(tmpdir(), 'quai-backups-'));
  target = new backup.DirectoryTarget(root);
});

afterAll(async () => {
  for (const n of namespaces) await deleteNamespace(client, n);
  client.close();
});

describe('backup and restore on a real cluster', () => {
  it('backs up a namespace with its cluster-scoped dependencies, encrypted, index last', async () => {
    const index = await backup.createBackup(client, target, {
      name: 'nightly-1',
      namespaces: [ns],
      clusterResources: 'auto',
      key,
    });
    expect(index.status).toBe('completed');
    expect(index.encryption).toEqual({ algorithm: 'aes-256-gcm', keyId: key.id });
    expect(index.counts['Deployment.apps']).toBe(1);
    expect(index.counts['Secret']).toBeGreaterThanOrEqual(1);
    expect(index.counts['Namespace']).toBe(1);
    expect(index.counts['PersistentVolume']).toBe(1);
    expect(index.counts['ClusterRole.rbac.authorization.k8s.io']).toBe(1);
    expect(index.counts['StorageClass.storage.k8s.io']).toBe(1);
    expect(index.counts['Pod']).toBeUndefined();
    expect(index.counts['ReplicaSet.apps']).toBeUndefined();
    for (const f of readdirSync(join(root, 'nightly-1', 'resources'))) {
      expect(
        readFileSync(join(root, 'nightly-1', 'resources', f)).includes(Buffer.from('s3cret-Value-42')),
      ).toBe(false);
    }
    expect((await target.list()).map((b) => b.name)).toEqual(['nightly-1']);
  });

  it('leaves nothing visible when a backup is interrupted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('Ctrl-C'));
    await expect(
      backup.createBackup(client, target, {
        name: 'broken',
        namespaces: [ns],
        clusterResources: 'auto',
        key,
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    expect(readdirSync(root).sort()).toEqual(['nightly-1']);
  });

  it('restores a deleted namespace: objects back, secrets intact, workloads ready; a re-run duplicates nothing', async () => {
    // The volume outlives its namespace (Retain): it stays Released and cannot be bound again.
    const pvc = await client.get<KubeObject & { spec: { volumeName: string } }>({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      namespace: ns,
      name: 'ledger-uploads',
    });
    await client.request({
      method: 'PATCH',
      path: `/api/v1/persistentvolumes/${pvc.spec.volumeName}`,
      contentType: 'application/merge-patch+json',
      body: { spec: { persistentVolumeReclaimPolicy: 'Retain' } },
    });
    await gone(ns);
    const dry = await backup.restoreBackup(client, target, 'nightly-1', { key, dryRun: true });
    expect(dry.counts['would-create']).toBeGreaterThan(5);
    expect(dry.counts.created).toBe(0);
    const result = await backup.restoreBackup(client, target, 'nightly-1', { key });
    expect(result.status).toBe('completed');
    expect(result.counts.failed).toBe(0);
    expect(
      result.warnings
        .map((w) => textOf('en', w))
        .some((w) => w.includes('ledger-uploads') && w.includes('fresh, empty one')),
    ).toBe(true);
    const secret = await client.get<KubeObject & { data: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: ns,
      name: 'ledger-db',
    });
    expect(Buffer.from(secret.data['password'] ?? '', 'base64').toString()).toBe('s3cret-Value-42');
    const svc = await client.get<KubeObject & { spec: { clusterIP: string } }>({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: ns,
      name: 'web',
    });
    expect(svc.spec.clusterIP).toMatch(/^10\.96\./);
    await deploy.waitForReady(
      client,
      [
        await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' }),
        await client.get({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          namespace: ns,
          name: 'ledger-uploads',
        }),
      ],
      { timeoutMs: 60_000 },
    );
    const again = await backup.restoreBackup(client, target, 'nightly-1', { key });
    expect(again.counts.created).toBe(0);
    expect(again.counts.failed).toBe(0);
    expect(again.counts.skipped).toBe(result.counts.created + result.counts.skipped);
    // The retained volume is ours to clean up.
    await client.delete({ apiVersion: 'v1', kind: 'PersistentVolume', name: pvc.spec.volumeName });
  });

  it('restores under a namespace mapping, rewriting binding subjects', async () => {
    const copy = uniqueName('quai-test-copy');
    namespaces.push(copy);
    const result = await backup.restoreBackup(client, target, 'nightly-1', {
      key,
      namespaceMapping: { [ns]: copy },
    });
    expect(result.counts.failed).toBe(0);
    const rb = await client.get<KubeObject & { subjects: { namespace: string }[] }>({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      namespace: copy,
      name: 'auditor',
    });
    expect(rb.subjects[0]?.namespace).toBe(copy);
  });

  it('refuses a tampered file, a wrong key, a newer format and a path-traversal entry', async () => {
    const dir = join(root, 'nightly-1');
    const file = readdirSync(join(dir, 'resources')).find((f) => f.startsWith('Service.'))!;
    const original = readFileSync(join(dir, 'resources', file));
    const tampered = Buffer.from(original);
    tampered[40] = (tampered[40] ?? 0) ^ 0xff;
    writeFileSync(join(dir, 'resources', file), tampered);
    await expect(backup.restoreBackup(client, target, 'nightly-1', { key })).rejects.toThrow(
      /does not match its checksum/,
    );
    writeFileSync(join(dir, 'resources', file), original);

    await expect(
      backup.restoreBackup(client, target, 'nightly-1', { key: backup.keyFrom(Buffer.alloc(32, 9)) }),
    ).rejects.toThrow(/encrypted with key/);

    const indexText = readFileSync(join(dir, 'index.json'), 'utf8');
    writeFileSync(join(dir, 'index.json'), indexText.replace('"format": 3', '"format": 9'));
    await expect(backup.restoreBackup(client, target, 'nightly-1', { key })).rejects.toThrow(
      /uses format 9; this Quai reads format 3/,
    );
    writeFileSync(
      join(dir, 'index.json'),
      indexText.replace(/"path": "resources\/Service\.[^"]*"/, '"path": "resources/../../etc/passwd.json"'),
    );
    await expect(backup.restoreBackup(client, target, 'nightly-1', { key })).rejects.toThrow(
      /invalid|outside the backup/,
    );
    writeFileSync(join(dir, 'index.json'), indexText);
  });

  it('proves the backup with a drill: restored in scratch namespaces, ready, timed, cleaned up', async () => {
    const report = await backup.drill(client, target, 'nightly-1', { key, timeoutMs: 90_000 });
    expect(report.status).toBe('pass');
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['every object restored', true],
      ['workloads ready', true],
    ]);
    expect(report.recoverySeconds).toBeGreaterThan(0);
    const scratch = Object.values(report.scratchNamespaces)[0]!;
    expect(scratch).toMatch(/-drill-[0-9a-f]{6}$/);
    const left = await client.tryGet<KubeObject & { status?: { phase?: string } }>({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: scratch,
    });
    expect(left === undefined || left.status?.phase === 'Terminating').toBe(true);
  });

  it('leaves Secrets out of an unencrypted backup, saying so', async () => {
    const index = await backup.createBackup(client, target, {
      name: 'plain-1',
      namespaces: [ns],
      clusterResources: 'no',
    });
    expect(index.encryption).toBe('none');
    expect(index.counts['Secret']).toBeUndefined();
    expect(
      index.warnings
        .map((w) => textOf('en', w))
        .some((w) => w.includes('ledger-db') && w.includes('never stored in clear')),
    ).toBe(true);
  });
});
